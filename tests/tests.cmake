# Test registration: one executable per module (tests/test_<module>.c) linked
# against dgcore, plus CLI golden-file tests (tests/cli/*.sh).
file(GLOB DG_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/test_*.c)
foreach(src ${DG_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE dgcore)
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "DIPLOGRAPH_ONTOLOGY=${CMAKE_SOURCE_DIR}/ontology")
endforeach()
file(GLOB DG_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/*.sh)
foreach(script ${DG_CLI_TESTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli_${name} COMMAND bash ${script} $<TARGET_FILE:diplograph> ${CMAKE_SOURCE_DIR}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli_${name} PROPERTIES ENVIRONMENT "DIPLOGRAPH_ONTOLOGY=${CMAKE_SOURCE_DIR}/ontology")
endforeach()
