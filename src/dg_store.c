/* dg_store: see dg_store.h. */
#include "dg_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_export.h"
#include "dg_outfile.h"
#include "dg_store_sql.h"
#include "dg_str.h"

/* ------------------------------------------------------------ the spec */

static char **spec_field(dg_store_spec *s, const char *key) {
  if (!strcmp(key, "dir")) return &s->dir;
  if (!strcmp(key, "name")) return &s->name;
  if (!strcmp(key, "host")) return &s->host;
  if (!strcmp(key, "port")) return &s->port;
  if (!strcmp(key, "database") || !strcmp(key, "dbname")) return &s->database;
  if (!strcmp(key, "user")) return &s->user;
  if (!strcmp(key, "password")) return &s->password;
  return NULL;
}

/* Keys that make sense for a store type. */
static int key_allowed(const char *type, const char *key) {
  int local = !strcmp(type, "sqlite") || !strcmp(type, "hashes");
  if (!strcmp(key, "name")) return 1;
  return local ? !strcmp(key, "dir") : strcmp(key, "dir") != 0;
}

void dg_store_spec_free(dg_store_spec *s) {
  if (!s) return;
  free(s->type), free(s->dir), free(s->name), free(s->host), free(s->port);
  free(s->database), free(s->user), free(s->password);
  memset(s, 0, sizeof *s);
}

int dg_store_spec_parse(const char *type, const char *options, const char *default_dir,
                        dg_store_spec *s, dg_error *err) {
  memset(s, 0, sizeof *s);
  if (strcmp(type, "sqlite") && strcmp(type, "hashes") && strcmp(type, "postgresql") &&
      strcmp(type, "none"))
    return dg_error_set(err, DG_ERR_USAGE,
                        "--store: '%s' is not a store type (sqlite, hashes, postgresql, none)",
                        type);
  s->type = dg_xstrdup(type);
  const char *p = options ? options : "";
  while (*p) {
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    const char *k = p;
    while (*p && *p != '=' && *p != ',') p++;
    size_t kl = (size_t)(p - k);
    while (kl && k[kl - 1] == ' ') kl--;
    if (*p != '=') {
      dg_store_spec_free(s);
      return dg_error_set(err, DG_ERR_USAGE, "--store-options: '%.*s' is not key=value", (int)kl,
                          k);
    }
    p++;
    while (*p == ' ') p++;
    dg_buf v;
    dg_buf_init(&v);
    if (*p == '\'' || *p == '"') {
      char q = *p++;
      while (*p && *p != q) dg_buf_addc(&v, *p++);
      if (*p == q) p++;
    } else {
      while (*p && *p != ',') dg_buf_addc(&v, *p++);
      while (v.len && v.data[v.len - 1] == ' ') v.data[--v.len] = '\0';
    }
    char key[32];
    snprintf(key, sizeof key, "%.*s", (int)kl, k);
    char **f = kl < sizeof key ? spec_field(s, key) : NULL;
    const char *val = dg_buf_cstr(&v);
    int bad_key = !f || !key_allowed(type, key), bad_val = strpbrk(val, "'\\") != NULL;
    if (bad_key || bad_val) {
      dg_buf_free(&v);
      dg_store_spec_free(s);
      if (bad_val)
        return dg_error_set(err, DG_ERR_USAGE, "--store-options: %s: quotes and backslashes are "
                            "not allowed in values", key);
      return dg_error_set(err, DG_ERR_USAGE, "--store-options: no key '%.*s' for a %s store",
                          (int)kl, k, type);
    }
    free(*f);
    *f = dg_buf_steal(&v);
  }
  if (!s->name) s->name = dg_xstrdup("kg");
  if (!s->dir) s->dir = dg_xstrdup(default_dir ? default_dir : "out");
  if (!strcmp(type, "postgresql")) {
    if (!s->host) s->host = dg_xstrdup("localhost");
    if (!s->port) s->port = dg_xstrdup("5432");
    if (!s->password) s->password = dg_xstrdup("");
    if (!s->user || !s->database) {
      dg_store_spec_free(s);
      return dg_error_set(err, DG_ERR_USAGE, "--store-options: a postgresql store needs "
                          "database=... and user=... (and host, port, password)");
    }
  }
  if (!*s->name || strchr(s->name, '/')) {
    dg_store_spec_free(s);
    return dg_error_set(err, DG_ERR_USAGE, "--store-options: name must be a plain name");
  }
  return 0;
}

