/* dg_cli_dot: `diplograph dot` (see dg_cli.h). */
#include <stdio.h>

#include "dg_cli.h"

int dg_cli_dot(int argc, char **argv) {
  (void)argc, (void)argv;
  fprintf(stderr, "diplograph: dot: not built yet\n");
  return 2;
}
