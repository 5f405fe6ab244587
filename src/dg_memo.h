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
 * Ownership: the thread owns its memos; callers borrow them for a call. */
#ifndef DG_MEMO_H
#define DG_MEMO_H

#include "dg_str.h"

typedef enum { DG_MEMO_GAZETTEER, DG_MEMO_KEY, DG_MEMO_PREFIX, DG_MEMO__N } dg_memo_kind;

typedef struct dg_memo {
  unsigned long owner;
  dg_map index;   /* question -> int answer, or index into texts */
  dg_strvec texts;/* answers that are strings */
} dg_memo;

/* The calling thread's memo of this kind for owner. */
dg_memo *dg_memo_get(dg_memo_kind kind, unsigned long owner);

/* A new owner number (one per loaded lexicon). */
unsigned long dg_memo_new_owner(void);

#endif