/* Appends the sqlite store's file name, DIR/NAME.sqlite, to b. */
static void sqlite_file(const dg_store_spec *sp, dg_buf *b) {
  dg_buf_printf(b, "%s/%s.sqlite", sp->dir, sp->name);
}

char *dg_store_spec_describe(const dg_store_spec *s) {
  dg_buf b;
  dg_buf_init(&b);
  if (!strcmp(s->type, "sqlite"))
    sqlite_file(s, &b);
  else if (!strcmp(s->type, "hashes"))
    dg_buf_printf(&b, "%s/%s-*.db", s->dir, s->name);
  else if (!strcmp(s->type, "postgresql"))
    dg_buf_printf(&b, "postgresql://%s:%s/%s model %s", s->host, s->port, s->database, s->name);
  else
    dg_buf_adds(&b, "no store");
  return dg_buf_steal(&b);
}

/* librdf's option string for the PostgreSQL connection (values are
 * quote-free: dg_store_spec_parse checked). */
static void pg_options(const dg_store_spec *s, const char *extra, dg_buf *b) {
  dg_buf_printf(b, "host='%s',port='%s',database='%s',user='%s',password='%s'", s->host, s->port,
                s->database, s->user, s->password);
  if (extra) dg_buf_printf(b, ",%s", extra);
}

/* ----------------------------------------------------------- the world */

/* rasqal 0.9.33 logs this at error level for aggregates over a subquery's
 * results, then runs the query correctly: it is not an error. */
static int spurious(const char *text) {
  return text && strstr(text, "was not bound and not used in the query");
}

static int on_log(void *user, librdf_log_message *m) {
  dg_store_world *w = user;
  const char *text = librdf_log_message_message(m);
  if (librdf_log_message_level(m) < LIBRDF_LOG_ERROR || spurious(text)) return 1;
  if (!w->failed) {
    raptor_locator *loc = librdf_log_message_locator(m);
    if (loc && loc->line > 0)
      dg_error_set(w->err, DG_ERR_RDF, "%s:%d: %s", w->what, loc->line, text ? text : "error");
    else
      dg_error_set(w->err, DG_ERR_RDF, "%s: %s", w->what, text ? text : "error");
  }
  w->failed = 1;
  return 1;
}

int dg_store_world_open(dg_store_world *w, const char *what, dg_error *err) {
  memset(w, 0, sizeof *w);
  w->err = err;
  w->what = what;
  w->world = librdf_new_world();
  if (!w->world) return dg_error_set(err, DG_ERR_RDF, "%s: cannot start librdf", what);
  librdf_world_set_logger(w->world, w, on_log);
  librdf_world_open(w->world);
  return 0;
}

void dg_store_world_close(dg_store_world *w) {
  if (w->world) librdf_free_world(w->world);
  w->world = NULL;
}

/* The error for a librdf call that returned failure: what librdf logged, or
 * else a generic line naming the step. */
static int rdf_fail(dg_store_world *w, const char *step) {
  if (!w->failed) dg_error_set(w->err, DG_ERR_RDF, "%s: %s", w->what, step);
  w->failed = 1;
  return DG_ERR_RDF;
}

/* ------------------------------------------------------------- loading */

typedef struct quad_set {
  dg_quad *slot;
  size_t cap;
} quad_set;

