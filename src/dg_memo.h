/* dg_memo: per-thread memos of pure functions of a name, kept across
 * documents.
 *
 * Extraction asks the same questions about the same names in document
 * after document (is "ASEAN Regional Forum" in the gazetteer, what is its
 * key), and each answer costs a fold of the name. A memo remembers the
 * answers for the calling thread: no locking, and the data it answers from
 * (a loaded lexicon) stays read-only and shared. A memo belongs to an owner
 * (a lexicon's serial number): asked for another owner, it starts empty.
 * It is emptied when it grows past a bound, so memory stays flat on any
 * corpus, and freed when its thread exits. Answers never depend on what
 * the memo holds, so output does not either.
 * Ownership: the thread owns its memos; callers borrow them for a call.
 * A memo owns copies of its questions and text answers (in its arena):
 * a text answer stays valid until the thread's next dg_memo_get of that
 * kind (which may empty the memo). */
#ifndef DG_MEMO_H
#define DG_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "dg_arena.h"
#include "dg_str.h"

/* DG_MEMO_KEY_PLAIN: names' keys with no acronyms defined (dg_resolve_key_ref) */
typedef enum { DG_MEMO_GAZETTEER, DG_MEMO_KEY, DG_MEMO_PREFIX, DG_MEMO_KEY_PLAIN, DG_MEMO__N } dg_memo_kind;

typedef struct dg_memo_entry {
  const char *q;    /* the question (NUL-terminated copy) */
  size_t len;
  int value;        /* a number answer */
  const char *text; /* a text answer, or NULL */
} dg_memo_entry;

typedef struct dg_memo {
  unsigned long owner;
  dg_idtab index;   /* question -> index into v */
  dg_memo_entry *v;
  size_t n, cap;
  dg_arena arena;   /* questions, texts and v */
} dg_memo;

/* The calling thread's memo of this kind for owner. */
dg_memo *dg_memo_get(dg_memo_kind kind, unsigned long owner);

/* The entry for question q[0..len) (no NUL inside), or NULL. */
const dg_memo_entry *dg_memo_find(const dg_memo *m, const char *q, size_t len);
/* Records an answer for q[0..len) after dg_memo_find found none; text
 * (or NULL) is copied. Returns the new entry. */
const dg_memo_entry *dg_memo_put(dg_memo *m, const char *q, size_t len, int value, const char *text);

/* A new owner number (one per loaded lexicon). */
unsigned long dg_memo_new_owner(void);

#endif
