/* testhelp: the assertion header of the unit tests (tests/test_<module>.c).
 *
 * CHECK(cond) counts a pass or a failure; a failure prints file:line and the
 * condition. CHECK_STR(a, b) compares strings and prints both on failure.
 * End main with `return TEST_REPORT();`, which prints exactly
 * "N passed, N failed" on its own line and returns nonzero on any failure.
 * test_slurp(path) reads a whole file (NUL-terminated, caller frees);
 * test_slurp_n(path, &n) also gives its length (for binary files). */
#ifndef DG_TESTHELP_H
#define DG_TESTHELP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (cond) {                                                                 \
      test_passed++;                                                            \
    } else {                                                                    \
      test_failed++;                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                           \
  } while (0)

#define CHECK_STR(a, b)                                                          \
  do {                                                                           \
    const char *check_a_ = (a), *check_b_ = (b);                                 \
    if (check_a_ && check_b_ && !strcmp(check_a_, check_b_)) {                   \
      test_passed++;                                                             \
    } else {                                                                     \
      test_failed++;                                                             \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s = \"%s\", want \"%s\"\n",     \
              __FILE__, __LINE__, #a, check_a_ ? check_a_ : "(null)",            \
              check_b_ ? check_b_ : "(null)");                                   \
    }                                                                            \
  } while (0)

/* The contents of path, NUL-terminated (the caller frees), or NULL; its
 * length in *n when n is not NULL. */
static inline char *test_slurp_n(const char *path, size_t *n_out) {
  FILE *fp = fopen(path, "rb");
  char *s = NULL;
  size_t len = 0, n;
  char chunk[4096];
  if (!fp) return NULL;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
    char *t = realloc(s, len + n + 1);
    if (!t) break;
    s = t;
    memcpy(s + len, chunk, n);
    len += n;
  }
  fclose(fp);
  if (!s) s = calloc(1, 1);
  else s[len] = '\0';
  if (n_out) *n_out = len;
  return s;
}

static inline char *test_slurp(const char *path) { return test_slurp_n(path, NULL); }

#define TEST_REPORT() \
  (printf("%d passed, %d failed\n", test_passed, test_failed), test_failed ? 1 : 0)

#endif