static uint64_t quad_hash(const dg_quad *q) {
  uint64_t h = q->s * 0x9E3779B97F4A7C15ull;
  h = (h ^ q->p) * 0xC2B2AE3D27D4EB4Full;
  h = (h ^ q->o) * 0x165667B19E3779F9ull;
  h = (h ^ q->g) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

/* Inserts q; returns 0 if it was already there. Slots use s == UINT32_MAX
 * for empty (no term id reaches it). */
static int quad_set_add(quad_set *qs, const dg_quad *q) {
  size_t i = (size_t)quad_hash(q) & (qs->cap - 1);
  while (qs->slot[i].s != UINT32_MAX) {
    if (!memcmp(&qs->slot[i], q, sizeof *q)) return 0;
    i = (i + 1) & (qs->cap - 1);
  }
  qs->slot[i] = *q;
  return 1;
}

static librdf_node *make_node(librdf_world *w, const dg_term *t) {
  if (t->kind == DG_TERM_IRI) return librdf_new_node_from_uri_string(w, (const unsigned char *)t->value);
  librdf_uri *dt = t->datatype ? librdf_new_uri(w, (const unsigned char *)t->datatype) : NULL;
  librdf_node *n = librdf_new_node_from_typed_literal(w, (const unsigned char *)t->value, t->lang, dt);
  if (dt) librdf_free_uri(dt);
  return n;
}

/* Adds every fact quad, then every evidence quad not already added, each in
 * its context, counting them in *added. Nodes are made once per term;
 * statements borrow them. */
static int feed(dg_store_world *w, librdf_model *m, const dg_graph *g, size_t *added) {
  int rc = 0;
  size_t nf = 0, ne = 0, nt = dg_graph_nterms(g);
  const dg_quad *tab[2] = {dg_graph_quads(g, &nf), dg_graph_evidence(g, &ne)};
  size_t ntab[2] = {nf, ne};
  librdf_node **cache = dg_xcalloc(nt ? nt : 1, sizeof *cache);
  quad_set qs = {NULL, 16};
  while (qs.cap < 2 * (nf + ne)) qs.cap *= 2;
  qs.slot = dg_xmalloc(qs.cap * sizeof *qs.slot);
  memset(qs.slot, 0xff, qs.cap * sizeof *qs.slot);
  for (int t = 0; t < 2 && !rc; t++)
    for (size_t i = 0; i < ntab[t] && !rc; i++) {
      const dg_quad *q = &tab[t][i];
      if (!quad_set_add(&qs, q)) continue;
      uint32_t ids[4] = {q->s, q->p, q->o, q->g};
      for (int k = 0; k < 4; k++)
        if (!cache[ids[k]] && !(cache[ids[k]] = make_node(w->world, dg_graph_term(g, ids[k])))) {
          rc = rdf_fail(w, "cannot make a librdf node");
          break;
        }
      if (rc) break;
      librdf_statement st;
      librdf_statement_init(w->world, &st);
      st.subject = cache[ids[0]];
      st.predicate = cache[ids[1]];
      st.object = cache[ids[2]];
      if (librdf_model_context_add_statement(m, cache[ids[3]], &st) || w->failed)
        rc = rdf_fail(w, "cannot add a statement");
      else
        (*added)++;
    }
  for (size_t i = 0; i < nt; i++)
    if (cache[i]) librdf_free_node(cache[i]);
  free(cache);
  free(qs.slot);
  return rc;
}

static int sync_file(const char *path, dg_error *err) {
  int fd = open(path, O_RDONLY);
  if (fd < 0 || fsync(fd) != 0) {
    int e = errno;
    if (fd >= 0) close(fd);
    return dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(e));
  }
  close(fd);
  return 0;
}

/* Creates the librdf storage factory/name/options (a new, empty store),
 * loads g into it and closes it again, setting *nq to the statements it
 * then holds. With txn,
 * the load is one transaction. sqlite_sql (or NULL) runs on the new sqlite
 * file before the load. */
static int load_store(dg_store_world *w, const dg_graph *g, const char *factory, const char *name,
                      const char *options, int txn, const char *sqlite_sql, size_t *nq) {
  int rc = 0, in_txn = 0;
  librdf_storage *storage = librdf_new_storage(w->world, factory, name, options);
  librdf_model *model = storage ? librdf_new_model(w->world, storage, NULL) : NULL;
  if (!model) {
    rc = rdf_fail(w, "cannot create the store (is its librdf-storage package installed?)");
    goto cleanup;
  }
  if (sqlite_sql && (rc = dg_sql_sqlite_exec(name, sqlite_sql, w->what, w->err)) < 0) goto cleanup;
  if (txn && librdf_model_transaction_start(model)) {
    rc = rdf_fail(w, "cannot start a transaction");
    goto cleanup;
  }
  in_txn = txn;
  *nq = 0;
  if ((rc = feed(w, model, g, nq)) < 0) goto cleanup;
  in_txn = 0;
  if ((txn && librdf_model_transaction_commit(model)) || librdf_model_sync(model) || w->failed) {
    rc = rdf_fail(w, "cannot commit the load");
    goto cleanup;
  }
cleanup:
  if (in_txn) librdf_model_transaction_rollback(model);
  if (model) librdf_free_model(model);
  if (storage) librdf_free_storage(storage); /* closes the database files */
  return rc;
}

/* -------------------------------------------------------------- sqlite */

/* librdf finds every node by text before inserting it, and looks for the
 * statement itself before adding it to a context; its schema indexes only
 * uris(uri) and triples(subjectUri, subjectBlank, predicateUri), which the
 * statement look-up (no subjectBlank term) can use by subject alone. Without
 * these, each literal costs a scan of the literals, and each statement one
 * of its subject's statements: the load grew with the square of the
 * statements about one document. */
