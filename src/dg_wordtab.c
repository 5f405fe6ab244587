/* dg_wordtab: see dg_wordtab.h. */
#include "dg_wordtab.h"

#include <ctype.h>
#include <stdlib.h>

/* The key of a word of 1..16 bytes, as dg_wordtab_get makes it. */
static void short_key(const dg_wordtab *t, const char *word, size_t n, uint64_t *lo, uint64_t *hi) {
  char b[DG_WORDTAB_PAD] = {0};
  memcpy(b, word, n);
  memcpy(lo, b, 8);
  memcpy(hi, b + 8, 8);
  *lo = dg_wordtab_lower8(*lo & t->keep[n < 8 ? n : 8]);
  *hi = dg_wordtab_lower8(*hi & t->keep[n > 8 ? n - 8 : 0]);
}

static dg_wordtab_entry *short_find(dg_wordtab_entry *v, unsigned bits, uint64_t lo, uint64_t hi, size_t n) {
  size_t mask = ((size_t)1 << bits) - 1;
  size_t i = dg_wordtab_slot(lo, hi, n, 64 - bits);
  while (v[i].len && !(v[i].lo == lo && v[i].hi == hi && v[i].len == n)) i = (i + 1) & mask;
  return &v[i];
}

/* Keeps the load under a quarter: a miss (most words of a text) ends at
 * the first or second slot. */
static void grow(dg_wordtab *t) {
  unsigned bits = t->bits ? t->bits + 1 : 8;
  dg_wordtab_entry *v = dg_xcalloc((size_t)1 << bits, sizeof *v);
  for (size_t i = 0; t->bits && i < (size_t)1 << t->bits; i++)
    if (t->v[i].len) *short_find(v, bits, t->v[i].lo, t->v[i].hi, t->v[i].len) = t->v[i];
  free(t->v);
  t->v = v;
  t->bits = bits, t->shift = 64 - bits, t->mask = ((size_t)1 << bits) - 1;
}

void dg_wordtab_init(dg_wordtab *t) {
  memset(t, 0, sizeof *t);
  /* loaded and masked the same way as a lookup's key: the same packing on any byte order */
  for (size_t n = 0; n <= 8; n++) {
    unsigned char b[8] = {0};
    memset(b, 0xFF, n);
    memcpy(&t->keep[n], b, 8);
  }
  dg_map_init(&t->longer);
  grow(t); /* never empty of slots: a lookup needs no test for it */
}

void dg_wordtab_free(dg_wordtab *t) {
  free(t->v);
  free(t->long_v);
  dg_map_free(&t->longer);
}

static void add_long(dg_wordtab *t, const char *word, size_t n, unsigned lists, unsigned multi, unsigned inner) {
  char *low = dg_xstrndup(word, n);
  for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)low[i]);
  int i = dg_map_getn(&t->longer, low, n);
  if (i < 0) {
    t->long_v = dg_xrealloc(t->long_v, (t->nlong + 1) * sizeof *t->long_v);
    t->long_v[t->nlong] = (dg_wordtab_entry){0, 0, (uint32_t)n, 0, 0, 0};
    i = (int)t->nlong++;
    dg_map_put(&t->longer, low, i);
  }
  t->long_v[i].lists |= lists, t->long_v[i].multi |= multi, t->long_v[i].inner |= inner;
  free(low);
}

void dg_wordtab_add(dg_wordtab *t, const char *word, size_t n, unsigned lists, unsigned multi, unsigned inner) {
  if (!n) return;
  if (n > 16) {
    add_long(t, word, n, lists, multi, inner);
    return;
  }
  if ((t->n + 1) * 4 > ((size_t)1 << t->bits)) grow(t);
  uint64_t lo, hi;
  short_key(t, word, n, &lo, &hi);
  dg_wordtab_entry *e = short_find(t->v, t->bits, lo, hi, n);
  if (!e->len) *e = (dg_wordtab_entry){lo, hi, (uint32_t)n, 0, 0, 0}, t->n++;
  e->lists |= lists, e->multi |= multi, e->inner |= inner;
}

const dg_wordtab_entry *dg_wordtab_get_long(const dg_wordtab *t, const char *word, size_t n) {
  if (!t->nlong) return NULL;
  char buf[256] = "", *low = n < sizeof buf ? buf : dg_xmalloc(n);
  for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)word[i]);
  int i = dg_map_getn(&t->longer, low, n);
  if (low != buf) free(low);
  return i < 0 ? NULL : &t->long_v[i];
}
