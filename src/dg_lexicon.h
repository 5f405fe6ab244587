/* dg_lexicon: the world knowledge and word lists extraction uses, loaded
 * from data files under ontology/ so a user extends them without a compiler.
 *
 *   gazetteer.tsv  class, canonical name, variants (|), acronyms (|), Wikidata id,
 *                  parent (the state or organisation a body belongs to)
 *                  classes: country, place, org, body, programme, series
 *   lexicon.tsv    list, word or phrase, value: the word lists (heads of names
 *                  per class, stance verbs, ordinals, months, connectors, ...)
 * Lines starting with '#' and blank lines are ignored. Lookups are
 * case-insensitive. Ownership: the lexicon owns everything; it is read-only
 * after loading and safe to share between threads. */
#ifndef DG_LEXICON_H
#define DG_LEXICON_H

#include "dg_error.h"
#include "dg_fact.h"
#include "dg_str.h"
#include "dg_wordtab.h"

typedef struct dg_gaz {
  dg_kind kind;
  unsigned classes;
  char *canonical;
  dg_strvec variants;   /* includes the canonical name */
  dg_strvec acronyms;
  char *wikidata;       /* or NULL */
  char *parent;         /* the state or organisation it belongs to, or NULL */
  char *key;            /* resolution key of the canonical name */
} dg_gaz;

typedef struct dg_lexicon dg_lexicon;

int dg_lexicon_load(const char *dir, dg_lexicon **out, dg_error *err);
void dg_lexicon_free(dg_lexicon *lx);

/* Value of word in list (e.g. list "ordinal", word "sixth" -> "6"), or NULL.
 * The word is matched case-insensitively. */
const char *dg_lexicon_get(const dg_lexicon *lx, const char *list, const char *word);
const char *dg_lexicon_getn(const dg_lexicon *lx, const char *list, const char *word, size_t n);
/* Longest entry of list that the token sequence starting at words[0]
 * matches (words are single tokens, joined by one space for matching).
 * Returns the number of words matched (0 if none) and its value in *value. */
int dg_lexicon_match(const dg_lexicon *lx, const char *list, char *const *words, int nwords,
                     const char **value);

/* Bit index of a list (for dg_lexicon_word_lists masks), or -1. */
int dg_lexicon_list_bit(const dg_lexicon *lx, const char *list);
/* The bit of a list that only spares work (doc_cue, anaphor_cue, venue_cue,
 * date_cue: a fast path skips a token out of it), or -1 unless the list
 * holds every one of words (NULL-terminated: the words the slow path acts
 * on). A user who drops one of those words from lexicon.tsv then gets the
 * slow path, not an extractor that silently misses the word. */
int dg_lexicon_filter_bit(const dg_lexicon *lx, const char *list, const char *const *words);
/* Mask of the lists a single word (case-insensitive) belongs to: one
 * lookup answers "is it a connector, a month, a cue ..." at once. */
unsigned dg_lexicon_word_lists(const dg_lexicon *lx, const char *word, size_t n);
/* Same lookup, two masks: *lists as above, *multi the lists with an entry
 * of two or more words whose first word is this one. A caller skips
 * dg_lexicon_match_n where no entry can start (neither mask has the list),
 * and phrase lookups where only the word itself can be an entry. */
void dg_lexicon_word_masks(const dg_lexicon *lx, const char *word, size_t n, unsigned *lists,
                           unsigned *multi);
/* The table behind both, for a caller that looks up every word of a
 * text in place (dg_wordtab_get: the text needs DG_WORDTAB_PAD bytes of
 * padding). */
const dg_wordtab *dg_lexicon_wordtab(const dg_lexicon *lx);

/* Same, for words given as (pointer, length) pairs into some text. */
int dg_lexicon_match_n(const dg_lexicon *lx, const char *list, const char *const *words,
                       const size_t *lens, int nwords, const char **value);

/* Gazetteer entry whose canonical name, a variant or an acronym normalises
 * to the same lookup form as name; NULL if none. */
const dg_gaz *dg_lexicon_gazetteer(const dg_lexicon *lx, const char *name);
/* The same for a NUL-terminated name whose length (strlen) is known. */
const dg_gaz *dg_lexicon_gazetteer_n(const dg_lexicon *lx, const char *name, size_t len);
/* Could a name whose first word (after any article) is word[0..n), ASCII
 * letters and digits, be in the gazetteer? 0 is a sure no (folding keeps
 * a word's first four letters); dg_lexicon_gazetteer asks the same first. */
int dg_lexicon_gaz_may_start(const dg_lexicon *lx, const char *word, size_t n);
/* dg_lexicon_gazetteer_n for a name whose first word the caller has found
 * in dg_lexicon_gaz_may_start (the quick test, not made again). */
const dg_gaz *dg_lexicon_gazetteer_passed(const dg_lexicon *lx, const char *name, size_t len);
/* The kinds (bit 1 << dg_kind) of gazetteer names that may hold the word
 * w[0..n), a part of a name between spaces or hyphens: no name of a kind
 * missing here folds to a string holding the word's fold (a plain word
 * folds to itself, lower case and singular). ~0u when the word's fold is
 * not told by its letters alone (not ASCII letters and digits, an article,
 * a form of the United States, a spelling variant). Holds for the words of
 * a name before any "United States of America" in it, which folds whole. */
unsigned dg_lexicon_word_kinds(const dg_lexicon *lx, const char *w, size_t n);
/* The bytes of name[0..len) whose words dg_lexicon_word_kinds holds for:
 * up to its first "United States of America" (any case), else len. */
size_t dg_lexicon_word_kinds_span(const char *name, size_t len);
size_t dg_lexicon_ngaz(const dg_lexicon *lx);
/* This loaded lexicon's number, unique in the process: the owner of
 * memos of answers computed from it (dg_memo). */
unsigned long dg_lexicon_serial(const dg_lexicon *lx);
const dg_gaz *dg_lexicon_gaz_at(const dg_lexicon *lx, size_t i);

/* The lookup form of a name: lower case, curly quotes straightened,
 * apostrophes and "the" dropped, punctuation folded to spaces,
 * British/American spellings folded (centre/center, programme/program,
 * defence/defense, organisation/organization), "United States of America",
 * "U.S.", "US" folded. Used for gazetteer lookups and as the base of keys. */
void dg_lexicon_fold(const char *name, dg_buf *out);

#endif