static const char sqlite_load_indexes[] =
    "CREATE INDEX IF NOT EXISTS dg_literals_text ON literals (text);"
    "CREATE INDEX IF NOT EXISTS dg_blanks_blank ON blanks (blank);"
    "CREATE INDEX IF NOT EXISTS dg_triples_spco ON triples (subjectUri, predicateUri, contextUri, "
    "objectUri, objectLiteral);";
/* For queries: rasqal asks librdf for patterns with the predicate and/or
 * object bound, or a context; spindex already covers subject first. */
static const char sqlite_query_indexes[] =
    "CREATE INDEX IF NOT EXISTS dg_triples_po ON triples (predicateUri, objectUri, objectLiteral);"
    "CREATE INDEX IF NOT EXISTS dg_triples_ou ON triples (objectUri);"
    "CREATE INDEX IF NOT EXISTS dg_triples_ol ON triples (objectLiteral);"
    "CREATE INDEX IF NOT EXISTS dg_triples_c ON triples (contextUri);"
    "ANALYZE;";

static int write_sqlite(dg_store_world *w, const dg_graph *g, const char *path, size_t *nq) {
  int rc = 0;
  dg_outfile out = {0};
  dg_buf journal;
  dg_buf_init(&journal);
  if ((rc = dg_outfile_open(&out, path, w->err)) < 0) goto cleanup;
  fclose(out.fp); /* librdf recreates the file; dg_outfile keeps the name */
  out.fp = NULL;
  dg_buf_printf(&journal, "%s-journal", out.tmp);
  dg_sql_sqlite_tune();
  if ((rc = load_store(w, g, "sqlite", out.tmp, "new='yes',synchronous='off'", 1,
                       sqlite_load_indexes, nq)) < 0)
    goto cleanup;
  if ((rc = dg_sql_sqlite_exec(out.tmp, sqlite_query_indexes, path, w->err)) < 0) goto cleanup;
  /* dg_outfile_commit fsyncs through fp, then renames over path */
  if (!(out.fp = fopen(out.tmp, "rb"))) {
    rc = dg_error_set(w->err, DG_ERR_IO, "%s: %s", out.tmp, strerror(errno));
    goto cleanup;
  }
  rc = dg_outfile_commit(&out, w->err);
cleanup:
  if (out.tmp) dg_outfile_abort(&out);
  if (journal.data) unlink(journal.data);
  dg_buf_free(&journal);
  return rc;
}

/* -------------------------------------------------------------- hashes */

/* Renames (or, with to == NULL, removes) every file "<from>-*.db" in dir to
 * "<to>-*.db", fsyncing each first. */
static int move_hash_files(const char *dir, const char *from, const char *to, dg_error *err) {
  int rc = 0;
  DIR *d = opendir(dir);
  if (!d) return dg_error_set(err, DG_ERR_IO, "%s: %s", dir, strerror(errno));
  size_t fl = strlen(from);
  dg_strvec names;
  dg_strvec_init(&names);
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l > fl + 4 && !strncmp(e->d_name, from, fl) && e->d_name[fl] == '-' &&
        !strcmp(e->d_name + l - 3, ".db"))
      dg_strvec_push(&names, e->d_name);
  }
  closedir(d);
  dg_strvec_sort(&names);
  dg_buf a, b;
  dg_buf_init(&a);
  dg_buf_init(&b);
  for (size_t i = 0; i < names.n && !rc; i++) {
    dg_buf_reset(&a);
    dg_buf_printf(&a, "%s/%s", dir, names.v[i]);
    if (!to) {
      unlink(a.data);
      continue;
    }
    dg_buf_reset(&b);
    dg_buf_printf(&b, "%s/%s%s", dir, to, names.v[i] + fl);
    if ((rc = sync_file(a.data, err)) < 0) break;
    if (rename(a.data, b.data) != 0)
      rc = dg_error_set(err, DG_ERR_IO, "%s: cannot replace: %s", b.data, strerror(errno));
  }
  dg_buf_free(&a);
  dg_buf_free(&b);
  dg_strvec_free(&names);
  return rc;
}

