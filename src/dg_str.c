/* dg_str: see dg_str.h. */
#include "dg_str.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *dg_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fputs("diplograph: out of memory\n", stderr);
    abort();
  }
  return p;
}

void *dg_xcalloc(size_t n, size_t m) {
  void *p = calloc(n ? n : 1, m ? m : 1);
  if (!p) {
    fputs("diplograph: out of memory\n", stderr);
    abort();
  }
  return p;
}

void *dg_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fputs("diplograph: out of memory\n", stderr);
    abort();
  }
  return q;
}

char *dg_xstrdup(const char *s) { return dg_xstrndup(s, strlen(s)); }

char *dg_xstrndup(const char *s, size_t n) {
  char *p = dg_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void dg_buf_init(dg_buf *b) { b->data = NULL, b->len = b->cap = 0; }
void dg_buf_free(dg_buf *b) {
  free(b->data);
  dg_buf_init(b);
}
void dg_buf_reset(dg_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

static void buf_reserve(dg_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  b->data = dg_xrealloc(b->data, cap);
  b->cap = cap;
}

void dg_buf_add(dg_buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}
void dg_buf_adds(dg_buf *b, const char *s) { dg_buf_add(b, s, strlen(s)); }
void dg_buf_addc(dg_buf *b, char c) { dg_buf_add(b, &c, 1); }

/* Formats straight into the room the buffer has (one vsnprintf when it
 * fits, as it mostly does), and again after growing when it did not. */
void dg_buf_printf(dg_buf *b, const char *fmt, ...) {
  va_list ap;
  buf_reserve(b, 0); /* room for the NUL at least, so data is never NULL */
  size_t room = b->cap - b->len;
  va_start(ap, fmt);
  int n = vsnprintf(b->data + b->len, room, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->data[b->len] = '\0';
    return;
  }
  if ((size_t)n >= room) {
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  b->len += (size_t)n;
}

char *dg_buf_steal(dg_buf *b) {
  char *p = b->data ? b->data : dg_xstrdup("");
  dg_buf_init(b);
  return p;
}

const char *dg_buf_cstr(dg_buf *b) {
  if (!b->data) buf_reserve(b, 0), b->data[0] = '\0';
  return b->data;
}

void dg_strvec_init(dg_strvec *s) { s->v = NULL, s->n = s->cap = 0; }
void dg_strvec_free(dg_strvec *s) {
  for (size_t i = 0; i < s->n; i++) free(s->v[i]);
  free(s->v);
  dg_strvec_init(s);
}
void dg_strvec_pushn(dg_strvec *s, const char *str, size_t n) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 8;
    s->v = dg_xrealloc(s->v, s->cap * sizeof *s->v);
  }
  s->v[s->n++] = dg_xstrndup(str, n);
}
void dg_strvec_push(dg_strvec *s, const char *str) { dg_strvec_pushn(s, str, strlen(str)); }
int dg_strvec_find(const dg_strvec *s, const char *str) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->v[i], str) == 0) return (int)i;
  return -1;
}
size_t dg_strvec_add_unique(dg_strvec *s, const char *str) {
  int i = dg_strvec_find(s, str);
  if (i >= 0) return (size_t)i;
  dg_strvec_push(s, str);
  return s->n - 1;
}
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}
void dg_strvec_sort(dg_strvec *s) {
  if (s->n > 1) qsort(s->v, s->n, sizeof *s->v, cmp_str);
}

uint64_t dg_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h ? h : 1;
}

/* 8 bytes at a time, multiply-xorshift mixing, murmur3's finalizer. */
static uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t dg_hash_fast(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)n * 0xff51afd7ed558ccdULL);
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ (w * 0x9e3779b97f4a7c15ULL)) * 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
  }
  /* the last n < 8 bytes, little-endian, in at most three loads */
  uint64_t w = 0;
  unsigned shift = 0;
  if (n & 4) {
    w = (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 | (uint64_t)s[3] << 24;
    s += 4, shift = 32;
  }
  if (n & 2) {
    w |= ((uint64_t)s[0] | (uint64_t)s[1] << 8) << shift;
    s += 2, shift += 16;
  }
  if (n & 1) w |= (uint64_t)s[0] << shift;
  return mix64(h ^ w);
}

void dg_idtab_init(dg_idtab *t) { t->slots = NULL, t->n = t->cap = 0; }
void dg_idtab_free(dg_idtab *t) {
  free(t->slots);
  dg_idtab_init(t);
}

static uint64_t idtab_bits(uint64_t hash) { return (hash ^ (hash >> 32)) & 0xffffffffULL; }

int64_t dg_idtab_find(const dg_idtab *t, uint64_t hash, dg_idtab_eq eq, const void *ctx) {
  if (!t->cap) return -1;
  uint64_t bits = idtab_bits(hash);
  size_t mask = t->cap - 1;
  for (size_t i = (size_t)bits & mask;; i = (i + 1) & mask) {
    uint64_t s = t->slots[i];
    if (!s) return -1;
    if (s >> 32 == bits && eq(ctx, (uint32_t)(s & 0xffffffffULL) - 1))
      return (int64_t)(s & 0xffffffffULL) - 1;
  }
}

static void idtab_put(dg_idtab *t, uint64_t slot) {
  size_t mask = t->cap - 1;
  size_t i = (size_t)(slot >> 32) & mask;
  while (t->slots[i]) i = (i + 1) & mask;
  t->slots[i] = slot;
}

