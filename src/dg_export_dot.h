/* dg_export_dot: GraphViz output of the graph, our own writer.
 *
 * raptor's dot serializer is not used: its node ids are label text (equal
 * literals merge into one node), it does not escape < and >, it matches
 * prefixes first-found, and its time grows quadratically. This writer reads
 * a dg_view (typed entities and de-duplicated facts, never the text) and
 * draws what a reader needs: literals and types inside the node, a fill
 * colour per class with a legend, edges labelled with the property's
 * label, one cluster per event series with its events in time order,
 * shortened labels with the full label and IRI as tooltip and URL, and
 * entities that only one document mentions listed in a box beside it.
 * Node ids are synthetic (n1, n2, ... in IRI order); every string is
 * escaped for DOT's quoted strings or its HTML-like labels. Linear in the
 * size of the view apart from sorting the events of each series.
 *
 * dg_dot_render runs Graphviz as a child process to make the SVG, written
 * to a temporary and renamed like every output (dg_outfile). */
#ifndef DG_EXPORT_DOT_H
#define DG_EXPORT_DOT_H

#include <stdio.h>

#include "dg_build.h"
#include "dg_graph.h"
#include "dg_view.h"

/* Above this many nodes dot's layout is unreadable and slow: graph.dot is
 * still written, graph.svg is not. */
#define DG_DOT_MAX_NODES 400

/* What to draw of a view. NULL arrays mean everything (see dg_view_select). */
typedef struct dg_dot_part {
  const unsigned char *keep_node; /* per view node */
  const unsigned char *keep_fact; /* per view fact */
  const char *title;              /* drawn above the diagram, or NULL */
} dg_dot_part;

typedef struct dg_dot_stats {
  size_t entities;     /* entities shown, as nodes or as cells of a box */
  size_t layout_nodes; /* nodes dot lays out (a box is one) */
} dg_dot_stats;

/* Writes the DOT text. Returns 0, or DG_ERR_IO if writing to fp failed.
 * stats (if not NULL) receives what was drawn. */
int dg_dot_write(const dg_view *v, const dg_dot_part *part, FILE *fp, dg_dot_stats *stats,
                 dg_error *err);

/* Lays out dot_path with Graphviz `dot` into svg_path. Returns 0 when the
 * SVG was written; 1 when it was skipped because `dot` is not installed or
 * the graph has more than DG_DOT_MAX_NODES nodes (a note goes to stderr
 * unless verbose < 0, the missing-Graphviz note once per process); a
 * negative error when dot failed. Warnings dot prints are passed on. */
int dg_dot_render(const char *dot_path, const char *svg_path, size_t nodes, int verbose,
                  dg_error *err);

/* Writes outdir/graph.dot and, where Graphviz is installed and the graph is
 * small enough, outdir/graph.svg. */
int dg_export_dot_files(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                        dg_build_stats *st, dg_error *err);

#endif
