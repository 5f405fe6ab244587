/* dg_mention: the mention stage. Tokenises each sentence and finds the spans
 * later stages reason about: name chunks (capitalised phrases with inner
 * connectors, such as "Group of Governmental Experts on ..."), ordinals,
 * dates (day, month or year precision, ranges, "today", "last year"),
 * acronym definitions ("Long Name (ABBR)", "(hereinafter "X")").
 *
 * Lines written in capitals (headings) are title-cased in a shadow copy of
 * the text so that they chunk like ordinary text; offsets stay those of the
 * original. Ownership: dg_text owns its arrays and the shadow copy; the
 * original text is borrowed and must outlive it. Every sentence's tokens,
 * dates and chunks are slices of three document-wide blocks (one
 * allocation each, not three per sentence). */
#ifndef DG_MENTION_H
#define DG_MENTION_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "dg_lexicon.h"

enum {
  TK_WORD = 1u << 0,   /* letters/digits */
  TK_CAP = 1u << 1,    /* starts with an upper-case letter */
  TK_ALLCAP = 1u << 2, /* two or more letters, all upper case */
  TK_NUM = 1u << 3,    /* starts with a digit */
  TK_PUNCT = 1u << 4,
  TK_ORD = 1u << 5,    /* ordinal: "second", "6th", "Inaugural" */
  TK_YEAR = 1u << 6,   /* 1900..2099 */
  TK_DATE = 1u << 7,   /* part of a date expression */
  TK_CONN = 1u << 8,   /* name-inner connector: of, on, and, the, ... */
  TK_MONTH = 1u << 9,
  TK_POSS = 1u << 10,  /* ends in 's (possessive) */
  TK_HYPHEN = 1u << 11, /* may hold a '-' ("twenty-seventh"): without it, no need to look */
  TK_REST = 1u << 12    /* a word read past its first run of ASCII letters and digits: without
                        * it, a word that starts with one is that run alone */
};

typedef struct dg_tok {
  uint32_t b, e;       /* byte offsets into the text */
  uint32_t flags;
  int ordinal;         /* value when TK_ORD */
  unsigned lists;      /* dg_lexicon_word_lists mask of the word */
  unsigned multi;      /* lists with an entry of two or more words starting with the word
                        * (dg_lexicon_word_masks); with lists: every entry it can start */
} dg_tok;

typedef struct dg_date {
  int tb, te;          /* token range */
  int y, m, d;         /* 0 where the text does not say */
  int inferred_year;   /* year taken from the document's date (2: from a weekday) */
} dg_date;

typedef struct dg_chunk {
  int tb, te;          /* token range of the name */
  int ord;             /* ordinal value preceding/heading the name, or 0 */
  int ord_tok;         /* token index of that ordinal, or -1 */
  int acr_b, acr_e;    /* token range of "(ABBR)" content right after, or -1 */
  int alias_b, alias_e;/* "(hereinafter "X")": token range of X, or -1 */
  int inner_acr;       /* number of inline "(ABBR)" groups inside tb..te */
} dg_chunk;

typedef struct dg_sentinfo {
  size_t b, e;         /* bytes of the sentence */
  dg_tok *toks;
  int ntoks;
  dg_date *dates;
  int ndates;
  dg_chunk *chunks;
  int nchunks;
  unsigned lists;      /* union of the tokens' lists masks: "no cue here" in one test */
  uint32_t word_flags; /* union of its words' flags as the tokenizer set them ("no ordinal here") */
  int heading;         /* a short line without final punctuation */
  int caps_line;       /* written in capitals */
} dg_sentinfo;

typedef struct dg_text {
  const char *orig;
  char *shadow;        /* same bytes, capitals lines title-cased; then a NUL and
                        * DG_WORDTAB_PAD zeros more (the tokenizer reads words whole) */
  size_t len;
  dg_sentinfo *sents;
  size_t nsents;
  dg_tok *tok_block;   /* the arrays every sentence's toks, dates, chunks point into */
  dg_date *date_block;
  dg_chunk *chunk_block;
  int doc_y, doc_m, doc_d; /* the document's own date, when it gives one */
} dg_text;

