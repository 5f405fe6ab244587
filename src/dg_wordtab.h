/* dg_wordtab: a table from words (compared ignoring ASCII case) to two
 * bit masks, for a caller that looks up every word of a text.
 *
 * A word of up to 16 bytes is its key: two integers loaded straight from
 * the text and lower-cased eight bytes at a time, so a lookup is inline,
 * makes no lower-case copy and compares no strings. Longer words (rare in
 * text, and in the lexicon) go through a string map.
 * Ownership: the table owns its arrays; it is read-only once built and
 * safe to share between threads. */
#ifndef DG_WORDTAB_H
#define DG_WORDTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dg_str.h"

/* Bytes a caller's text must hold past the start of any word it looks up
 * (zeros past the text's end do): the key loads read them whole. */
#define DG_WORDTAB_PAD 16

typedef struct dg_wordtab_entry {
  uint64_t lo, hi;      /* key: the word's bytes 0..7 and 8..15, lower-cased, zero past its end */
  uint32_t len;         /* 0: empty slot */
  unsigned lists, multi;
  unsigned inner;       /* lists with an entry of two or more words that has this word after its first */
} dg_wordtab_entry;

typedef struct dg_wordtab {
  dg_wordtab_entry *v;  /* open addressing, 1 << bits slots (bits >= 8) */
  unsigned bits;
  unsigned shift;       /* 64 - bits, and */
  size_t mask;          /* (1 << bits) - 1: kept, not worked out per lookup */
  size_t n;
  uint64_t keep[9];     /* keep[n]: the first n bytes of a loaded eight */
  dg_map longer;        /* lower-cased words over 16 bytes -> index into long_v */
  dg_wordtab_entry *long_v;
  size_t nlong;
} dg_wordtab;

void dg_wordtab_init(dg_wordtab *t);
void dg_wordtab_free(dg_wordtab *t);
/* ORs lists, multi and inner into the word's masks, adding the word if new. */
void dg_wordtab_add(dg_wordtab *t, const char *word, size_t n, unsigned lists, unsigned multi, unsigned inner);
/* The entry of a word over 16 bytes, or NULL. */
const dg_wordtab_entry *dg_wordtab_get_long(const dg_wordtab *t, const char *word, size_t n);

/* 'A'..'Z' to lower case in all eight bytes at once, other bytes kept:
 * tolower in the C locale the program runs in. */
static inline uint64_t dg_wordtab_lower8(uint64_t x) {
  const uint64_t hi = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
  uint64_t a = x & ~hi; /* seven low bits: the sums below carry into no other byte */
  uint64_t ge_a = a + ones * (0x80 - 'A'), gt_z = a + ones * (0x80 - 'Z' - 1);
  return x | ((ge_a & ~gt_z & ~x & hi) >> 2); /* 0x80 >> 2 is the case bit 0x20 */
}

/* The first slot of a key, for a table of 1 << (64 - shift) slots. */
static inline size_t dg_wordtab_slot(uint64_t lo, uint64_t hi, size_t n, unsigned shift) {
  uint64_t x = (lo ^ (hi * 0xc4ceb9fe1a85ec53ULL) ^ n) * 0x9e3779b97f4a7c15ULL;
  return (size_t)(x >> shift);
}

/* The entry of word[0..n), or NULL (also for n == 0). word must have
 * DG_WORDTAB_PAD readable bytes from its start (n <= 16) or be longer. */
static inline const dg_wordtab_entry *dg_wordtab_get(const dg_wordtab *t, const char *word, size_t n) {
  if (n - 1 >= 16) return n ? dg_wordtab_get_long(t, word, n) : NULL;
  uint64_t lo, hi = 0;
  memcpy(&lo, word, 8);
  if (n > 8) {
    memcpy(&hi, word + 8, 8);
    hi = dg_wordtab_lower8(hi & t->keep[n - 8]);
    lo = dg_wordtab_lower8(lo);
  } else {
    lo = dg_wordtab_lower8(lo & t->keep[n]);
  }
  for (size_t i = dg_wordtab_slot(lo, hi, n, t->shift);; i = (i + 1) & t->mask) {
    const dg_wordtab_entry *e = &t->v[i];
    if (e->lo == lo && e->hi == hi && e->len == n) return e;
    if (!e->len) return NULL;
  }
}

/* The same for a word of ASCII letters and digits only: setting every
 * byte's case bit lower-cases letters and keeps digits, one operation
 * for eight bytes. Such a key has no zero byte inside, so equal keys are
 * of equal length and an empty slot (zero key) never matches. */
static inline const dg_wordtab_entry *dg_wordtab_get_alnum(const dg_wordtab *t, const char *word, size_t n) {
  const uint64_t case_bits = 0x2020202020202020ULL;
  if (n > 16) return dg_wordtab_get_long(t, word, n);
  uint64_t lo, hi = 0;
  memcpy(&lo, word, 8);
  if (n > 8) {
    memcpy(&hi, word + 8, 8);
    hi = (hi | case_bits) & t->keep[n - 8];
    lo |= case_bits;
  } else {
    lo = (lo | case_bits) & t->keep[n];
  }
  for (size_t i = dg_wordtab_slot(lo, hi, n, t->shift);; i = (i + 1) & t->mask) {
    const dg_wordtab_entry *e = &t->v[i];
    if (e->lo == lo && e->hi == hi) return e;
    if (!e->len) return NULL;
  }
}

#endif
