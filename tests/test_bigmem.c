/* test_bigmem: dg_bigmem's arrays keep their contents when they grow past
 * DG_BIG_MIN (malloc -> mapping), grow as mappings (mremap), shrink back
 * under it, and read as zeros from dg_big_calloc either side of it. */
#include <stdint.h>
#include <string.h>

#include "dg_bigmem.h"
#include "testhelp.h"

static int holds_pattern(const uint32_t *a, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != (uint32_t)(i * 2654435761u)) return 0;
  return 1;
}

static void fill(uint32_t *a, size_t from, size_t n) {
  for (size_t i = from; i < n; i++) a[i] = (uint32_t)(i * 2654435761u);
}

static void test_grow_and_shrink(void) {
  size_t n = 1000, sz = sizeof(uint32_t);
  uint32_t *a = dg_big_alloc(n * sz);
  fill(a, 0, n);
  int ok = 1;
  /* doubling as the graph's tables do: 4 KB up to 64 MB */
  while (n < ((size_t)16 << 20)) {
    a = dg_big_realloc(a, n * sz, 2 * n * sz);
    ok &= holds_pattern(a, n);
    fill(a, n, 2 * n);
    n *= 2;
  }
  CHECK(ok);
  CHECK(n * sz > DG_BIG_MIN);
  /* back under the threshold: a malloc'd copy of the head */
  a = dg_big_realloc(a, n * sz, 5000 * sz);
  CHECK(holds_pattern(a, 5000));
  dg_big_free(a, 5000 * sz);
  dg_big_free(NULL, 123);
}

static void test_calloc(void) {
  size_t sizes[3] = {64, DG_BIG_MIN - 1, DG_BIG_MIN * 3 + 17};
  for (int k = 0; k < 3; k++) {
    unsigned char *p = dg_big_calloc(sizes[k]);
    int zero = 1;
    for (size_t i = 0; i < sizes[k]; i++) zero &= p[i] == 0;
    CHECK(zero);
    memset(p, 0xab, sizes[k]);
    CHECK(p[sizes[k] - 1] == 0xab);
    dg_big_free(p, sizes[k]);
  }
  /* a zero-size array is still a valid pointer */
  void *z = dg_big_alloc(0);
  CHECK(z != NULL);
  dg_big_free(z, 0);
}

int main(void) {
  test_grow_and_shrink();
  test_calloc();
  return TEST_REPORT();
}
