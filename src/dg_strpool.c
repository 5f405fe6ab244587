/* dg_strpool: see dg_strpool.h. */
#include "dg_strpool.h"

#include <stdlib.h>
#include <string.h>

#include "dg_bigmem.h"

/* One huge page (dg_bigmem): the block count stays small on a big run, and
 * a block costs one page fault instead of 512. Longer strings get a block
 * each. */
#define POOL_BLOCK DG_BIG_MIN

void dg_strpool_init(dg_strpool *p) {
  memset(p, 0, sizeof *p);
  dg_idtab_init(&p->index);
}

void dg_strpool_free(dg_strpool *p) {
  for (size_t i = 0; i < p->nblocks; i++) dg_big_free(p->blocks[i], p->block_size[i]);
  free(p->blocks);
  free(p->block_size);
  free(p->str);
  free(p->len);
  dg_idtab_free(&p->index);
  memset(p, 0, sizeof *p);
}

static char *new_block(dg_strpool *p, size_t size) {
  if (p->nblocks == p->capblocks) {
    p->capblocks = p->capblocks ? p->capblocks * 2 : 16;
    p->blocks = dg_xrealloc(p->blocks, p->capblocks * sizeof *p->blocks);
    p->block_size = dg_xrealloc(p->block_size, p->capblocks * sizeof *p->block_size);
  }
  p->block_size[p->nblocks] = size;
  return p->blocks[p->nblocks++] = dg_big_alloc(size);
}

const char *dg_strpool_copy(dg_strpool *p, const char *s, size_t n) {
  char *d;
  if (n + 1 > POOL_BLOCK / 4) { /* a block of its own; the current one stays current */
    d = new_block(p, n + 1);
  } else {
    if (n + 1 > p->left) {
      p->cur = new_block(p, POOL_BLOCK);
      p->left = POOL_BLOCK;
    }
    d = p->cur;
    p->cur += n + 1;
    p->left -= n + 1;
  }
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

typedef struct pool_key {
  const dg_strpool *p;
  const char *s;
  size_t n;
} pool_key;

static int pool_eq(const void *ctx, uint32_t id) {
  const pool_key *k = ctx;
  return k->p->len[id] == k->n && !memcmp(k->p->str[id], k->s, k->n);
}

uint32_t dg_strpool_intern(dg_strpool *p, const char *s, size_t n) {
  pool_key k = {p, s, n};
  uint64_t h = dg_hash_fast(s, n);
  int64_t i = dg_idtab_find(&p->index, h, pool_eq, &k);
  if (i >= 0) return (uint32_t)i;
  if (p->n == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 1024;
    p->str = dg_xrealloc(p->str, p->cap * sizeof *p->str);
    p->len = dg_xrealloc(p->len, p->cap * sizeof *p->len);
  }
  uint32_t id = (uint32_t)p->n++;
  p->str[id] = dg_strpool_copy(p, s, n);
  p->len[id] = (uint32_t)n;
  dg_idtab_add(&p->index, h, id);
  return id;
}
