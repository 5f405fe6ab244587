/* dg_cli: the sub-commands behind main.c that are more than option parsing
 * (summary printing, `query`, `dot`). Each returns a process exit status. */
#ifndef DG_CLI_H
#define DG_CLI_H

#include <stdio.h>

#include "dg_build.h"

void dg_cli_print_summary(FILE *fp, const dg_build_opts *o, const dg_build_stats *st);
int dg_cli_query(int argc, char **argv);
int dg_cli_dot(int argc, char **argv);

#endif
