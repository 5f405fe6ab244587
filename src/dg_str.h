/* dg_str: growable byte buffers, string vectors and a string-keyed hash map.
 *
 * Small containers used by every stage. Allocation failure aborts through
 * dg_xmalloc (out of memory is not a recoverable input error here).
 * Ownership: a dg_buf owns its bytes; a dg_strvec owns its strings (push
 * copies); a dg_map owns copies of its keys and stores plain int values; a
 * dg_idtab owns only its slot array. */
#ifndef DG_STR_H
#define DG_STR_H

#include <stddef.h>
#include <stdint.h>

void *dg_xmalloc(size_t n);
void *dg_xcalloc(size_t n, size_t m);
void *dg_xrealloc(void *p, size_t n);
char *dg_xstrdup(const char *s);
char *dg_xstrndup(const char *s, size_t n);

typedef struct dg_buf {
  char *data;
  size_t len, cap;
} dg_buf;

void dg_buf_init(dg_buf *b);
void dg_buf_free(dg_buf *b);
void dg_buf_reset(dg_buf *b);
void dg_buf_add(dg_buf *b, const char *s, size_t n);
void dg_buf_adds(dg_buf *b, const char *s);
void dg_buf_addc(dg_buf *b, char c);
void dg_buf_printf(dg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the NUL-terminated contents and leaves b empty; caller frees. */
char *dg_buf_steal(dg_buf *b);
const char *dg_buf_cstr(dg_buf *b);

typedef struct dg_strvec {
  char **v;
  size_t n, cap;
} dg_strvec;

void dg_strvec_init(dg_strvec *s);
void dg_strvec_free(dg_strvec *s);
void dg_strvec_push(dg_strvec *s, const char *str);
void dg_strvec_pushn(dg_strvec *s, const char *str, size_t n);
/* Pushes only if not present (linear scan: for short lists). Returns index. */
size_t dg_strvec_add_unique(dg_strvec *s, const char *str);
int dg_strvec_find(const dg_strvec *s, const char *str);
void dg_strvec_sort(dg_strvec *s);

typedef struct dg_map_slot {
  char *key;
  size_t len; /* strlen(key) */
  uint64_t hash;
  int value;
} dg_map_slot;

typedef struct dg_map {
  dg_map_slot *slots;
  size_t n, cap;
} dg_map;

void dg_map_init(dg_map *m);
void dg_map_free(dg_map *m);
/* Returns the value for key, or -1. */
int dg_map_get(const dg_map *m, const char *key);
int dg_map_getn(const dg_map *m, const char *key, size_t n);
/* Inserts or overwrites. */
void dg_map_put(dg_map *m, const char *key, int value);
/* FNV-1a. Fixed for good: minted IRIs carry it (dg_slug); tables use
 * dg_hash_fast. */
uint64_t dg_hash(const char *s, size_t n);
/* A fast, well-mixed hash of n bytes for hash tables; never written out. */
uint64_t dg_hash_fast(const void *p, size_t n);

/* dg_idtab: a hash index over items the caller stores elsewhere, by id
 * (0 .. 2^32-2). It keeps only (hash, id) pairs, so keys are never copied:
 * the caller hashes an item with any function and tells whether an id
 * holds the item it looks for. Load factor at most one half. */
typedef struct dg_idtab {
  uint64_t *slots; /* hash bits << 32 | (id + 1); 0 = empty */
  size_t n, cap;
} dg_idtab;

typedef int (*dg_idtab_eq)(const void *ctx, uint32_t id);
void dg_idtab_init(dg_idtab *t);
void dg_idtab_free(dg_idtab *t);
/* The id of an item with this hash that eq(ctx, id) accepts, or -1. */
int64_t dg_idtab_find(const dg_idtab *t, uint64_t hash, dg_idtab_eq eq, const void *ctx);
/* Adds id under hash; the caller has checked that no equal item is there. */
void dg_idtab_add(dg_idtab *t, uint64_t hash, uint32_t id);

/* Counts UTF-8 code points in s[0..n). */
size_t dg_utf8_count(const char *s, size_t n);
/* Length of a valid UTF-8 sequence at s (1..4), or 0 if invalid. */
int dg_utf8_seq_len(const unsigned char *s, size_t avail);
void dg_utf8_append(dg_buf *b, uint32_t cp);

#endif
