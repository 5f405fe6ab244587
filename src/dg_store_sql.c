/* dg_store_sql: see dg_store_sql.h. */
#include "dg_store_sql.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dg_str.h"

/* ------------------------------------------------------------- sqlite */

typedef int (*sqlite_open_fn)(const char *, void **);
typedef int (*sqlite_exec_fn)(void *, const char *, void *, void *, char **);
typedef int (*sqlite_close_fn)(void *);
typedef void (*sqlite_free_fn)(void *);
typedef const char *(*sqlite_errmsg_fn)(void *);
typedef int (*sqlite_busy_fn)(void *, int);
typedef int (*sqlite_config_fn)(int, ...);

static struct {
  sqlite_open_fn open;
  sqlite_exec_fn exec;
  sqlite_close_fn close;
  sqlite_free_fn free;
  sqlite_errmsg_fn errmsg;
  sqlite_busy_fn busy_timeout;
  sqlite_config_fn config;
  int ok;
} sq;

/* ------------------------------------------------------------- libpq */

enum { PG_CONNECTION_OK = 0, PG_COMMAND_OK = 1, PG_TUPLES_OK = 2 };

typedef void *(*pq_connect_fn)(const char *);
typedef int (*pq_status_fn)(const void *);
typedef char *(*pq_errmsg_fn)(const void *);
typedef void (*pq_finish_fn)(void *);
typedef void *(*pq_exec_fn)(void *, const char *);
typedef int (*pq_rstatus_fn)(const void *);
typedef char *(*pq_rerrmsg_fn)(const void *);
typedef void (*pq_clear_fn)(void *);
typedef int (*pq_ntuples_fn)(const void *);
typedef char *(*pq_getvalue_fn)(const void *, int, int);
typedef int (*pq_getisnull_fn)(const void *, int, int);

static struct {
  pq_connect_fn connectdb;
  pq_status_fn status;
  pq_errmsg_fn errmsg;
  pq_finish_fn finish;
  pq_exec_fn exec;
  pq_rstatus_fn rstatus;
  pq_rerrmsg_fn rerrmsg;
  pq_clear_fn clear;
  pq_ntuples_fn ntuples;
  pq_getvalue_fn getvalue;
  pq_getisnull_fn getisnull;
  int ok;
} pq;

static pthread_once_t sq_once = PTHREAD_ONCE_INIT, pq_once = PTHREAD_ONCE_INIT;

/* Resolves names[i] into the function pointer at targets[i]; sets *ok when
 * all were found. The handle stays open for the life of the process, as the
 * storage modules' own do. */
static void load_lib(const char *soname, const char *const *names, void *const *targets, size_t n,
                     int *ok) {
  void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) return;
  for (size_t i = 0; i < n; i++) {
    void *f = dlsym(h, names[i]);
    if (!f) return;
    /* POSIX: a dlsym result converts to the function pointer it names */
    memcpy(targets[i], &f, sizeof f);
  }
  *ok = 1;
}

static void load_sqlite(void) {
  static const char *const names[] = {"sqlite3_open",   "sqlite3_exec",   "sqlite3_close",
                                      "sqlite3_free",   "sqlite3_errmsg", "sqlite3_busy_timeout",
                                      "sqlite3_config"};
  void *const targets[] = {&sq.open,   &sq.exec,         &sq.close, &sq.free,
                           &sq.errmsg, &sq.busy_timeout, &sq.config};
  load_lib("libsqlite3.so.0", names, targets, 7, &sq.ok);
}

static void load_pq(void) {
  static const char *const names[] = {"PQconnectdb", "PQstatus",    "PQerrorMessage",
                                      "PQfinish",    "PQexec",      "PQresultStatus",
                                      "PQresultErrorMessage", "PQclear", "PQntuples",
                                      "PQgetvalue",  "PQgetisnull"};
  void *const targets[] = {&pq.connectdb, &pq.status,  &pq.errmsg,  &pq.finish,
                           &pq.exec,      &pq.rstatus, &pq.rerrmsg, &pq.clear,
                           &pq.ntuples,   &pq.getvalue, &pq.getisnull};
  load_lib("libpq.so.5", names, targets, 11, &pq.ok);
}

/* Trims the trailing newline libpq puts on its messages. */
static const char *one_line(const char *msg, char *buf, size_t n) {
  snprintf(buf, n, "%s", msg ? msg : "unknown error");
  size_t l = strlen(buf);
  while (l && (buf[l - 1] == '\n' || buf[l - 1] == ' ')) buf[--l] = '\0';
  return buf;
}

