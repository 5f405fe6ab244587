/* dg_memo: see dg_memo.h. */
#include "dg_memo.h"

#include <pthread.h>
#include <stdlib.h>

/* Entries a memo holds before it is emptied: names are short, so a few MB. */
enum { MEMO_MAX = 1 << 16 };

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void memo_clear(dg_memo *m) {
  dg_map_free(&m->index);
  dg_strvec_free(&m->texts);
  dg_map_init(&m->index);
  dg_strvec_init(&m->texts);
}

static void memos_free(void *p) {
  dg_memo *m = p;
  for (int i = 0; i < DG_MEMO__N; i++) {
    dg_map_free(&m[i].index);
    dg_strvec_free(&m[i].texts);
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
    for (int i = 0; i < DG_MEMO__N; i++) {
      dg_map_init(&m[i].index);
      dg_strvec_init(&m[i].texts);
    }
    pthread_setspecific(key, m);
  }
  mine = m;
  dg_memo *k = &m[kind];
  if (k->owner != owner || k->index.n >= MEMO_MAX) {
    memo_clear(k);
    k->owner = owner;
  }
  return k;
}

unsigned long dg_memo_new_owner(void) {
  static _Atomic unsigned long next = 1;
  return next++;
}
