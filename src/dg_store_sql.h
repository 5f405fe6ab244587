/* dg_store_sql: plain SQL on the databases behind Redland's sqlite and
 * postgresql storages, for the two things librdf's API cannot do: add
 * indexes to a store file after a load, and swap a rebuilt PostgreSQL model
 * into place in one transaction. Statements are always loaded through
 * librdf; this module never writes triples, so the schema stays Redland's.
 *
 * The client libraries are the very ones the storage modules link
 * (libsqlite3.so.0, libpq.so.5), loaded with dlopen at first use: diplograph
 * builds against the Redland headers alone and needs nothing at run time
 * that librdf-storage-sqlite / librdf-storage-postgresql do not already pull
 * in. Only long-stable entry points are used.
 * Ownership: a dg_sql_pg owns its connection; strings returned by
 * dg_sql_pg_value belong to the caller. */
#ifndef DG_STORE_SQL_H
#define DG_STORE_SQL_H

#include "dg_error.h"

/* Makes sqlite cheaper per call before its first connection (the one
 * librdf's sqlite storage opens): no mutexes around connections (each is
 * used by one thread) and no memory statistics (a global mutex around every
 * allocation). A store load makes several sqlite calls per statement, and
 * these mutexes were a sixth of its time. Without effect once sqlite has
 * started in this process. */
void dg_sql_sqlite_tune(void);

/* Runs sql (one or more statements) on the sqlite database file path.
 * what names the store in messages. */
int dg_sql_sqlite_exec(const char *path, const char *sql, const char *what, dg_error *err);

/* 1 when another connection holds a write lock on the existing sqlite
 * database path for longer than wait_ms (a writer in a transaction), else 0
 * (also when path is not a database or cannot be opened for writing: then
 * nothing can be lost by replacing it). */
int dg_sql_sqlite_busy(const char *path, int wait_ms);

typedef struct dg_sql_pg dg_sql_pg;

/* conninfo is a libpq connection string; what names the server in messages. */
int dg_sql_pg_connect(const char *conninfo, const char *what, dg_sql_pg **out, dg_error *err);
/* Runs a command that returns no rows. */
int dg_sql_pg_exec(dg_sql_pg *c, const char *sql, dg_error *err);
/* Runs a query and returns the first column of its first row in *out (NULL
 * when there is no row); the caller frees *out. */
int dg_sql_pg_value(dg_sql_pg *c, const char *sql, char **out, dg_error *err);
void dg_sql_pg_close(dg_sql_pg *c);

#endif
