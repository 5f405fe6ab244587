/* dg_resolve: canonical keys, the basis of "one node per real thing".
 *
 * A key is the folded name (dg_lexicon_fold) with three more rules:
 *  - a partner prefix ("ASEAN-U.S.", "Japan-ASEAN", "EU-Japan") has its
 *    partners resolved through the gazetteer and sorted, so "U.S.-ASEAN
 *    Summit" and "ASEAN-United States Summit" share a key;
 *  - an acronym inside a longer name ("ARF Ministerial Meeting") is expanded
 *    to its long form, from the gazetteer or the document's own definitions;
 *  - a plural head is made singular ("Policy Meetings").
 * Keys depend on the name (and the document's acronym definitions) only,
 * never on file order, so separate runs mint the same IRIs.
 * Ownership: dg_acr is owned by its creator; returned strings by the caller. */
#ifndef DG_RESOLVE_H
#define DG_RESOLVE_H

#include "dg_arena.h"
#include "dg_lexicon.h"
#include "dg_str.h"

/* Acronyms a document defines: ACR -> folded long form. Its strings and
 * vectors live in its own arena (one free for the lot). */
typedef struct dg_acr {
  dg_idtab index;    /* acronym -> index into the vectors */
  dg_strvec acrs;    /* the acronyms */
  dg_strvec longs;   /* their keys (dg_resolve_key of the long form) */
  dg_strvec names;   /* the long form as written */
  dg_arena arena;
} dg_acr;

void dg_acr_init(dg_acr *a);
void dg_acr_free(dg_acr *a);
void dg_acr_define(dg_acr *a, const dg_lexicon *lx, const char *acr, const char *long_name);
/* Long form as written, or NULL. */
const char *dg_acr_long(const dg_acr *a, const char *acr);

/* Canonical key of name. acr may be NULL. Caller frees. */
char *dg_resolve_key(const dg_lexicon *lx, const dg_acr *acr, const char *name);
/* The same, borrowed from the calling thread's key memo: valid until the
 * thread's next dg_resolve_key* call (copy it to keep it). */
const char *dg_resolve_key_ref(const dg_lexicon *lx, const dg_acr *acr, const char *name);

/* If name starts with a partner prefix ("EU-Japan ..."), returns the number
 * of bytes of that prefix (up to the space after it), else 0. */
size_t dg_resolve_partner_prefix(const dg_lexicon *lx, const char *name);

/* Edit distance, capped: returns cap + 1 when larger. */
int dg_resolve_distance(const char *a, const char *b, int cap);

#endif
