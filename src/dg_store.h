/* dg_store: the Redland stores. A build writes the graph into one (sqlite by
 * default: out/kg.sqlite; BDB hashes: out/kg-*.db; or a PostgreSQL model),
 * with every fact in the context of its source document, exactly as in
 * graph.nq, and the evidence quads of evidence.nq in their sentence
 * contexts; `diplograph query` opens one for SPARQL.
 *
 * Loading goes through librdf (librdf_model_context_add_statement), so the
 * schema is Redland's own and rdfproc opens the result. What makes it fast:
 * one transaction around the load and an index on literals(text) added to
 * the sqlite file before it (librdf looks every literal up by text), plus
 * query indexes after it (dg_store_sql). A rebuild never touches the
 * previous store until the new one is complete: sqlite is built in a
 * temporary file renamed over kg.sqlite; hashes in temporary files renamed
 * over kg-*.db; PostgreSQL in a temporary model whose table is swapped in
 * with the old one dropped, in one SQL transaction.
 * Ownership: a dg_store_spec owns its strings; dg_store_open hands the
 * caller a model and storage to free (model first). */
#ifndef DG_STORE_H
#define DG_STORE_H

#include <redland.h>

#include "dg_build.h"
#include "dg_graph.h"

/* Where a store lives, from --store TYPE and --store-options "k=v,k='v'".
 * sqlite, hashes: dir (default: the output directory), name (default kg).
 * postgresql: host (localhost), port (5432), database, user, password, and
 * name (the model name, default kg). */
typedef struct dg_store_spec {
  char *type; /* "sqlite", "hashes", "postgresql" or "none" */
  char *dir, *name;
  char *host, *port, *database, *user, *password;
} dg_store_spec;

/* Parses type and options (options may be NULL); default_dir is used when
 * no dir is given. Unknown types or keys are DG_ERR_USAGE. */
int dg_store_spec_parse(const char *type, const char *options, const char *default_dir,
                        dg_store_spec *spec, dg_error *err);
void dg_store_spec_free(dg_store_spec *spec);
/* A name for the store in messages: "out/kg.sqlite", "out/kg-*.db",
 * "postgresql://host:port/database model kg". Caller frees. */
char *dg_store_spec_describe(const dg_store_spec *spec);

/* A librdf world whose error log lands in a dg_error, prefixed by what. */
typedef struct dg_store_world {
  librdf_world *world;
  dg_error *err;
  const char *what; /* names the file or store in messages; borrowed */
  int failed;       /* librdf or rasqal reported an error */
} dg_store_world;

int dg_store_world_open(dg_store_world *w, const char *what, dg_error *err);
void dg_store_world_close(dg_store_world *w);

/* Opens an existing store for queries. Fails with a message naming the
 * store if it does not exist. */
int dg_store_open(dg_store_world *w, const dg_store_spec *spec, librdf_storage **storage,
                  librdf_model **model);

/* Writes the store chosen by o->store / o->store_options (in outdir for
 * sqlite and hashes); "none" writes nothing. Adds what it wrote to st. */
int dg_store_write(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err);

/* How long a build waits for another process's write lock on kg.sqlite. */
#define DG_STORE_LOCK_WAIT_MS 10000

/* Fails (DG_ERR_IO, naming the file) when the sqlite store a build would
 * replace is held by a writer in another process for longer than
 * DG_STORE_LOCK_WAIT_MS: renaming a new file over it would send that
 * writer's commit to a file that is no longer the store. Other store types
 * and a missing file pass. */
int dg_store_check_unlocked(const char *outdir, const dg_build_opts *o, dg_error *err);

/* Same, with a parsed spec; sets *nquads to the quads now in the store. */
int dg_store_write_spec(const dg_graph *g, const dg_store_spec *spec, size_t *nquads,
                        dg_error *err);

#endif
