/* dg_query: SPARQL over a Redland model, through librdf and rasqal, and the
 * printing of its results.
 *
 * Data comes from a store (dg_store_open) or from RDF files loaded into an
 * in-memory indexed model. Files are parsed with raptor directly, not with
 * librdf's parser, because librdf's parser drops the graph names of N-Quads
 * and TriG: here each quad goes in as a context, so GRAPH ?g works on
 * graph.nq and evidence.nq as it does on the stores.
 *
 * Output: csv and tsv are rasqal's SPARQL 1.1 formatters; table (aligned
 * columns for people, IRIs shortened with the diplograph prefixes) and json
 * (SPARQL 1.1 JSON results; rasqal's marks unbound values with a
 * non-standard "unbound" type) are written here. ASK prints true/false,
 * CONSTRUCT prints N-Triples.
 * Ownership: the caller owns the world, the storage and the model. */
#ifndef DG_QUERY_H
#define DG_QUERY_H

#include <stdio.h>

#include "dg_store.h"

typedef enum { DG_QUERY_TABLE, DG_QUERY_CSV, DG_QUERY_TSV, DG_QUERY_JSON } dg_query_format;

/* "table", "csv", "tsv", "json" -> format; returns -1 if unknown. */
int dg_query_format_parse(const char *name);

/* Opens an in-memory model with contexts and loads files into it (syntax
 * from each file's name: .ttl, .nt, .nq, .trig, .rdf/.owl/.xml; graph names
 * become contexts). Errors name the file and line. */
int dg_query_load_files(dg_store_world *w, char *const *files, size_t nfiles,
                        librdf_storage **storage, librdf_model **model);

/* Runs the SPARQL text on model and writes its results to fp. what names
 * the query (a file name or "-e") in messages. */
int dg_query_run(dg_store_world *w, librdf_model *model, const char *sparql, const char *what,
                 dg_query_format fmt, FILE *fp);

#endif
