/* dg_export: runs every exporter of a build into the output directory.
 * The list lives here so that dg_build stays a driver and each format stays
 * in its own dg_export_*.c / dg_store.c. */
#ifndef DG_EXPORT_H
#define DG_EXPORT_H

#include "dg_build.h"
#include "dg_graph.h"

int dg_export_all(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                  dg_build_stats *st, dg_error *err);

/* Records a written file name in the build summary. */
void dg_export_note_written(dg_build_stats *st, const char *name);

#endif
