/* test_outfile: dg_outfile writes a file whole or not at all. A file of
 * several writeback windows, written in odd-sized pieces and reported with
 * dg_outfile_wrote (which starts writeback and drops finished windows from
 * the page cache), reads back byte for byte after the commit; the commit
 * replaces the previous file; an abort leaves the previous file and no
 * temporary behind. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_outfile.h"
#include "testhelp.h"

static unsigned char byte_at(long long i) { return (unsigned char)((i * 2654435761u) >> 13); }

/* Number of entries in dir other than . and .. */
static int entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  if (d) closedir(d);
  return n;
}

/* Whether path holds exactly n bytes of the byte_at pattern. */
static int holds_pattern(const char *path, long long n) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  static unsigned char buf[1 << 16];
  long long at = 0;
  int ok = 1;
  for (size_t got; ok && (got = fread(buf, 1, sizeof buf, f)) > 0; at += (long long)got)
    for (size_t i = 0; i < got && ok; i++) ok = buf[i] == byte_at(at + (long long)i);
  fclose(f);
  return ok && at == n;
}

static void write_pattern(dg_outfile *o, long long n) {
  static unsigned char buf[100003];
  long long at = 0;
  size_t piece = 1;
  while (at < n) {
    size_t k = piece < sizeof buf ? piece : sizeof buf;
    if ((long long)k > n - at) k = (size_t)(n - at);
    for (size_t i = 0; i < k; i++) buf[i] = byte_at(at + (long long)i);
    CHECK(fwrite(buf, 1, k, o->fp) == k);
    dg_outfile_wrote(o, k);
    at += (long long)k;
    piece = piece * 7 + 3; /* 1, 10, 73, ... then whole buffers */
  }
}

static void test_large_file(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/big.nq", dir);
  long long n = 2 * DG_OUTFILE_WINDOW + DG_OUTFILE_WINDOW / 3 + 12345;
  dg_outfile o;
  dg_error err = {0, ""};
  CHECK(dg_outfile_open(&o, path, &err) == 0);
  write_pattern(&o, n);
  CHECK(o.written == n);
  CHECK(o.flushed >= 2 * DG_OUTFILE_WINDOW); /* two windows handed to writeback */
  CHECK(o.dropped >= DG_OUTFILE_WINDOW && o.dropped < 2 * DG_OUTFILE_WINDOW); /* the first dropped */
  CHECK(access(path, F_OK) != 0);            /* nothing under the name before the commit */
  CHECK(dg_outfile_commit(&o, &err) == 0);
  CHECK(holds_pattern(path, n));
  CHECK(entries(dir) == 1); /* the temporary is gone */
}

static void test_replace_and_abort(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/small.ttl", dir);
  dg_outfile o;
  dg_error err = {0, ""};
  CHECK(dg_outfile_open(&o, path, &err) == 0);
  write_pattern(&o, 1000);
  CHECK(dg_outfile_commit(&o, &err) == 0);
  CHECK(holds_pattern(path, 1000));
  /* a second, longer version replaces it */
  CHECK(dg_outfile_open(&o, path, &err) == 0);
  write_pattern(&o, 5000);
  CHECK(dg_outfile_commit(&o, &err) == 0);
  CHECK(holds_pattern(path, 5000));
  /* an aborted third leaves the second as it was */
  CHECK(dg_outfile_open(&o, path, &err) == 0);
  write_pattern(&o, 70);
  dg_outfile_abort(&o);
  CHECK(holds_pattern(path, 5000));
  CHECK(entries(dir) == 2); /* big.nq, small.ttl: no temporary left */
}

int main(void) {
  char dir[] = "/tmp/dg-test-outfile.XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_large_file(dir);
  test_replace_and_abort(dir);
  char p[4096];
  snprintf(p, sizeof p, "%s/big.nq", dir);
  unlink(p);
  snprintf(p, sizeof p, "%s/small.ttl", dir);
  unlink(p);
  rmdir(dir);
  return TEST_REPORT();
}
