/* dg_export: see dg_export.h. */
#include "dg_export.h"

#include <stdio.h>
#include <string.h>

#include "dg_export_dot.h"
#include "dg_export_html.h"
#include "dg_export_rdf.h"
#include "dg_store.h"

void dg_export_note_written(dg_build_stats *st, const char *name) {
  if (st->nwritten < sizeof st->written / sizeof *st->written)
    snprintf(st->written[st->nwritten++], sizeof st->written[0], "%s", name);
}

typedef int (*export_fn)(const dg_graph *, const char *, dg_error *);

static int run_one(const dg_graph *g, const char *outdir, const char *name, export_fn fn,
                   dg_build_stats *st, dg_error *err) {
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/%s", outdir, name);
  int rc = fn(g, p.data, err);
  dg_buf_free(&p);
  if (rc == 0) dg_export_note_written(st, name);
  return rc;
}

int dg_export_all(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                  dg_build_stats *st, dg_error *err) {
  int rc;
  if ((rc = run_one(g, outdir, "graph.nq", dg_export_nquads, st, err)) < 0) return rc;
  if ((rc = run_one(g, outdir, "graph.ttl", dg_export_turtle, st, err)) < 0) return rc;
  if ((rc = run_one(g, outdir, "evidence.nq", dg_export_evidence, st, err)) < 0) return rc;
  if (!o->no_dot && (rc = dg_export_dot_files(g, outdir, o, st, err)) < 0) return rc;
  if (!o->no_html && (rc = dg_export_html(g, outdir, o, st, err)) < 0) return rc;
  if ((rc = dg_store_write(g, outdir, o, st, err)) < 0) return rc;
  return 0;
}
