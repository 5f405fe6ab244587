/* dg_cli_query: `diplograph query` (see dg_cli.h). */
#include <stdio.h>

#include "dg_cli.h"

int dg_cli_query(int argc, char **argv) {
  (void)argc, (void)argv;
  fprintf(stderr, "diplograph: query: not built yet\n");
  return 2;
}
