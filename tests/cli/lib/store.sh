# store.sh: shared by the store and query CLI tests (store_*.sh, query_*.sh);
# source it after dgtest.sh.
#
# Under ASan (scripts/test's build-asan), third-party faults would fail
# every `diplograph query`: rasqal 0.9.33 leaks the machinery of queries with
# subqueries and aggregates (suppressed by tests/lsan-redland.supp), and
# librdf's BDB hashes storage compares context keys with a memcmp one byte
# longer than the key, harmless since the keys differ earlier
# (strict_memcmp=0 checks only the bytes compared). Outside ASan these
# variables do nothing.
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan-redland.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}strict_memcmp=0"
CHECK="$ROOT/tests/query_check.py"

# same_quads DIR STORE MESSAGE: the store holds exactly the quads of DIR's
# graph.nq and evidence.nq, each in its graph, none twice (STORE as
# tests/query_check.py takes it: FILE.sqlite or TYPE:OPTIONS).
same_quads() {
  $PY "$CHECK" --diplograph "$DG" --data "$1/graph.nq" --data "$1/evidence.nq" \
    --store "$2" --quads >"$T/quads.log" 2>&1 || { cat "$T/quads.log" >&2; fail "$3"; }
}

# nquads DIR: the number of distinct quads in DIR's graph.nq and evidence.nq.
nquads() {
  cat "$1/graph.nq" "$1/evidence.nq" | sort -u | grep -c .
}
