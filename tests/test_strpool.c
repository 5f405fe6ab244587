/* test_strpool: dg_strpool, the graph's store of names, literals,
 * sentences and term values: one copy per interned string, stable pointers
 * across block growth, long strings, embedded bytes and the empty string. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dg_strpool.h"
#include "testhelp.h"

static void test_intern_ids(void) {
  dg_strpool p;
  dg_strpool_init(&p);
  uint32_t a = dg_strpool_intern(&p, "United States", 13);
  uint32_t b = dg_strpool_intern(&p, "Japan", 5);
  CHECK(a != b);
  CHECK(dg_strpool_intern(&p, "United States", 13) == a);
  CHECK(dg_strpool_intern(&p, "United States of America", 13) == a); /* by length */
  CHECK(dg_strpool_intern(&p, "United State", 12) != a);             /* a prefix is another */
  CHECK_STR(dg_strpool_str(&p, a), "United States");
  CHECK_STR(dg_strpool_str(&p, b), "Japan");
  uint32_t e = dg_strpool_intern(&p, "", 0);
  CHECK_STR(dg_strpool_str(&p, e), "");
  CHECK(dg_strpool_intern(&p, "x", 0) == e);
  CHECK(dg_strpool_count(&p) == 4);
  dg_strpool_free(&p);
  CHECK(dg_strpool_count(&p) == 0);
}

/* Many strings over many blocks: every pointer handed out earlier still
 * holds its string, and each string has one id. */
static void test_many(void) {
  dg_strpool p;
  dg_strpool_init(&p);
  enum { N = 200000 };
  const char **ptr = malloc(N * sizeof *ptr);
  uint32_t *id = malloc(N * sizeof *id);
  char k[64];
  for (int i = 0; i < N; i++) {
    int n = snprintf(k, sizeof k, "sentence number %d of a long run", i);
    id[i] = dg_strpool_intern(&p, k, (size_t)n);
    ptr[i] = dg_strpool_str(&p, id[i]);
  }
  int ok = 1;
  for (int i = 0; i < N; i++) {
    int n = snprintf(k, sizeof k, "sentence number %d of a long run", i);
    ok &= !strcmp(ptr[i], k) && dg_strpool_str(&p, id[i]) == ptr[i];
    ok &= dg_strpool_intern(&p, k, (size_t)n) == id[i];
    ok &= id[i] == (uint32_t)i;
  }
  CHECK(ok);
  CHECK(dg_strpool_count(&p) == N);
  CHECK(p.nblocks > 1);
  free(ptr);
  free(id);
  dg_strpool_free(&p);
}

/* Strings larger than a block, copies that are not interned, and bytes
 * past a NUL in the key (interning compares lengths and bytes). */
static void test_long_and_copies(void) {
  dg_strpool p;
  dg_strpool_init(&p);
  size_t n = (size_t)3 << 20;
  char *big = malloc(n + 1);
  memset(big, 'z', n);
  big[n] = '\0';
  const char *small1 = dg_strpool_copy(&p, "before", 6);
  uint32_t b = dg_strpool_intern(&p, big, n);
  const char *small2 = dg_strpool_copy(&p, "after", 5);
  CHECK(strlen(dg_strpool_str(&p, b)) == n);
  CHECK(dg_strpool_intern(&p, big, n) == b);
  CHECK_STR(small1, "before");
  CHECK_STR(small2, "after");
  /* copies are not interned: the same text twice is two copies */
  const char *c1 = dg_strpool_copy(&p, "same", 4), *c2 = dg_strpool_copy(&p, "same", 4);
  CHECK(c1 != c2 && !strcmp(c1, c2));
  uint32_t x = dg_strpool_intern(&p, "a\0b", 3), y = dg_strpool_intern(&p, "a\0c", 3);
  CHECK(x != y);
  CHECK(dg_strpool_intern(&p, "a", 1) != x);
  free(big);
  dg_strpool_free(&p);
}

int main(void) {
  test_intern_ids();
  test_many();
  test_long_and_copies();
  return TEST_REPORT();
}
