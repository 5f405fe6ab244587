/* dg_outfile: see dg_outfile.h. */
#define _GNU_SOURCE /* sync_file_range */
#include "dg_outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_str.h"

/* Temporaries in flight, for cleanup from a signal handler. mkstemp writes
 * the name into the slot itself, so a handler running at any moment sees
 * either the template (nothing to remove) or the name of the file: a
 * temporary is never on disk untracked. */
#define MAX_LIVE 64
static char live_tmp[MAX_LIVE][4096];
static volatile sig_atomic_t live_used[MAX_LIVE];
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

/* mkstemp(tmpl), in a free slot (under the lock, so no other thread reads a
 * name being written); tmpl receives the name. Untracked when all slots are
 * taken. */
static int live_mkstemp(char *tmpl) {
  int fd = -2, e = 0;
  pthread_mutex_lock(&live_lock);
  for (int i = 0; i < MAX_LIVE && fd == -2; i++)
    if (!live_used[i] && strlen(tmpl) < sizeof live_tmp[i]) {
      strcpy(live_tmp[i], tmpl);
      live_used[i] = 1;
      fd = mkstemp(live_tmp[i]);
      e = errno;
      if (fd < 0) live_used[i] = 0;
      else strcpy(tmpl, live_tmp[i]);
    }
  pthread_mutex_unlock(&live_lock);
  if (fd == -2) fd = mkstemp(tmpl);
  else errno = e;
  return fd;
}

static void live_del(const char *tmp) {
  pthread_mutex_lock(&live_lock);
  for (int i = 0; i < MAX_LIVE; i++)
    if (live_used[i] && !strcmp(live_tmp[i], tmp)) live_used[i] = 0;
  pthread_mutex_unlock(&live_lock);
}

/* The guarded output directory (dg_outfile_guard_dir), as an open fd so the
 * handler needs no path work. */
static volatile sig_atomic_t guard_fd = -1;

struct linux_dirent64 {
  unsigned long long d_ino;
  long long d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

/* Async-signal-safe (system calls only): removes the entries of the
 * directory open as fd whose names start with prefix, and what is below
 * those that are directories (a few levels deep). */
static void remove_entries(int fd, const char *prefix, int depth) {
  char buf[4096];
  size_t plen = strlen(prefix);
  /* two passes: a directory read while it shrinks may skip an entry */
  for (int pass = 0; pass < 2; pass++) {
    lseek(fd, 0, SEEK_SET);
    long n;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
      for (long off = 0; off < n;) {
        struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
        off += e->d_reclen;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (strncmp(e->d_name, prefix, plen) || unlinkat(fd, e->d_name, 0) == 0) continue;
        int sub = depth < 4 ? openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW) : -1;
        if (sub < 0) continue;
        remove_entries(sub, "", depth + 1);
        close(sub);
        unlinkat(fd, e->d_name, AT_REMOVEDIR);
      }
    }
  }
}

void dg_outfile_abort_all(void) {
  for (int i = 0; i < MAX_LIVE; i++)
    if (live_used[i]) unlink(live_tmp[i]);
  if (guard_fd >= 0) remove_entries(guard_fd, DG_OUTFILE_STAGE_PREFIX, 0);
}

void dg_outfile_guard_dir(const char *dir) {
  int old = guard_fd;
  guard_fd = -1;
  if (old >= 0) close(old);
  if (dir) guard_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
  int fd = live_mkstemp(b.data);
  int e = errno;
  if (fd < 0) {
    dg_buf_free(&b);
    return dg_error_set(err, DG_ERR_IO, "%s: cannot create: %s", path, strerror(e));
  }
  fchmod(fd, 0644);
  o->fp = fdopen(fd, "wb");
  if (!o->fp) {
    e = errno;
    close(fd);
    unlink(b.data);
    live_del(b.data);
    dg_buf_free(&b);
    return dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(e));
  }
  o->tmp = dg_buf_steal(&b);
  o->path = dg_xstrdup(path);
  return 0;
}

/* Why drop written windows from the cache: writing a new page-cache page
 * is a first touch of memory, which costs 14 us per 4 KiB page on the
 * virtual machines this runs on (about 4 s for the 1.2 GB a 20,000-document
 * build writes, varying from run to run with which pages the kernel hands
 * out); pages given back are reused for the next windows, already mapped.
 * A reader of the file afterwards reads it from disk, sequentially. */
void dg_outfile_wrote(dg_outfile *o, size_t n) {
  o->written += (long long)n;
  if (o->written - o->flushed < DG_OUTFILE_WINDOW || fflush(o->fp) != 0) return;
  int fd = fileno(o->fp);
  if (o->flushed > o->dropped) { /* the previous window: normally on disk already */
    sync_file_range(fd, o->dropped, o->flushed - o->dropped,
                    SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
    posix_fadvise(fd, o->dropped, o->flushed - o->dropped, POSIX_FADV_DONTNEED);
    o->dropped = o->flushed;
  }
  sync_file_range(fd, o->flushed, o->written - o->flushed, SYNC_FILE_RANGE_WRITE);
  o->flushed = o->written;
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
