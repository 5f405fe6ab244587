/* dg_outfile: write a file so that readers never see it half-written.
 *
 * dg_outfile_open() creates a temporary file beside the target; the caller
 * writes through ->fp; dg_outfile_commit() flushes, fsyncs and renames it over
 * the target (the previous file stays intact until that moment);
 * dg_outfile_abort() removes the temporary. All temporaries still open are
 * removed by dg_outfile_abort_all() (called on SIGINT/SIGTERM).
 * Ownership: the dg_outfile owns its FILE and paths until commit/abort. */
#ifndef DG_OUTFILE_H
#define DG_OUTFILE_H

#include <stdio.h>

#include "dg_error.h"

typedef struct dg_outfile {
  FILE *fp;
  char *path;
  char *tmp;
  /* dg_outfile_wrote's accounting: bytes written through fp, bytes handed
   * to writeback, bytes dropped from the page cache */
  long long written, flushed, dropped;
} dg_outfile;

int dg_outfile_open(dg_outfile *o, const char *path, dg_error *err);
/* Tells o that n more bytes were written through o->fp. Once a window of
 * DG_OUTFILE_WINDOW bytes is complete, its writeback starts, and the window
 * before it, written back by then, leaves the page cache: a file of
 * hundreds of MB is on disk by the commit (whose fsync then waits only for
 * the last window) and holds two windows of cache, not the whole file.
 * Hints only: a failure shows again at the commit's fsync. */
#define DG_OUTFILE_WINDOW (32ll << 20)
void dg_outfile_wrote(dg_outfile *o, size_t n);
int dg_outfile_commit(dg_outfile *o, dg_error *err);
void dg_outfile_abort(dg_outfile *o);
/* Async-signal-safe: unlinks every temporary not yet committed and removes
 * the staging directories (DG_OUTFILE_STAGE_PREFIX*) of the guarded
 * directory. For a handler of fatal signals (SIGINT, SIGTERM, SIGHUP). */
void dg_outfile_abort_all(void);
/* Names the directory whose staging directories dg_outfile_abort_all
 * removes (the run's output directory); NULL to stop guarding. */
void dg_outfile_guard_dir(const char *dir);
/* Staging directories, made inside the output directory by the exporters,
 * start with this. */
#define DG_OUTFILE_STAGE_PREFIX ".staging."
/* Creates dir (and parents) if missing; checks it is writable. */
int dg_outfile_ensure_dir(const char *dir, dg_error *err);

#endif
