/* dg_export_html: the self-contained report out/index.html. */
#ifndef DG_EXPORT_HTML_H
#define DG_EXPORT_HTML_H

#include "dg_build.h"
#include "dg_graph.h"

int dg_export_html(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err);

#endif