void dg_idtab_add(dg_idtab *t, uint64_t hash, uint32_t id) {
  if ((t->n + 1) * 2 > t->cap) {
    dg_idtab old = *t;
    t->cap = old.cap ? old.cap * 2 : 64;
    t->slots = dg_xcalloc(t->cap, sizeof *t->slots);
    for (size_t i = 0; i < old.cap; i++)
      if (old.slots[i]) idtab_put(t, old.slots[i]);
    free(old.slots);
  }
  idtab_put(t, idtab_bits(hash) << 32 | ((uint64_t)id + 1));
  t->n++;
}

void dg_map_init(dg_map *m) { m->slots = NULL, m->n = m->cap = 0; }
void dg_map_free(dg_map *m) {
  for (size_t i = 0; i < m->cap; i++) free(m->slots[i].key);
  free(m->slots);
  dg_map_init(m);
}

static dg_map_slot *map_find(const dg_map *m, const char *key, size_t n, uint64_t h) {
  if (!m->cap) return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    dg_map_slot *s = &m->slots[i];
    if (!s->key) return s;
    if (s->hash == h && s->len == n && memcmp(s->key, key, n) == 0) return s;
  }
}

int dg_map_getn(const dg_map *m, const char *key, size_t n) {
  dg_map_slot *s = map_find(m, key, n, dg_hash_fast(key, n));
  return s && s->key ? s->value : -1;
}
int dg_map_get(const dg_map *m, const char *key) { return dg_map_getn(m, key, strlen(key)); }

static void map_grow(dg_map *m) {
  dg_map old = *m;
  m->cap = old.cap ? old.cap * 2 : 64;
  m->slots = dg_xcalloc(m->cap, sizeof *m->slots);
  m->n = 0;
  for (size_t i = 0; i < old.cap; i++) {
    if (!old.slots[i].key) continue;
    dg_map_slot *s = map_find(m, old.slots[i].key, old.slots[i].len, old.slots[i].hash);
    *s = old.slots[i];
    m->n++;
  }
  free(old.slots);
}

void dg_map_put(dg_map *m, const char *key, int value) {
  if ((m->n + 1) * 2 > m->cap) map_grow(m);
  size_t n = strlen(key);
  uint64_t h = dg_hash_fast(key, n);
  dg_map_slot *s = map_find(m, key, n, h);
  if (!s->key) {
    s->key = dg_xstrndup(key, n);
    s->len = n;
    s->hash = h;
    m->n++;
  }
  s->value = value;
}

#if defined(__GNUC__) && (defined(__SSE2__) || defined(__ARM_NEON))
/* Sixteen bytes in one register: extraction counts the code points of
 * every document's every byte (span offsets), sixteen at a step. */
typedef signed char utf8_sv16 __attribute__((vector_size(16)));
typedef unsigned char utf8_uv16 __attribute__((vector_size(16)));

/* The sum of the eight bytes of x (each up to 255): pairs into 16-bit
 * lanes, then one multiply adds the lanes into the top one. */
static size_t sum_bytes8(uint64_t x) {
  const uint64_t lo = 0x00FF00FF00FF00FFULL;
  x = (x & lo) + ((x >> 8) & lo);
  return (size_t)((x * 0x0001000100010001ULL) >> 48);
}

/* The continuation bytes in s[0..16 * blocks), blocks <= 255: per lane a
 * counter that one block adds at most 1 to, summed once at the end. */
static size_t cont_blocks(const char *s, size_t blocks) {
  const utf8_sv16 below = {-64, -64, -64, -64, -64, -64, -64, -64, -64, -64, -64, -64, -64, -64, -64, -64};
  utf8_uv16 acc = {0};
  for (size_t b = 0; b < blocks; b++) {
    utf8_sv16 v;
    memcpy(&v, s + 16 * b, 16);
    acc -= (utf8_uv16)(v < below); /* 0x80..0xBF are -128..-65: -1 in the mask */
  }
  uint64_t w[2];
  memcpy(w, &acc, 16);
  return sum_bytes8(w[0]) + sum_bytes8(w[1]);
}
#endif

size_t dg_utf8_count(const char *s, size_t n) {
  size_t c = 0, i = 0;
#if defined(__GNUC__) && (defined(__SSE2__) || defined(__ARM_NEON))
  while (n - i >= 16) {
    size_t blocks = (n - i) / 16 < 255 ? (n - i) / 16 : 255;
    c += 16 * blocks - cont_blocks(s + i, blocks);
    i += 16 * blocks;
  }
#endif
  /* eight bytes at a time: a continuation byte has bit 7 set and bit 6 clear */
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7; /* one bit per byte */
    c += 8 - (size_t)((cont * 0x0101010101010101ULL) >> 56);                /* their sum */
  }
  for (; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

int dg_utf8_seq_len(const unsigned char *s, size_t avail) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  int len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if ((size_t)len > avail) return 0;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

void dg_utf8_append(dg_buf *b, uint32_t cp) {
  char t[4];
  if (cp < 0x80) t[0] = (char)cp, dg_buf_add(b, t, 1);
  else if (cp < 0x800) {
    t[0] = (char)(0xC0 | (cp >> 6)), t[1] = (char)(0x80 | (cp & 0x3F));
    dg_buf_add(b, t, 2);
  } else if (cp < 0x10000) {
    t[0] = (char)(0xE0 | (cp >> 12)), t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    t[2] = (char)(0x80 | (cp & 0x3F));
    dg_buf_add(b, t, 3);
  } else {
    t[0] = (char)(0xF0 | (cp >> 18)), t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), t[3] = (char)(0x80 | (cp & 0x3F));
    dg_buf_add(b, t, 4);
  }
}
