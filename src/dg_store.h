/* dg_store: writes the graph into a Redland store (sqlite, hashes,
 * postgresql) with one context per source document. */
#ifndef DG_STORE_H
#define DG_STORE_H

#include "dg_build.h"
#include "dg_graph.h"

/* Writes the store chosen by o->store into outdir (or the server named by
 * o->store_options); "none" writes nothing. Adds what it wrote to st. */
int dg_store_write(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err);

#endif
