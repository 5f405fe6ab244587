/* test_arena: dg_arena's allocations, growth in place, arena string vectors,
 * reset and the per-thread arena. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dg_arena.h"
#include "testhelp.h"

static void test_alloc(void) {
  dg_arena a;
  dg_arena_init(&a);
  /* many small allocations, all aligned, none overlapping (contents kept) */
  char *p[2000];
  for (int i = 0; i < 2000; i++) {
    size_t n = (size_t)(i % 37) + 1;
    p[i] = dg_arena_alloc(&a, n);
    CHECK(((uintptr_t)p[i] % alignof(max_align_t)) == 0);
    memset(p[i], i & 0xff, n);
  }
  int intact = 1;
  for (int i = 0; i < 2000; i++)
    for (size_t j = 0; j < (size_t)(i % 37) + 1; j++) intact &= (unsigned char)p[i][j] == (i & 0xff);
  CHECK(intact);
  /* zero bytes still gives a distinct pointer; a block larger than any default */
  CHECK(dg_arena_alloc(&a, 0) != NULL);
  char *big = dg_arena_alloc(&a, 5u << 20);
  memset(big, 'x', 5u << 20);
  CHECK(big[(5u << 20) - 1] == 'x');
  dg_arena_free(&a);
  dg_arena_free(&a); /* twice is harmless */
  CHECK(a.head == NULL);
}

static void test_grow_and_strings(void) {
  dg_arena a;
  dg_arena_init(&a);
  /* the latest allocation grows in place; an older one is copied */
  char *s = dg_arena_alloc(&a, 8);
  memcpy(s, "abcdefg", 8);
  char *t = dg_arena_grow(&a, s, 8, 64);
  CHECK(t == s);
  CHECK_STR(t, "abcdefg");
  char *u = dg_arena_alloc(&a, 4);
  char *v = dg_arena_grow(&a, t, 64, 128);
  CHECK(v != t && v != u);
  CHECK_STR(v, "abcdefg");
  CHECK(dg_arena_grow(&a, v, 128, 16) == v); /* shrinking keeps it */
  CHECK(dg_arena_grow(&a, NULL, 0, 16) != NULL);
  CHECK_STR(dg_arena_strdup(&a, "hello"), "hello");
  CHECK_STR(dg_arena_strndup(&a, "hello world", 5), "hello");
  CHECK_STR(dg_arena_strndup(&a, "", 0), "");
  /* string vectors: copies, growth, unique adds */
  dg_strvec sv;
  dg_strvec_init(&sv);
  char word[8] = "pear";
  dg_arena_strvec_pushn(&a, &sv, word, 4);
  strcpy(word, "XXXX");
  CHECK(sv.n == 1 && !strcmp(sv.v[0], "pear"));
  for (int i = 0; i < 100; i++) {
    char w[16];
    snprintf(w, sizeof w, "w%d", i % 10);
    dg_arena_strvec_add_unique(&a, &sv, w);
  }
  CHECK(sv.n == 11);
  CHECK(dg_arena_strvec_add_unique(&a, &sv, "w3") == 4);
  CHECK_STR(sv.v[10], "w9");
  dg_arena_free(&a);
}

static void test_reset(void) {
  dg_arena a;
  dg_arena_init(&a);
  for (int i = 0; i < 1000; i++) dg_arena_alloc(&a, 1000); /* several blocks */
  dg_arena_reset(&a);
  CHECK(a.head != NULL); /* one block kept for reuse */
  char *p = dg_arena_alloc(&a, 100);
  memset(p, 1, 100);
  dg_arena_reset(&a);
  CHECK(dg_arena_alloc(&a, 100) == p); /* the kept block, from its start */
  dg_arena_free(&a);
  /* a huge block is not the one kept: the small one is */
  char *small = dg_arena_alloc(&a, 100);
  char *huge = dg_arena_alloc(&a, 64u << 20);
  huge[0] = 1;
  dg_arena_reset(&a);
  CHECK(dg_arena_alloc(&a, 100) == small);
  dg_arena_free(&a);
  /* the thread's arena: the same one every time */
  dg_arena *t = dg_arena_thread();
  CHECK(t != NULL && t == dg_arena_thread());
  CHECK_STR(dg_arena_strdup(t, "x"), "x");
  dg_arena_reset(t);
}

int main(void) {
  test_alloc();
  test_grow_and_strings();
  test_reset();
  return TEST_REPORT();
}