int dg_mention_analyse(const dg_lexicon *lx, const char *text, size_t len, dg_text **out);
void dg_text_free(dg_text *t);

/* Token text helpers (shadow copy). Inline: called with string literals
 * millions of times, so the length folds to a constant and most calls end
 * at the length test. */
/* Do the n bytes at p read w, ignoring ASCII case (strncasecmp(p, w, n)
 * == 0 when w has n bytes)? For a short literal w the tests on its bytes
 * fold away, no call: a letter of w takes either case of itself ((c | 0x20)
 * is that letter for no other byte), any other byte only itself. The first
 * byte that differs ends the reading. */
static inline int dg_caseeq(const char *p, const char *w, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char a = (unsigned char)p[i], b = (unsigned char)w[i];
    int letter = (unsigned)((b | 0x20) - 'a') < 26u;
    if (letter ? (a | 0x20) != (b | 0x20) : a != b) return 0;
  }
  return 1;
}
/* (a | 0x20) == (b | 0x20) holds whenever a and b are equal ignoring
 * case: a one-instruction "no" before strncasecmp. */
static inline int dg_tok_is(const dg_text *t, const dg_tok *k, const char *word) { /* case-insensitive */
  size_t n = strlen(word);
  if (k->e - k->b != n || !n) return 0;
  if (n <= 8) return dg_caseeq(t->shadow + k->b, word, n);
  return (t->shadow[k->b] | 0x20) == (word[0] | 0x20) && strncasecmp(t->shadow + k->b, word, n) == 0;
}
/* (The first letters first: prefixes come from tables too, where the
 * length does not fold, and most tokens differ there.) */
static inline int dg_tok_prefix(const dg_text *t, const dg_tok *k, const char *prefix) {
  if ((t->shadow[k->b] | 0x20) != (prefix[0] | 0x20)) return 0;
  size_t n = strlen(prefix);
  return k->e - k->b >= n && n && strncasecmp(t->shadow + k->b, prefix, n) == 0;
}
char *dg_tok_str(const dg_text *t, const dg_tok *k);

/* Renders tokens [tb, te) as a name: single spaces where the text had any
 * white space, inline "(ABBR)" groups dropped when skip_parens. Caller frees. */
char *dg_mention_render(const dg_text *t, const dg_sentinfo *s, int tb, int te, int skip_parens);
/* The same into a caller's array of at least dg_mention_render_bound bytes
 * (the span's bytes and a NUL: a rendering is never longer than its
 * source); returns the length. For callers that only look a name up. */
/* (Inline: asked once per name looked up.) */
static inline size_t dg_mention_render_bound(const dg_sentinfo *s, int tb, int te) {
  return te > tb ? (size_t)(s->toks[te - 1].e - s->toks[tb].b) + 1 : 1;
}
size_t dg_mention_render_into(const dg_text *t, const dg_sentinfo *s, int tb, int te, int skip_parens,
                              char *out);

/* If token i opens an acronym group "(ABBR)", the index of its ')', else -1.
 * Inline, the test for '(': it is asked of every token of a name, and
 * most are none. dg_mention_acronym_group reads the group after one. */
int dg_mention_acronym_group(const dg_text *t, const dg_sentinfo *s, int i);
static inline int dg_mention_acronym_paren(const dg_text *t, const dg_sentinfo *s, int i) {
  if (i >= s->ntoks) return -1;
  const dg_tok *k = &s->toks[i];
  if (!(k->flags & TK_PUNCT) || k->e - k->b != 1 || t->shadow[k->b] != '(') return -1;
  return dg_mention_acronym_group(t, s, i);
}

/* Date as ISO text at its precision ("2019-10-03", "2018-11", "2022");
 * returns the dg_lit kind, or DG_L_NONE if it has no year. */
int dg_date_iso(const dg_date *d, char *buf, size_t n);

#endif
