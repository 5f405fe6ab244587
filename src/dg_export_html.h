/* dg_export_html: the report out/index.html, one self-contained page an
 * analyst opens in a browser (inline CSS, the SVG diagram inlined, no
 * script, nothing fetched from the network):
 *   - the diagram (graph.svg of the same run, when dg_export_dot_files
 *     drew one; otherwise a note saying why not and what to do);
 *   - a timeline of events: date, series, number, venue, co-chairs, and
 *     the statements that report on them;
 *   - the referenced documents, how many documents cite each and with which
 *     stance (recalls, reaffirms, ...);
 *   - the programmes and bodies, their other names, and who mentions them;
 *   - the source documents, and per document every fact it states with a
 *     link to its evidence sentence (text, character offsets, file).
 * Reads the graph through dg_view (never the text); every string is
 * escaped for HTML. Written atomically (dg_outfile). */
#ifndef DG_EXPORT_HTML_H
#define DG_EXPORT_HTML_H

#include "dg_build.h"
#include "dg_graph.h"

/* Writes outdir/index.html. st->written tells whether this run wrote
 * outdir/graph.svg (a stale one from an earlier run is never inlined). */
int dg_export_html(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err);

#endif