static int write_hashes(dg_store_world *w, const dg_graph *g, const dg_store_spec *sp,
                        size_t *nq) {
  dg_buf tmp, opts;
  dg_buf_init(&tmp);
  dg_buf_init(&opts);
  dg_buf_printf(&tmp, ".%s.tmp%ld", sp->name, (long)getpid());
  dg_buf_printf(&opts, "hash-type='bdb',dir='%s',contexts='yes',new='yes'", sp->dir);
  move_hash_files(sp->dir, tmp.data, NULL, NULL); /* leftovers of a killed run */
  int rc = load_store(w, g, "hashes", tmp.data, opts.data, 0, NULL, nq);
  if (rc == 0) rc = move_hash_files(sp->dir, tmp.data, sp->name, w->err);
  if (rc < 0) move_hash_files(sp->dir, tmp.data, NULL, NULL);
  dg_buf_free(&tmp);
  dg_buf_free(&opts);
  return rc;
}

/* ---------------------------------------------------------- postgresql */

/* librdf's PostgreSQL storage keys a model's table by the first 8 bytes of
 * the MD5 of its name, little-endian: Statements<that number>. */
static unsigned long long pg_model_id(librdf_world *world, const char *name) {
  librdf_digest *d = librdf_new_digest(world, "MD5");
  if (!d) return 0;
  librdf_digest_init(d);
  librdf_digest_update(d, (const unsigned char *)name, strlen(name));
  librdf_digest_final(d);
  const unsigned char *md = librdf_digest_get_digest(d);
  unsigned long long h = 0;
  for (int i = 0; i < 8; i++) h += (unsigned long long)md[i] << (i * 8);
  librdf_free_digest(d);
  return h;
}

/* Loads into the model "<name>.tmp" (librdf's PostgreSQL storage cannot
 * load inside a transaction: its inserts of already-known nodes fail on the
 * primary key, which aborts a PostgreSQL transaction), then, in one SQL
 * transaction, drops the old model's table, renames the new one into its
 * place, indexes it and fixes the Models rows. Readers see the old store or
 * the new one, never a mix. */
static int write_postgresql(dg_store_world *w, const dg_graph *g, const dg_store_spec *sp,
                            size_t *nq) {
  int rc = 0;
  dg_sql_pg *pg = NULL;
  dg_buf tmpname, opts, conn, sql;
  dg_buf_init(&tmpname);
  dg_buf_init(&opts);
  dg_buf_init(&conn);
  dg_buf_init(&sql);
  dg_buf_printf(&tmpname, "%s.tmp", sp->name);
  unsigned long long id = pg_model_id(w->world, sp->name);
  unsigned long long tmpid = pg_model_id(w->world, tmpname.data);
  if (!id || !tmpid) {
    rc = rdf_fail(w, "librdf has no MD5 digest");
    goto cleanup;
  }
  pg_options(sp, "new='yes'", &opts);
  if ((rc = load_store(w, g, "postgresql", tmpname.data, opts.data, 0, NULL, nq)) < 0)
    goto cleanup;

  dg_buf_printf(&conn, "host='%s' port='%s' dbname='%s' user='%s' password='%s'", sp->host,
                sp->port, sp->database, sp->user, sp->password);
  if ((rc = dg_sql_pg_connect(conn.data, w->what, &pg, w->err)) < 0) goto cleanup;
  dg_buf_printf(&sql,
                "SET client_min_messages = warning;"
                "BEGIN;"
                "DROP TABLE IF EXISTS Statements%llu;"
                "ALTER TABLE Statements%llu RENAME TO Statements%llu;"
                "CREATE INDEX Statements%llu_spo ON Statements%llu (Subject, Predicate, Object);"
                "CREATE INDEX Statements%llu_po ON Statements%llu (Predicate, Object);"
                "CREATE INDEX Statements%llu_o ON Statements%llu (Object);"
                "CREATE INDEX Statements%llu_c ON Statements%llu (Context);"
                "DELETE FROM Models WHERE ID IN (%llu, %llu);"
                "INSERT INTO Models (ID, Name) VALUES (%llu, '%s');"
                "COMMIT;",
                id, tmpid, id, id, id, id, id, id, id, id, id, id, tmpid, id, sp->name);
  if ((rc = dg_sql_pg_exec(pg, sql.data, w->err)) < 0) {
    dg_sql_pg_exec(pg, "ROLLBACK", NULL);
    goto cleanup;
  }
  dg_buf_reset(&sql);
  dg_buf_printf(&sql, "ANALYZE Statements%llu", id);
  rc = dg_sql_pg_exec(pg, sql.data, w->err);
cleanup:
  dg_sql_pg_close(pg);
  dg_buf_free(&tmpname);
  dg_buf_free(&opts);
  dg_buf_free(&conn);
  dg_buf_free(&sql);
  return rc;
}

/* ------------------------------------------------------------- opening */

