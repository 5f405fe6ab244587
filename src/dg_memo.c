/* dg_memo: see dg_memo.h. */
#include "dg_memo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Entries a memo holds before it is emptied: names are short, so a few MB. */
enum { MEMO_MAX = 1 << 16 };

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void memo_init(dg_memo *m) {
  dg_idtab_init(&m->index);
  m->v = NULL, m->n = m->cap = 0;
  dg_arena_init(&m->arena);
}

/* Empties m, keeping one arena block for what comes next. */
static void memo_clear(dg_memo *m) {
  dg_idtab_free(&m->index);
  dg_arena_reset(&m->arena);
  m->v = NULL, m->n = m->cap = 0;
}

static void memos_free(void *p) {
  dg_memo *m = p;
  for (int i = 0; i < DG_MEMO__N; i++) {
    dg_idtab_free(&m[i].index);
    dg_arena_free(&m[i].arena);
  }
  free(m);
}

static void make_key(void) { pthread_key_create(&key, memos_free); }

/* The calling thread's memos, once found: a thread-local pointer is one
 * load, pthread_once and pthread_getspecific a call each (this runs for
 * every gazetteer and key lookup). The pthread key still owns the memos
 * and frees them when the thread exits. */
static _Thread_local dg_memo *mine;

dg_memo *dg_memo_get(dg_memo_kind kind, unsigned long owner) {
  dg_memo *m = mine;
  if (!m) {
    pthread_once(&key_once, make_key);
    m = pthread_getspecific(key);
  }
  if (!m) {
    m = dg_xcalloc(DG_MEMO__N, sizeof *m);
    for (int i = 0; i < DG_MEMO__N; i++) memo_init(&m[i]);
    pthread_setspecific(key, m);
  }
  mine = m;
  dg_memo *k = &m[kind];
  if (k->owner != owner || k->n >= MEMO_MAX) {
    memo_clear(k);
    k->owner = owner;
  }
  return k;
}

typedef struct probe {
  const dg_memo *m;
  const char *q;
  size_t len;
} probe;

static int entry_eq(const void *ctx, uint32_t id) {
  const probe *p = ctx;
  const dg_memo_entry *e = &p->m->v[id];
  return e->len == p->len && !memcmp(e->q, p->q, p->len);
}

const dg_memo_entry *dg_memo_find(const dg_memo *m, const char *q, size_t len) {
  probe p = {m, q, len};
  int64_t i = dg_idtab_find(&m->index, dg_hash_fast(q, len), entry_eq, &p);
  return i < 0 ? NULL : &m->v[i];
}

const dg_memo_entry *dg_memo_put(dg_memo *m, const char *q, size_t len, int value, const char *text) {
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 256;
    m->v = dg_arena_grow(&m->arena, m->v, m->cap * sizeof *m->v, cap * sizeof *m->v);
    m->cap = cap;
  }
  dg_memo_entry *e = &m->v[m->n];
  e->q = dg_arena_strndup(&m->arena, q, len);
  e->len = len;
  e->value = value;
  e->text = text ? dg_arena_strdup(&m->arena, text) : NULL;
  dg_idtab_add(&m->index, dg_hash_fast(q, len), (uint32_t)m->n);
  m->n++;
  return e;
}

unsigned long dg_memo_new_owner(void) {
  static _Atomic unsigned long next = 1;
  return next++;
}
