/* dg_outfile: see dg_outfile.h. */
#include "dg_outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_str.h"

/* Temporaries in flight, for cleanup from a signal handler. */
#define MAX_LIVE 64
static char live_tmp[MAX_LIVE][4096];
static volatile sig_atomic_t live_used[MAX_LIVE];
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

static void live_add(const char *tmp) {
  pthread_mutex_lock(&live_lock);
  for (int i = 0; i < MAX_LIVE; i++)
    if (!live_used[i] && strlen(tmp) < sizeof live_tmp[i]) {
      strcpy(live_tmp[i], tmp);
      live_used[i] = 1;
      break;
    }
  pthread_mutex_unlock(&live_lock);
}

static void live_del(const char *tmp) {
  pthread_mutex_lock(&live_lock);
  for (int i = 0; i < MAX_LIVE; i++)
    if (live_used[i] && !strcmp(live_tmp[i], tmp)) live_used[i] = 0;
  pthread_mutex_unlock(&live_lock);
}

void dg_outfile_abort_all(void) {
  for (int i = 0; i < MAX_LIVE; i++)
    if (live_used[i]) unlink(live_tmp[i]);
}

int dg_outfile_open(dg_outfile *o, const char *path, dg_error *err) {
  memset(o, 0, sizeof *o);
  dg_buf b;
  dg_buf_init(&b);
  const char *slash = strrchr(path, '/');
  if (slash)
    dg_buf_printf(&b, "%.*s/.%s.tmp.XXXXXX", (int)(slash - path), path, slash + 1);
  else
    dg_buf_printf(&b, ".%s.tmp.XXXXXX", path);
  int fd = mkstemp(b.data);
  if (fd < 0) {
    int e = errno;
    dg_buf_free(&b);
    return dg_error_set(err, DG_ERR_IO, "%s: cannot create: %s", path, strerror(e));
  }
  fchmod(fd, 0644);
  o->fp = fdopen(fd, "wb");
  if (!o->fp) {
    int e = errno;
    close(fd);
    unlink(b.data);
    dg_buf_free(&b);
    return dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(e));
  }
  o->tmp = dg_buf_steal(&b);
  o->path = dg_xstrdup(path);
  live_add(o->tmp);
  return 0;
}

static void outfile_release(dg_outfile *o) {
  if (o->tmp) live_del(o->tmp);
  free(o->tmp);
  free(o->path);
  memset(o, 0, sizeof *o);
}

int dg_outfile_commit(dg_outfile *o, dg_error *err) {
  int rc = 0;
  if (!o->fp) return dg_error_set(err, DG_ERR_IO, "output file not open");
  int bad = fflush(o->fp) != 0 || ferror(o->fp);
  int e = errno;
  if (!bad && fsync(fileno(o->fp)) != 0 && errno != EINVAL) bad = 1, e = errno;
  if (fclose(o->fp) != 0 && !bad) bad = 1, e = errno;
  o->fp = NULL;
  if (bad) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: write error: %s", o->path, strerror(e));
    unlink(o->tmp);
  } else if (rename(o->tmp, o->path) != 0) {
    e = errno;
    rc = dg_error_set(err, DG_ERR_IO, "%s: cannot replace: %s", o->path, strerror(e));
    unlink(o->tmp);
  }
  outfile_release(o);
  return rc;
}

void dg_outfile_abort(dg_outfile *o) {
  if (!o || !o->tmp) return;
  if (o->fp) fclose(o->fp);
  unlink(o->tmp);
  outfile_release(o);
}

int dg_outfile_ensure_dir(const char *dir, dg_error *err) {
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_adds(&b, dir);
  for (char *p = b.data + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    mkdir(b.data, 0755);
    *p = '/';
  }
  int rc = 0;
  if (mkdir(b.data, 0755) != 0 && errno != EEXIST) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: cannot create directory: %s", dir, strerror(errno));
  } else {
    struct stat st;
    if (stat(b.data, &st) != 0 || !S_ISDIR(st.st_mode))
      rc = dg_error_set(err, DG_ERR_IO, "%s: not a directory", dir);
    else if (access(b.data, W_OK | X_OK) != 0)
      rc = dg_error_set(err, DG_ERR_IO, "%s: not writable: %s", dir, strerror(errno));
  }
  dg_buf_free(&b);
  return rc;
}
