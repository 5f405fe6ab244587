/* dg_export_dot: GraphViz output of the graph (our own writer; raptor's
 * dot serializer falls short, see README). */
#ifndef DG_EXPORT_DOT_H
#define DG_EXPORT_DOT_H

#include "dg_build.h"
#include "dg_graph.h"

/* Writes outdir/graph.dot and, where Graphviz is installed, graph.svg. */
int dg_export_dot_files(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                        dg_build_stats *st, dg_error *err);

#endif
