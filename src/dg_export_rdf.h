/* dg_export_rdf: the graph through raptor's own serializers.
 *
 * graph.nq   every fact in the named graph of its source document (nquads);
 * graph.ttl  the union graph (turtle, with @prefix lines);
 * evidence.nq each fact again in the graph of its evidence sentence, and
 *            the NIF description of that sentence (nquads).
 * Each file is written to a temporary and renamed (dg_outfile). */
#ifndef DG_EXPORT_RDF_H
#define DG_EXPORT_RDF_H

#include "dg_build.h"
#include "dg_error.h"
#include "dg_graph.h"

typedef enum { DG_TABLE_FACTS, DG_TABLE_UNION, DG_TABLE_EVIDENCE } dg_table;

/* syntax is a raptor serializer name: "nquads", "turtle", "ntriples", ... */
int dg_export_raptor(const dg_graph *g, dg_table table, const char *syntax, const char *path,
                     dg_error *err);
/* Writes graph.nq, graph.ttl and evidence.nq into dir on up to `jobs`
 * threads (jobs <= 0: one per core, as dg_build_opts.jobs), each with its
 * own raptor world: graph.ttl whole on one of them, the N-Quads files (with
 * more than one thread) in parts serialized by any and appended in order,
 * else each streamed whole; the bytes are the same
 * for every jobs. After a failure no more work starts; reports the first
 * failing file in that order. Notes each file written in st. */
int dg_export_rdf_files(const dg_graph *g, const char *dir, int jobs, dg_build_stats *st,
                        dg_error *err);
int dg_export_nquads(const dg_graph *g, const char *path, dg_error *err);
int dg_export_turtle(const dg_graph *g, const char *path, dg_error *err);
int dg_export_evidence(const dg_graph *g, const char *path, dg_error *err);

#endif
