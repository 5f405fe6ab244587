/* dg_cli: see dg_cli.h. */
#include "dg_cli.h"

#include <string.h>

void dg_cli_print_summary(FILE *fp, const dg_build_opts *o, const dg_build_stats *st) {
  fprintf(fp, "documents: %zu read", st->docs);
  if (st->failed) fprintf(fp, ", %zu skipped", st->failed);
  fprintf(fp, " (%.1f KB)\n", (double)st->bytes / 1024.0);
  fprintf(fp, "entities:  %zu\n", st->entities);
  for (unsigned b = 0; b < DG_C__COUNT; b++)
    if (st->per_class[b]) fprintf(fp, "  %-16s %zu\n", dg_class_name(b), st->per_class[b]);
  fprintf(fp, "facts:     %zu (%zu quads, %zu evidence quads)\n", st->facts, st->quads,
          st->evidence_quads);
  fprintf(fp, "written to %s/:", o->outdir);
  for (size_t i = 0; i < st->nwritten; i++) fprintf(fp, " %s", st->written[i]);
  fprintf(fp, "\n");
  if (o->verbose > 0) {
    fprintf(fp, "time: extract %.3fs, merge %.3fs, graph %.3fs, write %.3fs\n", st->t_extract,
            st->t_merge, st->t_graph, st->t_write);
    fprintf(fp, "cpu:  extract %.3fs, graph %.3fs, write %.3fs (user + system, all threads)\n",
            st->c_extract, st->c_graph, st->c_write);
  }
}