int dg_store_open(dg_store_world *w, const dg_store_spec *sp, librdf_storage **storage,
                  librdf_model **model) {
  int rc = 0;
  dg_buf path, opts;
  dg_buf_init(&path);
  dg_buf_init(&opts);
  *storage = NULL;
  *model = NULL;
  const char *factory = sp->type, *name = sp->name;
  if (!strcmp(sp->type, "sqlite")) {
    sqlite_file(sp, &path);
    name = path.data;
    dg_buf_adds(&opts, "new='no'");
  } else if (!strcmp(sp->type, "hashes")) {
    dg_buf_printf(&path, "%s/%s-sp2o.db", sp->dir, sp->name);
    dg_buf_printf(&opts, "hash-type='bdb',dir='%s',contexts='yes',write='no'", sp->dir);
  } else if (!strcmp(sp->type, "postgresql")) {
    pg_options(sp, NULL, &opts);
  } else {
    rc = dg_error_set(w->err, DG_ERR_USAGE, "no store to query (--store none)");
    goto cleanup;
  }
  if (path.data && access(path.data, R_OK) != 0) {
    rc = dg_error_set(w->err, DG_ERR_INPUT, "%s: %s (run diplograph build first)", path.data,
                      strerror(errno));
    goto cleanup;
  }
  if (!(*storage = librdf_new_storage(w->world, factory, name, opts.data))) {
    rc = rdf_fail(w, "cannot open the store");
    goto cleanup;
  }
  if (!(*model = librdf_new_model(w->world, *storage, NULL))) {
    librdf_free_storage(*storage);
    *storage = NULL;
    rc = rdf_fail(w, "cannot open the store");
  }
cleanup:
  dg_buf_free(&path);
  dg_buf_free(&opts);
  return rc;
}

/* ------------------------------------------------------------- writing */

int dg_store_write_spec(const dg_graph *g, const dg_store_spec *sp, size_t *nquads,
                        dg_error *err) {
  size_t n = 0;
  if (!strcmp(sp->type, "none")) {
    if (nquads) *nquads = 0;
    return 0;
  }
  char *what = dg_store_spec_describe(sp);
  dg_store_world w;
  int rc = dg_store_world_open(&w, what, err);
  if (rc == 0) {
    if (!strcmp(sp->type, "sqlite")) {
      dg_buf path;
      dg_buf_init(&path);
      sqlite_file(sp, &path);
      rc = write_sqlite(&w, g, path.data, &n);
      dg_buf_free(&path);
    } else if (!strcmp(sp->type, "hashes")) {
      rc = write_hashes(&w, g, sp, &n);
    } else {
      rc = write_postgresql(&w, g, sp, &n);
    }
  }
  dg_store_world_close(&w);
  free(what);
  if (nquads) *nquads = n;
  return rc;
}

int dg_store_check_unlocked(const char *outdir, const dg_build_opts *o, dg_error *err) {
  dg_store_spec sp;
  int rc = dg_store_spec_parse(o->store ? o->store : "sqlite", o->store_options, outdir, &sp, err);
  if (rc < 0) return rc;
  if (!strcmp(sp.type, "sqlite")) {
    dg_buf path;
    dg_buf_init(&path);
    sqlite_file(&sp, &path);
    struct stat sb;
    if (stat(path.data, &sb) == 0 && S_ISREG(sb.st_mode) &&
        dg_sql_sqlite_busy(path.data, DG_STORE_LOCK_WAIT_MS))
      rc = dg_error_set(err, DG_ERR_IO,
                        "%s: locked by another process (a write transaction; waited %d s): "
                        "not replaced, previous outputs kept",
                        path.data, DG_STORE_LOCK_WAIT_MS / 1000);
    dg_buf_free(&path);
  }
  dg_store_spec_free(&sp);
  return rc;
}

int dg_store_write(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err) {
  dg_store_spec sp;
  int rc = dg_store_spec_parse(o->store ? o->store : "sqlite", o->store_options, outdir, &sp, err);
  if (rc < 0) return rc;
  if ((rc = dg_store_write_spec(g, &sp, NULL, err)) == 0) {
    if (!strcmp(sp.type, "sqlite")) {
      char name[64];
      snprintf(name, sizeof name, "%s.sqlite", sp.name);
      dg_export_note_written(st, name);
    } else if (!strcmp(sp.type, "hashes")) {
      char name[64];
      snprintf(name, sizeof name, "%s-*.db", sp.name);
      dg_export_note_written(st, name);
    }
  }
  dg_store_spec_free(&sp);
  return rc;
}
