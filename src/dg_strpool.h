/* dg_strpool: strings stored once, in large blocks, freed all at once.
 *
 * The graph keeps millions of short strings (names as each document uses
 * them, evidence sentences, literal values, term values) for the whole run.
 * One malloc and one free per string made merging and freeing the graph a
 * visible share of a build, and the same name was stored once per document.
 * A pool copies each string into the current block; dg_strpool_intern also
 * gives equal strings one copy and one id, so callers can key caches by id.
 *
 * Ownership: the pool owns every byte it returns; pointers stay valid (and
 * never move) until dg_strpool_free. Not thread-safe: one owner at a time. */
#ifndef DG_STRPOOL_H
#define DG_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "dg_str.h"

typedef struct dg_strpool {
  char **blocks;     /* owned (dg_bigmem); each holds many strings */
  size_t *block_size;
  size_t nblocks, capblocks;
  char *cur;         /* free space in the last block */
  size_t left;
  const char **str;  /* interned strings by id (into blocks) */
  uint32_t *len;     /* their lengths */
  size_t n, cap;
  dg_idtab index;    /* hash -> id */
} dg_strpool;

void dg_strpool_init(dg_strpool *p);
void dg_strpool_free(dg_strpool *p);
/* A copy of s[0..n) with a terminating NUL, not interned (no id). */
const char *dg_strpool_copy(dg_strpool *p, const char *s, size_t n);
/* The id of the one copy of s[0..n) (made on first use). */
uint32_t dg_strpool_intern(dg_strpool *p, const char *s, size_t n);
/* The interned string with this id, NUL-terminated. */
static inline const char *dg_strpool_str(const dg_strpool *p, uint32_t id) { return p->str[id]; }
static inline size_t dg_strpool_count(const dg_strpool *p) { return p->n; }

#endif
