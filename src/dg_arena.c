/* dg_arena: see dg_arena.h. */
#include "dg_arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* First block: most documents' strings fit; blocks double up to the cap. */
enum { ARENA_FIRST = 16 << 10, ARENA_MAX_BLOCK = 1 << 20 };

struct dg_arena_block {
  dg_arena_block *next;
  size_t cap;
  alignas(max_align_t) char data[];
};

void dg_arena_init(dg_arena *a) {
  a->head = NULL, a->cur = a->end = a->last = NULL, a->next_size = ARENA_FIRST;
}

void dg_arena_free(dg_arena *a) {
  for (dg_arena_block *b = a->head, *n; b; b = n) {
    n = b->next;
    free(b);
  }
  dg_arena_init(a);
}

/* A block kept by dg_arena_reset is at most this big: one huge document
 * does not pin its memory to the thread for the rest of the run. */
enum { ARENA_KEEP_MAX = 4 * ARENA_MAX_BLOCK };

void dg_arena_reset(dg_arena *a) {
  dg_arena_block *keep = NULL;
  for (dg_arena_block *b = a->head, *n; b; b = n) {
    n = b->next;
    if (b->cap <= ARENA_KEEP_MAX && (!keep || b->cap > keep->cap)) {
      free(keep);
      keep = b;
    } else {
      free(b);
    }
  }
  a->head = keep;
  a->cur = keep ? keep->data : NULL;
  a->end = keep ? keep->data + keep->cap : NULL;
  a->last = NULL;
  if (keep) keep->next = NULL;
}

static size_t round_up(size_t n) { return (n + DG_ARENA_ALIGN - 1) & ~(size_t)(DG_ARENA_ALIGN - 1); }

void *dg_arena_alloc_block(dg_arena *a, size_t r) {
  size_t cap = a->next_size;
  if (cap < r) cap = round_up(r);
  if (a->next_size < ARENA_MAX_BLOCK) a->next_size *= 2;
  dg_arena_block *b = dg_xmalloc(sizeof *b + cap);
  b->cap = cap;
  b->next = a->head;
  a->head = b;
  a->cur = b->data + r;
  a->end = b->data + cap;
  a->last = b->data;
  return b->data;
}

void *dg_arena_grow(dg_arena *a, void *p, size_t old, size_t n) {
  if (n <= old && p) return p;
  if (p && p == a->last) { /* the latest allocation: extend it where it is */
    size_t r = round_up(n);
    if ((size_t)(a->end - (char *)p) >= r) {
      a->cur = (char *)p + r;
      return p;
    }
  }
  void *q = dg_arena_alloc(a, n);
  if (old) memcpy(q, p, old);
  return q;
}

char *dg_arena_strndup(dg_arena *a, const char *s, size_t n) {
  char *p = dg_arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *dg_arena_strdup(dg_arena *a, const char *s) { return dg_arena_strndup(a, s, strlen(s)); }

void dg_arena_strvec_pushn(dg_arena *a, dg_strvec *s, const char *str, size_t n) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 4;
    s->v = dg_arena_grow(a, s->v, s->cap * sizeof *s->v, cap * sizeof *s->v);
    s->cap = cap;
  }
  s->v[s->n++] = dg_arena_strndup(a, str, n);
}

size_t dg_arena_strvec_add_unique(dg_arena *a, dg_strvec *s, const char *str) {
  int i = dg_strvec_find(s, str);
  if (i >= 0) return (size_t)i;
  dg_arena_strvec_pushn(a, s, str, strlen(str));
  return s->n - 1;
}

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void thread_arena_free(void *p) {
  dg_arena_free(p);
  free(p);
}

static void make_key(void) { pthread_key_create(&key, thread_arena_free); }

dg_arena *dg_arena_thread(void) {
  pthread_once(&key_once, make_key);
  dg_arena *a = pthread_getspecific(key);
  if (!a) {
    a = dg_xmalloc(sizeof *a);
    dg_arena_init(a);
    pthread_setspecific(key, a);
  }
  return a;
}
