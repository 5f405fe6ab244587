/* dg_bigmem: see dg_bigmem.h. */
#define _GNU_SOURCE /* mremap */
#include "dg_bigmem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dg_str.h"

#define HUGE_PAGE ((size_t)2 << 20)

static size_t round_up(size_t n) { return (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); }
static int is_big(size_t n) { return n >= DG_BIG_MIN; }

/* As dg_xmalloc: out of memory is not an input error diplograph recovers from. */
static void out_of_memory(void) {
  fputs("diplograph: out of memory\n", stderr);
  abort();
}

static void *map_big(size_t n) {
  void *p = mmap(NULL, round_up(n), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) out_of_memory();
  madvise(p, round_up(n), MADV_HUGEPAGE); /* a hint: fails where THP is off */
  return p;
}

void *dg_big_alloc(size_t n) { return is_big(n) ? map_big(n) : dg_xmalloc(n ? n : 1); }

void *dg_big_calloc(size_t n) {
  if (is_big(n)) return map_big(n); /* fresh mappings read as zeros */
  return dg_xcalloc(n ? n : 1, 1);
}

void *dg_big_realloc(void *p, size_t old_n, size_t new_n) {
  if (!p) return dg_big_alloc(new_n);
  if (!is_big(old_n) && !is_big(new_n)) return dg_xrealloc(p, new_n ? new_n : 1);
  if (is_big(old_n) && is_big(new_n)) {
    if (round_up(old_n) == round_up(new_n)) return p;
    void *q = mremap(p, round_up(old_n), round_up(new_n), MREMAP_MAYMOVE);
    if (q == MAP_FAILED) out_of_memory();
    /* the advice follows the mapping, but a grown tail is new: advise it all */
    madvise(q, round_up(new_n), MADV_HUGEPAGE);
    return q;
  }
  void *q = dg_big_alloc(new_n); /* crossing DG_BIG_MIN one way or the other */
  memcpy(q, p, old_n < new_n ? old_n : new_n);
  dg_big_free(p, old_n);
  return q;
}

void dg_big_free(void *p, size_t n) {
  if (!p) return;
  if (is_big(n)) munmap(p, round_up(n));
  else free(p);
}
