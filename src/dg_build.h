/* dg_build: the whole pipeline for one run of `diplograph build`.
 *
 * Lists the inputs, reads and extracts every document (in parallel with
 * jobs > 1; results are merged in input order, so output never depends on
 * scheduling), merges them into one dg_graph, and runs the exporters into
 * the output directory. Each output file is replaced atomically; if the run
 * fails, the previous outputs stay as they were.
 * Ownership: options are borrowed; the caller frees the stats' nothing. */
#ifndef DG_BUILD_H
#define DG_BUILD_H

#include <stddef.h>

#include "dg_error.h"
#include "dg_graph.h"

typedef struct dg_build_opts {
  char *const *inputs;
  size_t ninputs;
  const char *outdir;         /* default "out" */
  const char *base;           /* IRI base, default DG_DEFAULT_BASE */
  const char *ontology_dir;   /* gazetteers; default: found next to the binary */
  int jobs;                   /* worker threads; <= 0: number of cores */
  int verbose;                /* -1 quiet, 0 normal, 1 verbose */
  int fail_fast;              /* stop at the first bad document */
  int no_output;              /* extract only (benchmarks) */
  const char *store;          /* "sqlite" (default), "hashes", "postgresql", "none" */
  const char *store_options;
  int no_dot;                 /* skip graph.dot / graph.svg */
  int no_html;                /* skip index.html */
} dg_build_opts;

typedef struct dg_build_stats {
  size_t docs, failed, bytes;
  size_t entities, facts, quads, evidence_quads;
  size_t per_class[32];
  double t_extract; /* reading, extraction and merging (they overlap with jobs > 1) */
  double t_merge;   /* of which merging results into the graph, on one thread */
  double t_graph, t_write; /* finalizing the graph; exporters */
  double c_extract, c_graph, c_write; /* CPU time (user + system, all threads) of the same phases */
  char written[16][64];
  size_t nwritten;
} dg_build_stats;

int dg_build_run(const dg_build_opts *opts, dg_build_stats *stats, dg_error *err);

/* The pipeline up to the finalized graph, without writing anything (the
 * output directory is created unless opts->no_output). On success *out is a
 * graph the caller frees with dg_graph_free. */
int dg_build_graph(const dg_build_opts *opts, dg_graph **out, dg_build_stats *stats,
                   dg_error *err);

/* The directory holding diplograph.ttl and the gazetteers: opts value, then
 * $DIPLOGRAPH_ONTOLOGY, then the source tree, then the install prefix. */
const char *dg_build_ontology_dir(const char *given);

#endif
