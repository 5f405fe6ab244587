/* test_idtab: dg_idtab (the hash index over caller-stored items) and
 * dg_hash_fast, which the graph's term, node and sentence tables use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dg_str.h"
#include "testhelp.h"

typedef struct items {
  dg_strvec v;
  int force_collide; /* every item gets the same hash */
} items;

typedef struct probe {
  const items *it;
  const char *key;
  int calls;
} probe;

static int eq(const void *ctx, uint32_t id) {
  probe *p = (probe *)ctx;
  p->calls++;
  return !strcmp(p->it->v.v[id], p->key);
}

static uint64_t hash_of(const items *it, const char *s) {
  return it->force_collide ? 42 : dg_hash_fast(s, strlen(s));
}

/* Interns s: returns its id, adding it when absent. */
static uint32_t intern(items *it, dg_idtab *t, const char *s) {
  probe p = {it, s, 0};
  int64_t id = dg_idtab_find(t, hash_of(it, s), eq, &p);
  if (id >= 0) return (uint32_t)id;
  dg_strvec_push(&it->v, s);
  dg_idtab_add(t, hash_of(it, s), (uint32_t)(it->v.n - 1));
  return (uint32_t)(it->v.n - 1);
}

static void test_intern(int collide, int n) {
  items it = {{0}, collide};
  dg_strvec_init(&it.v);
  dg_idtab t;
  dg_idtab_init(&t);
  probe p = {&it, "absent", 0};
  CHECK(dg_idtab_find(&t, 1, eq, &p) == -1); /* empty table */
  CHECK(p.calls == 0);
  char k[32];
  int ok = 1;
  for (int i = 0; i < n; i++) {
    snprintf(k, sizeof k, "item-%d", i);
    ok &= intern(&it, &t, k) == (uint32_t)i;
  }
  CHECK(ok);
  CHECK(t.n == (size_t)n);
  CHECK(t.n * 2 <= t.cap); /* load factor at most one half after growth */
  /* every item found again, none added twice */
  ok = 1;
  for (int i = n - 1; i >= 0; i--) {
    snprintf(k, sizeof k, "item-%d", i);
    ok &= intern(&it, &t, k) == (uint32_t)i;
  }
  CHECK(ok);
  CHECK(it.v.n == (size_t)n);
  p.key = "item-x";
  CHECK(dg_idtab_find(&t, hash_of(&it, "item-x"), eq, &p) == -1);
  dg_idtab_free(&t);
  CHECK(t.cap == 0 && t.n == 0);
  dg_strvec_free(&it.v);
}

/* The same hash for different items: eq decides. */
static void test_same_hash(void) {
  items it = {{0}, 1};
  dg_strvec_init(&it.v);
  dg_idtab t;
  dg_idtab_init(&t);
  CHECK(intern(&it, &t, "a") == 0);
  CHECK(intern(&it, &t, "b") == 1);
  CHECK(intern(&it, &t, "a") == 0);
  probe p = {&it, "b", 0};
  CHECK(dg_idtab_find(&t, 42, eq, &p) == 1);
  CHECK(p.calls == 2); /* "a" was asked first, then "b" */
  dg_idtab_free(&t);
  dg_strvec_free(&it.v);
}

static void test_hash_fast(void) {
  const char *s = "https://w3id.org/diplograph/id/doc/x";
  size_t n = strlen(s);
  CHECK(dg_hash_fast(s, n) == dg_hash_fast(s, n));
  CHECK(dg_hash_fast("", 0) != dg_hash_fast("a", 1));
  CHECK(dg_hash_fast("a", 1) != dg_hash_fast("b", 1));
  /* only the first n bytes count, and every one of them counts */
  CHECK(dg_hash_fast("abcdefghij", 9) == dg_hash_fast("abcdefghiX", 9));
  int all_differ = 1;
  for (size_t i = 0; i < n; i++) {
    char c[64];
    memcpy(c, s, n);
    c[i] ^= 1;
    all_differ &= dg_hash_fast(c, n) != dg_hash_fast(s, n);
  }
  CHECK(all_differ);
  /* zero bytes and length: "a" vs "a\0" */
  CHECK(dg_hash_fast("a\0", 2) != dg_hash_fast("a", 1));
  /* low bits spread: 4096 keys over 4096 buckets leave few empty */
  static unsigned char used[4096];
  size_t distinct = 0;
  for (int i = 0; i < 4096; i++) {
    char k[32];
    int len = snprintf(k, sizeof k, "key-%d", i);
    unsigned b = (unsigned)(dg_hash_fast(k, (size_t)len) & 4095);
    distinct += !used[b];
    used[b] = 1;
  }
  CHECK(distinct > 2400); /* about 4096 * (1 - 1/e) = 2589 for a uniform hash */
}

int main(void) {
  test_intern(0, 5);
  test_intern(0, 50000);
  test_intern(1, 300); /* one long probe chain */
  test_same_hash();
  test_hash_fast();
  return TEST_REPORT();
}