void dg_sql_sqlite_tune(void) {
  enum { SQLITE_CONFIG_MULTITHREAD = 2, SQLITE_CONFIG_MEMSTATUS = 9 };
  pthread_once(&sq_once, load_sqlite);
  if (!sq.ok) return;
  /* refused (SQLITE_MISUSE) once sqlite is initialized: then nothing changes */
  sq.config(SQLITE_CONFIG_MULTITHREAD);
  sq.config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int dg_sql_sqlite_exec(const char *path, const char *sql, const char *what, dg_error *err) {
  pthread_once(&sq_once, load_sqlite);
  if (!sq.ok)
    return dg_error_set(err, DG_ERR_RDF, "%s: cannot load libsqlite3.so.0 (install libsqlite3-0)",
                        what);
  void *db = NULL;
  char *msg = NULL;
  int rc = 0;
  if (sq.open(path, &db) != 0) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: sqlite: %s", what, db ? sq.errmsg(db) : "cannot open");
    goto cleanup;
  }
  sq.busy_timeout(db, 10000);
  if (sq.exec(db, sql, NULL, NULL, &msg) != 0)
    rc = dg_error_set(err, DG_ERR_IO, "%s: sqlite: %s", what, msg ? msg : sq.errmsg(db));
cleanup:
  if (msg) sq.free(msg);
  if (db) sq.close(db);
  return rc;
}

int dg_sql_sqlite_busy(const char *path, int wait_ms) {
  enum { SQLITE_BUSY = 5, SQLITE_LOCKED = 6 };
  dg_sql_sqlite_tune(); /* before this process's first connection */
  if (!sq.ok) return 0;
  void *db = NULL;
  int busy = 0;
  if (sq.open(path, &db) == 0) {
    sq.busy_timeout(db, wait_ms);
    /* a write lock, released at once: what a writer in the middle of a
     * transaction holds; readers do not block it */
    int rc = sq.exec(db, "BEGIN IMMEDIATE; ROLLBACK;", NULL, NULL, NULL);
    busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
  }
  if (db) sq.close(db);
  return busy;
}

struct dg_sql_pg {
  void *conn;
  char *what;
};

int dg_sql_pg_connect(const char *conninfo, const char *what, dg_sql_pg **out, dg_error *err) {
  char line[512];
  *out = NULL;
  pthread_once(&pq_once, load_pq);
  if (!pq.ok)
    return dg_error_set(err, DG_ERR_RDF, "%s: cannot load libpq.so.5 (install libpq5)", what);
  void *conn = pq.connectdb(conninfo);
  if (!conn) return dg_error_set(err, DG_ERR_NOMEM, "%s: out of memory", what);
  if (pq.status(conn) != PG_CONNECTION_OK) {
    int rc = dg_error_set(err, DG_ERR_IO, "%s: %s", what,
                          one_line(pq.errmsg(conn), line, sizeof line));
    pq.finish(conn);
    return rc;
  }
  dg_sql_pg *c = dg_xcalloc(1, sizeof *c);
  c->conn = conn;
  c->what = dg_xstrdup(what);
  *out = c;
  return 0;
}

/* Runs sql; on success returns the result (caller clears), else NULL. */
static void *pg_run(dg_sql_pg *c, const char *sql, int want, dg_error *err) {
  char line[512];
  void *res = pq.exec(c->conn, sql);
  if (res && pq.rstatus(res) == want) return res;
  dg_error_set(err, DG_ERR_IO, "%s: %s", c->what,
               one_line(res ? pq.rerrmsg(res) : pq.errmsg(c->conn), line, sizeof line));
  if (res) pq.clear(res);
  return NULL;
}

int dg_sql_pg_exec(dg_sql_pg *c, const char *sql, dg_error *err) {
  void *res = pg_run(c, sql, PG_COMMAND_OK, err);
  if (!res) return DG_ERR_IO;
  pq.clear(res);
  return 0;
}

int dg_sql_pg_value(dg_sql_pg *c, const char *sql, char **out, dg_error *err) {
  *out = NULL;
  void *res = pg_run(c, sql, PG_TUPLES_OK, err);
  if (!res) return DG_ERR_IO;
  if (pq.ntuples(res) > 0 && !pq.getisnull(res, 0, 0)) *out = dg_xstrdup(pq.getvalue(res, 0, 0));
  pq.clear(res);
  return 0;
}

void dg_sql_pg_close(dg_sql_pg *c) {
  if (!c) return;
  if (c->conn) pq.finish(c->conn);
  free(c->what);
  free(c);
}
