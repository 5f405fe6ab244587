/* dg_mention: see dg_mention.h. */
#include "dg_mention.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dg_sentence.h"
#include "dg_str.h"

/* ---- characters ---- */

/* ASCII character classes, as <ctype.h> answers them in the C locale the
 * program runs in, and the tokenizer's own: one load per byte instead of a
 * call and a mask. CC_PUNCT: an ASCII byte that is a token by itself
 * (neither space nor letter nor digit). CC_MORE: a byte after letters and
 * digits that may continue the word or join it to the next ("-./'", and
 * every byte from 0x80); after any other the word ends there. */
enum {
  CC_SPACE = 1, CC_UPPER = 2, CC_LOWER = 4, CC_DIGIT = 8, CC_PUNCT = 16, CC_MORE = 32,
  CC_ALNUM = CC_UPPER | CC_LOWER | CC_DIGIT
};
#define CC_SP(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define CC_AN(c) (((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9'))
#define CC(c)                                                                                      \
  ((CC_SP(c) ? CC_SPACE : 0) | ((c) >= 'A' && (c) <= 'Z' ? CC_UPPER : 0) |                          \
   ((c) >= 'a' && (c) <= 'z' ? CC_LOWER : 0) | ((c) >= '0' && (c) <= '9' ? CC_DIGIT : 0) |          \
   ((c) < 0x80 && !CC_SP(c) && !CC_AN(c) ? CC_PUNCT : 0) |                                        \
   ((c) >= 0x80 || (c) == '-' || (c) == '.' || (c) == '/' || (c) == '\'' ? CC_MORE : 0))
#define CC4(c) CC(c), CC((c) + 1), CC((c) + 2), CC((c) + 3)
#define CC16(c) CC4(c), CC4((c) + 4), CC4((c) + 8), CC4((c) + 12)
#define CC64(c) CC16(c), CC16((c) + 16), CC16((c) + 32), CC16((c) + 48)
static const unsigned char cclass[256] = {CC64(0), CC64(64), CC64(128), CC64(192)};
#undef CC64
#undef CC16
#undef CC4
#undef CC
#undef CC_AN
#undef CC_SP
static inline int cc_is(unsigned char c, unsigned cls) { return (cclass[c] & cls) != 0; }

/* The end of the run of ASCII letters and digits from j, four bytes a
 * step (one test each, no index update between). The text's final NUL
 * ends any run, and its padding (DG_WORDTAB_PAD) makes the reads past it
 * safe. */
static inline size_t alnum_run(const unsigned char *x, size_t j) {
  const unsigned char *p = x + j;
  for (;; p += 4) {
    if (!cc_is(p[0], CC_ALNUM)) return (size_t)(p - x);
    if (!cc_is(p[1], CC_ALNUM)) return (size_t)(p - x) + 1;
    if (!cc_is(p[2], CC_ALNUM)) return (size_t)(p - x) + 2;
    if (!cc_is(p[3], CC_ALNUM)) return (size_t)(p - x) + 3;
  }
}

/* Length of a punctuation sequence at p that is not part of a word
 * (curly quotes, dashes, bullets, nbsp), else 0. */
static int uni_punct(const unsigned char *p, size_t avail) {
  if (avail >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xBF) return 3;
  if (avail >= 3 && p[0] == 0xE2 && p[1] == 0x81) return 3;
  if (avail >= 2 && p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0xB7 || p[1] == 0xAB || p[1] == 0xBB))
    return 2;
  if (avail >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3;
  return 0;
}

/* Unicode white space: nbsp, the U+2000..U+200A spaces, narrow nbsp, ideographic space. */
static int uni_space(const unsigned char *p, size_t avail) {
  if (avail >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
  if (avail >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF)) return 3;
  if (avail >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;
  return 0;
}

static int is_rsquo(const unsigned char *p, size_t avail) {
  return avail >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99;
}

static int word_char(const unsigned char *p, size_t avail) {
  if (*p < 0x80) return cc_is(*p, CC_ALNUM);
  return !uni_punct(p, avail);
}

/* ---- shadow text: capitals lines title-cased ---- */

static int keep_upper(const dg_lexicon *lx, const char *w, size_t n) {
  if (n <= 1) return 1;
  for (size_t i = 0; i < n; i++)
    if (isdigit((unsigned char)w[i]) || w[i] == '.') return 1;
  char buf[128];
  char *s = n < sizeof buf ? memcpy(buf, w, n) : dg_xstrndup(w, n);
  s[n] = '\0';
  const dg_gaz *g = dg_lexicon_gazetteer(lx, s);
  int keep = 0;
  if (g)
    for (size_t i = 0; i < g->acronyms.n && !keep; i++) keep = !strcmp(g->acronyms.v[i], s);
  if (s != buf) free(s);
  return keep;
}

static void titlecase_line(const dg_lexicon *lx, char *s, size_t n) {
  size_t i = 0;
  int first = 1;
  while (i < n) {
    if (!isalpha((unsigned char)s[i])) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '.')) j++;
    int conn = !first && dg_lexicon_getn(lx, "connector", s + i, j - i) != NULL;
    if (conn) {
      for (size_t k = i; k < j; k++) s[k] = (char)tolower((unsigned char)s[k]);
    } else if (!keep_upper(lx, s + i, j - i)) {
      for (size_t k = i + 1; k < j; k++) s[k] = (char)tolower((unsigned char)s[k]);
    }
    first = 0;
    i = j;
  }
}

/* How many of the sixteen bytes at p are in lo..hi (ASCII): a byte's
 * high bit marks one, and a multiply adds the marks up. */
static size_t count_in_range(const char *p, unsigned char lo, unsigned char hi) {
  const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
  uint64_t v[2], sum = 0;
  memcpy(v, p, 16);
  for (int k = 0; k < 2; k++) {
    uint64_t a = v[k] & ~high; /* seven bits: no sum below carries out of its byte */
    uint64_t in = (a + ones * (0x80u - lo)) & ~(a + ones * (0x80u - hi - 1)) & ~v[k] & high;
    sum += in >> 7;
  }
  return (size_t)((sum * ones) >> 56);
}

/* Is the line written in capitals: six or more capitals, at least 85 % of
 * its letters? Counting stops once the rest of the line could not make
 * it, so an ordinary line is read only in part. */
static int caps_line(const char *s, size_t n) {
  size_t up = 0, low = 0, i = 0;
  /* sixteen bytes a step, counted at once; the test after each is the one
   * a byte-by-byte count would make at its sixteenth byte */
  for (; i + 16 <= n; i += 16) {
    up += count_in_range(s + i, 'A', 'Z');
    low += count_in_range(s + i, 'a', 'z');
    /* up * 100 >= (up + low) * 85 is 15 up >= 85 low */
    if ((up + (n - 16 - i)) * 15 < low * 85) return 0;
  }
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    up += cc_is(c, CC_UPPER);
    low += cc_is(c, CC_LOWER);
  }
  return up >= 6 && up * 15 >= low * 85;
}

static void make_shadow(const dg_lexicon *lx, dg_text *t) {
  /* zeros past the end: the word table's loads read DG_WORDTAB_PAD bytes from a word's start */
  t->shadow = dg_xmalloc(t->len + 1 + DG_WORDTAB_PAD);
  memcpy(t->shadow, t->orig, t->len);
  memset(t->shadow + t->len, 0, 1 + DG_WORDTAB_PAD);
  size_t b = 0, cr = 0; /* cr: the next CR at or after b (len if none), looked for again once passed */
  while (b < t->len) {
    const char *nl = memchr(t->shadow + b, '\n', t->len - b);
    size_t e = nl ? (size_t)(nl - t->shadow) : t->len;
    if (cr < b) cr = b;
    if (cr == b) {
      const char *p = memchr(t->shadow + b, '\r', t->len - b);
      cr = p ? (size_t)(p - t->shadow) : t->len;
    }
    if (cr < e) e = cr;
    if (caps_line(t->shadow + b, e - b)) titlecase_line(lx, t->shadow + b, e - b);
    b = e + 1;
  }
}

/* ---- tokens ---- */

/* The document's tokens, dates and chunks, each in one block that grows
 * by doubling as the sentences are read: no allocation per sentence. A
 * sentence's arrays are made to point into the blocks once the document
 * is done (until then a block may move as it grows). */
typedef struct blocks {
  dg_tok *toks;
  dg_date *dates;
  dg_chunk *chunks;
  size_t ntoks, ndates, nchunks;
  size_t cap_toks, cap_dates, cap_chunks;
} blocks;

/* Sizes for a text of len bytes that most documents never grow past
 * (the corpus has a token per 6.6 bytes, a chunk per 80, a date per
 * 1,500): growing copies the block. A sentence reserves a token per byte
 * (DG_SENTENCE_MAX at most) before it is read. */
static void blocks_init(blocks *bk, size_t len) {
  memset(bk, 0, sizeof *bk);
  size_t sent = len < DG_SENTENCE_MAX ? len : DG_SENTENCE_MAX;
  bk->cap_toks = len / 5 + sent + 1, bk->cap_chunks = len / 48 + 16, bk->cap_dates = len / 512 + 8;
  bk->toks = dg_xmalloc(bk->cap_toks * sizeof *bk->toks);
  bk->chunks = dg_xmalloc(bk->cap_chunks * sizeof *bk->chunks);
  bk->dates = dg_xmalloc(bk->cap_dates * sizeof *bk->dates);
}

/* v (of elements of size bytes) with room for need, grown by doubling. */
static void *block_reserve(void *v, size_t size, size_t *cap, size_t need) {
  if (need <= *cap) return v;
  size_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  *cap = c;
  return dg_xrealloc(v, c * size);
}

/* Is there a '.' inside [b, e) followed by a letter: "U.S", "X.1205"? */
static int dotted(const char *t, size_t b, size_t e) {
  for (size_t i = b; i + 1 < e; i++)
    if (t[i] == '.' && isalnum((unsigned char)t[i + 1])) return 1;
  return 0;
}

/* The end of a word that does not end with its first run of ASCII letters
 * and digits ([i, j) so far): other UTF-8 letters, joiners ("U.S.-ASEAN",
 * "twenty-seventh", "New Zealand–Viet Nam"), a final period ("U.S.") or
 * apostrophe ("Ministers'"). Sets *hyphen if the word may hold a '-'. */
static size_t word_rest(const unsigned char *x, size_t i, size_t j, size_t end, int *hyphen) {
  for (;;) {
    /* ASCII letters and digits first; the text's final NUL stops the
     * loop, so only its result is held to the sentence */
    j = alnum_run(x, j);
    if (j > end) j = end;
    while (j < end && word_char(x + j, end - j)) {
      *hyphen |= x[j] >= 0x80; /* (a malformed sequence could step over a '-': let memchr look) */
      j += x[j] < 0x80 ? 1 : (x[j] >= 0xF0 ? 4 : x[j] >= 0xE0 ? 3 : 2);
    }
    if (j >= end) break;
    /* joiners inside a word: - . / ' ’ & followed by a word character */
    if (x[j] == '.' && j + 2 < end && x[j + 1] == '-' && word_char(x + j + 2, end - j - 2)) {
      j += 2; /* "U.S.-ASEAN" */
      *hyphen = 1;
      continue;
    }
    /* en dash, non-breaking hyphen: "New Zealand–Viet Nam", "2021–2024" */
    int dash3 = j + 2 < end && x[j] == 0xE2 && x[j + 1] == 0x80 && (x[j + 2] == 0x91 || x[j + 2] == 0x93);
    size_t jl = is_rsquo(x + j, end - j) || dash3 ? 3 : 1;
    int joiner = x[j] == '-' || x[j] == '.' || x[j] == '/' || x[j] == '\'' || jl == 3;
    if (joiner && j + jl < end && word_char(x + j + jl, end - j - jl)) {
      *hyphen |= x[j] == '-';
      j += jl;
      continue;
    }
    break;
  }
  if (j > end) j = end;
  /* "U.S." keeps its final period; "Leaders’" / "Ministers'" their apostrophe */
  /* (dotted, the loop, last: most words fail a test before it) */
  if (j < end && x[j] == '.' && j - i >= 2 && isupper(x[j - 1]) && x[j - 2] == '.' &&
      dotted((const char *)x, i, j))
    j++;
  else if (j < end && (x[j] == '\'' || is_rsquo(x + j, end - j)) && (x[j - 1] == 's' || x[j - 1] == 'S') &&
           !(j + (x[j] == '\'' ? 1 : 3) < end && word_char(x + j + (x[j] == '\'' ? 1 : 3), end - j)))
    j += x[j] == '\'' ? 1 : 3;
  return j;
}

/* Shape flags of the word [i, j) whose first byte is of class cl. */
static inline uint32_t word_shape(const unsigned char *x, size_t i, size_t j, unsigned cl) {
  uint32_t f = TK_WORD | (cl & CC_UPPER ? TK_CAP : 0) | (cl & CC_DIGIT ? TK_NUM : 0);
  /* a lower-case letter first or second rules capitals out (a word of one
   * byte has one capital at most, whatever follows it) */
  if (!(cl & CC_LOWER) && !cc_is(x[i + 1], CC_LOWER)) {
    int upc = 0, lowc = 0;
    for (size_t k = i; k < j && !lowc; k++) upc += cc_is(x[k], CC_UPPER), lowc += cc_is(x[k], CC_LOWER);
    if (upc >= 2 && lowc == 0) f |= TK_ALLCAP; /* (counting stops at a lower-case letter) */
  }
  return f;
}

/* "ASEAN's", "China’s": only a word that went through word_rest can end so. */
static int possessive(const unsigned char *x, size_t i, size_t j) {
  return j - i >= 3 && (x[j - 1] == 's' || x[j - 1] == 'S') &&
         (x[j - 2] == '\'' || (j - i >= 5 && is_rsquo(x + j - 4, 3)));
}

/* The word lists the mention stage tests tokens for, as dg_tok.lists
 * masks (0: the lexicon has no such list). */
typedef struct list_masks {
  unsigned ordinal, month, connector, weekday, season, tens, head, date_cue;
} list_masks;

static unsigned list_mask(const dg_lexicon *lx, const char *list) {
  int b = dg_lexicon_list_bit(lx, list);
  return b < 0 ? 0 : 1u << b;
}

/* date_cue only spares work: usable only while it holds the words
 * other than months, weekdays and numbers a date can start at or before */
static unsigned date_cue_mask(const dg_lexicon *lx) {
  static const char *const words[] = {"year", "today", NULL};
  int b = dg_lexicon_filter_bit(lx, "date_cue", words);
  return b < 0 ? 0 : 1u << b;
}

/* Looked up once per lexicon and thread, not per document: the memo is
 * plain data (nothing to free), keyed by the lexicon's serial number. */
static list_masks get_list_masks(const dg_lexicon *lx) {
  static _Thread_local struct {
    unsigned long serial; /* 0: none yet (serials start at 1) */
    list_masks lm;
  } memo;
  if (memo.serial && memo.serial == dg_lexicon_serial(lx)) return memo.lm;
  memo.serial = dg_lexicon_serial(lx);
  return memo.lm = (list_masks){list_mask(lx, "ordinal"), list_mask(lx, "month"), list_mask(lx, "connector"),
                      list_mask(lx, "weekday"), list_mask(lx, "season"), list_mask(lx, "tens"),
                      list_mask(lx, "head"), date_cue_mask(lx)};
}

/* What the stage reads a document with, and what it writes. */
typedef struct scan {
  const dg_lexicon *lx;
  const dg_wordtab *wt; /* the lexicon's word lists */
  list_masks lm;
  dg_text *t;
  blocks bk;
  int *date_at;         /* the sentence's tokens a date rule may start at, in order */
  size_t ndate_at, cap_date_at;
  int *name_at;         /* its words that may start a name chunk (capitalised or numbers), in order */
  size_t nname_at, cap_name_at;
} scan;

static int parse_int(const dg_text *t, const dg_tok *k, int *v) {
  const char *p = t->shadow + k->b;
  size_t n = k->e - k->b, i = 0;
  int x = 0;
  while (i < n && isdigit((unsigned char)p[i]) && i < 6) x = x * 10 + (p[i++] - '0');
  if (!i) return 0;
  *v = x;
  return (int)i;
}

/* "twenty-seventh", "thirty-first": tens and an ordinal unit. The word
 * table tells first whether the part before the dash is a tens word (a
 * one-word entry of the list), so most hyphenated words cost no string
 * lookup. */
static void hyphen_ordinal(const scan *sc, dg_tok *k, const char *w, size_t n) {
  const dg_lexicon *lx = sc->lx;
  const char *dash = memchr(w, '-', n);
  if (!dash || dash == w) return;
  if (sc->lm.tens) {
    const dg_wordtab_entry *e = dg_wordtab_get(sc->wt, w, (size_t)(dash - w));
    if (!e || !(e->lists & sc->lm.tens)) return;
  }
  const char *tens = dg_lexicon_getn(lx, "tens", w, (size_t)(dash - w));
  const char *unit = dg_lexicon_getn(lx, "ordinal", dash + 1, n - (size_t)(dash + 1 - w));
  if (tens && unit && atoi(unit) < 10) k->flags |= TK_ORD, k->ordinal = atoi(tens) + atoi(unit);
}

/* "6th", "22nd", and years 1900..2099. */
static void number_word(const dg_text *t, dg_tok *k, const char *w, size_t n) {
  int num, dl = parse_int(t, k, &num);
  if (dl && (size_t)dl + 2 == n && num > 0 && num < 200) {
    const char *suf = w + dl;
    if (!strncasecmp(suf, "st", 2) || !strncasecmp(suf, "nd", 2) || !strncasecmp(suf, "rd", 2) ||
        !strncasecmp(suf, "th", 2))
      k->flags |= TK_ORD, k->ordinal = num;
  }
  if (dl && (size_t)dl == n && n == 4 && num >= 1900 && num <= 2099) k->flags |= TK_YEAR;
}

/* A word's lists (e: its word table entry, or NULL) and what they make
 * of it: ordinal ("sixth"), month, connector. Only for a word in some
 * list, hyphenated or a number: nothing to mark on others. */
static void classify_word(const scan *sc, dg_sentinfo *s, dg_tok *k, const dg_wordtab_entry *e) {
  unsigned lists = e ? e->lists : 0;
  k->lists = lists, k->multi = e ? e->multi : 0;
  s->lists |= lists;
  const char *w = sc->t->shadow + k->b;
  size_t n = k->e - k->b;
  const char *v = lists & sc->lm.ordinal ? dg_lexicon_getn(sc->lx, "ordinal", w, n) : NULL;
  if (v) k->flags |= TK_ORD, k->ordinal = atoi(v);
  if (!v && (k->flags & TK_HYPHEN)) hyphen_ordinal(sc, k, w, n);
  if (k->flags & TK_NUM) number_word(sc->t, k, w, n);
  if (lists & sc->lm.month) k->flags |= TK_MONTH;
  if (!(k->flags & TK_CAP) && (lists & sc->lm.connector)) k->flags |= TK_CONN;
}

/* Every rule of find_dates starts at a month, a number, a weekday,
 * "today" or a word before "year": the tokenizer lists those tokens, so
 * that find_dates visits only them. w[0..n) is token i of the sentence. */
static inline void note_date_start(scan *sc, uint32_t flags, unsigned lists, const dg_tok *k, const dg_tok *k0,
                                   const unsigned char *w, size_t n) {
  if (n == 4 && (w[0] | 0x20) == 'y' && !strncasecmp((const char *)w, "year", 4) && k > k0 &&
      (!sc->ndate_at || sc->date_at[sc->ndate_at - 1] != (int)(k - k0) - 1))
    sc->date_at[sc->ndate_at++] = (int)(k - k0) - 1;
  if ((flags & (TK_MONTH | TK_NUM)) || (lists & sc->lm.weekday) ||
      (n == 5 && (w[0] | 0x20) == 't' && !strncasecmp((const char *)w, "today", 5)))
    sc->date_at[sc->ndate_at++] = (int)(k - k0);
}

/* Tokens of sentence s, marked: one pass over its bytes. A word that is
 * a run of ASCII letters and digits (most) takes the short way: no joiner
 * to look for, and a word-table lookup without lower-casing. */
static void tokenize(scan *sc, dg_sentinfo *s) {
  const unsigned char *x = (const unsigned char *)sc->t->shadow;
  size_t i = s->b, end = s->e;
  blocks *bk = &sc->bk;
  /* a token takes a byte at least: room for all, no test per token */
  bk->toks = block_reserve(bk->toks, sizeof *bk->toks, &bk->cap_toks, bk->ntoks + (end - i));
  dg_tok *k0 = bk->toks + bk->ntoks, *k = k0;
  s->toks = k0;
  sc->date_at = block_reserve(sc->date_at, sizeof *sc->date_at, &sc->cap_date_at, end - i);
  sc->name_at = block_reserve(sc->name_at, sizeof *sc->name_at, &sc->cap_name_at, end - i);
  sc->ndate_at = sc->nname_at = 0;
  uint32_t word_flags = 0;
  while (i < end) {
    unsigned cl = cclass[x[i]];
    size_t j;
    const dg_wordtab_entry *e;
    uint32_t f;
    /* (the classes exclude each other: words, the most, are tested first) */
    if (cl & CC_ALNUM) {
      j = alnum_run(x, i + 1);
      int more = j < end && cc_is(x[j], CC_MORE); /* may the word go on past its letters? */
      /* not at the sentence's final period, unless the word may be "U.S."
       * (what word_rest would find there, without its loops) */
      if (more && x[j] == '.' && j + 1 == end && !(j - i >= 2 && isupper(x[j - 1]) && x[j - 2] == '.'))
        more = 0;
      if (more) {
        int hyphen = 0;
        j = word_rest(x, i, j, end, &hyphen);
        f = word_shape(x, i, j, cl) | (hyphen ? TK_HYPHEN : 0) | (possessive(x, i, j) ? TK_POSS : 0) | TK_REST;
        e = dg_wordtab_get(sc->wt, (const char *)x + i, j - i);
      } else {
        if (j > end) j = end;
        f = word_shape(x, i, j, cl);
        e = dg_wordtab_get_alnum(sc->wt, (const char *)x + i, j - i);
      }
    } else if (cl & CC_SPACE) {
      i++;
      continue;
    } else if (cl & CC_PUNCT) { /* "&" joins names: "Internet & Security" */
      *k++ = (dg_tok){(uint32_t)i, (uint32_t)i + 1, TK_PUNCT | (x[i] == '&' ? TK_CONN : 0), 0, 0, 0};
      i += 1 + (x[i + 1] == ' ');
      continue;
    } else {
      int sp = uni_space(x + i, end - i);
      if (sp) {
        i += (size_t)sp;
        continue;
      }
      int up = uni_punct(x + i, end - i);
      if (up) {
        *k++ = (dg_tok){(uint32_t)i, (uint32_t)(i + (size_t)up), TK_PUNCT, 0, 0, 0};
        i += (size_t)up;
        continue;
      }
      int hyphen = 0;
      j = word_rest(x, i, i, end, &hyphen);
      f = word_shape(x, i, j, cl) | (hyphen ? TK_HYPHEN : 0) | (possessive(x, i, j) ? TK_POSS : 0) | TK_REST;
      e = dg_wordtab_get(sc->wt, (const char *)x + i, j - i);
    }
    *k = (dg_tok){(uint32_t)i, (uint32_t)j, f, 0, 0, 0};
    /* a date starts at a word in some list (a month, a weekday, "year" and
     * "today" in date_cue) or at a number: with date_cue, no other word
     * needs the test */
    if (e || (f & (TK_HYPHEN | TK_NUM))) {
      classify_word(sc, s, k, e);
      f = k->flags;
      note_date_start(sc, f, e ? e->lists : 0, k, k0, x + i, j - i);
    } else if (!sc->lm.date_cue) {
      note_date_start(sc, f, 0, k, k0, x + i, j - i);
    }
    word_flags |= f;
    /* (a token's index, a division by its size, only for the few noted) */
    if ((f & (TK_CAP | TK_NUM)) && !(f & TK_CONN)) sc->name_at[sc->nname_at++] = (int)(k - k0);
    k++;
    i = j + (x[j] == ' '); /* (a space after a word: no turn of the loop for it) */
  }
  s->ntoks = (int)(k - k0);
  s->word_flags = word_flags;
  bk->ntoks += (size_t)s->ntoks;
}

char *dg_tok_str(const dg_text *t, const dg_tok *k) { return dg_xstrndup(t->shadow + k->b, k->e - k->b); }

static int tok_punct(const dg_text *t, const dg_tok *k, char c) {
  return (k->flags & TK_PUNCT) && k->e - k->b == 1 && t->shadow[k->b] == c;
}

/* Quote characters, straight or curly. */
static int tok_quote(const dg_text *t, const dg_tok *k) {
  if (!(k->flags & TK_PUNCT)) return 0;
  const unsigned char *p = (const unsigned char *)t->shadow + k->b;
  if (k->e - k->b == 1) return *p == '"';
  return k->e - k->b == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x9D);
}

/* ---- dates ---- */

static int day_of(const dg_text *t, const dg_tok *k, int *d) {
  if (!(k->flags & TK_NUM)) return 0;
  int v, l = parse_int(t, k, &v);
  size_t n = k->e - k->b;
  if (!l || v < 1 || v > 31) return 0;
  /* "7", "22nd", "6-8" (a range: first day) */
  if ((size_t)l != n && !(k->flags & TK_ORD) && t->shadow[k->b + l] != '-' &&
      (unsigned char)t->shadow[k->b + l] != 0xE2)
    return 0;
  *d = v;
  return 1;
}

static int month_of(const dg_lexicon *lx, const dg_text *t, const dg_tok *k) {
  if (!(k->flags & TK_MONTH)) return 0;
  const char *v = dg_lexicon_getn(lx, "month", t->shadow + k->b, k->e - k->b);
  return v ? atoi(v) : 0;
}

static int year_at(const dg_sentinfo *s, int i) {
  return i < s->ntoks && (s->toks[i].flags & TK_YEAR);
}

static int tok_year(const dg_text *t, const dg_tok *k) {
  int v = 0; /* a TK_YEAR token always parses; 0 keeps -O3 from warning */
  parse_int(t, k, &v);
  return v;
}

static void push_date(blocks *bk, dg_sentinfo *s, int tb, int te, int y, int m, int d) {
  bk->dates = block_reserve(bk->dates, sizeof *bk->dates, &bk->cap_dates, bk->ndates + 1);
  bk->dates[bk->ndates++] = (dg_date){tb, te, y, m, d, 0};
  s->dates = bk->dates + bk->ndates - ++s->ndates; /* (the sentence's are the last) */
  for (int i = tb; i < te; i++) s->toks[i].flags |= TK_DATE;
}

static int is_range_word(const dg_text *t, const dg_tok *k) {
  return dg_tok_is(t, k, "to") || dg_tok_is(t, k, "and") || tok_punct(t, k, '-') ||
         (k->flags & TK_PUNCT && k->e - k->b == 3); /* en dash */
}

static void find_dates(scan *sc, dg_sentinfo *s) {
  const dg_lexicon *lx = sc->lx;
  const list_masks *lm = &sc->lm;
  dg_text *t = sc->t;
  blocks *bk = &sc->bk;
  unsigned bit_weekday = lm->weekday, bit_season = lm->season;
  /* i: the token looked at, past which a rule may have moved it */
  for (int q = 0, i = -1; q < (int)sc->ndate_at; q++) {
    if (sc->date_at[q] <= i) continue;
    i = sc->date_at[q];
    dg_tok *k = &s->toks[i];
    int m, d, j;
    if ((m = month_of(lx, t, k))) {
      /* "October 3, 2019", "March 7 to 8, 2011", "Nov 22nd, 2024", "October 2018" */
      if (i + 1 < s->ntoks && day_of(t, &s->toks[i + 1], &d)) {
        j = i + 2;
        if (j + 1 < s->ntoks && is_range_word(t, &s->toks[j]) && day_of(t, &s->toks[j + 1], &(int){0}))
          j += 2;
        if (j < s->ntoks && tok_punct(t, &s->toks[j], ',')) j++;
        if (year_at(s, j)) {
          push_date(bk, s, i, j + 1, tok_year(t, &s->toks[j]), m, d);
          i = j;
        } else {
          push_date(bk, s, i, i + 2, 0, m, d);
          i = i + 1;
        }
        continue;
      }
      if (year_at(s, i + 1)) {
        push_date(bk, s, i, i + 2, tok_year(t, &s->toks[i + 1]), m, 0);
        i++;
        continue;
      }
      continue;
    }
    if (day_of(t, k, &d)) {
      /* "15 November 2018", "12 and 13 September 2013", "6th to 8th September 2006" */
      j = i + 1;
      if (j + 1 < s->ntoks && is_range_word(t, &s->toks[j]) && day_of(t, &s->toks[j + 1], &(int){0}))
        j += 2;
      if (j < s->ntoks && (m = month_of(lx, t, &s->toks[j]))) {
        if (year_at(s, j + 1)) {
          push_date(bk, s, i, j + 2, tok_year(t, &s->toks[j + 1]), m, d);
          i = j + 1;
        } else if (j + 2 < s->ntoks && dg_tok_is(t, &s->toks[j + 2], "year") &&
                   (dg_tok_is(t, &s->toks[j + 1], "last") || dg_tok_is(t, &s->toks[j + 1], "this"))) {
          /* "On 12 December last year" */
          push_date(bk, s, i, j + 3, dg_tok_is(t, &s->toks[j + 1], "last") ? -101 : -100, m, d);
          i = j + 2;
        } else {
          int y2 = 0; /* "from 30 November to 1 December 2022" */
          if (j + 4 < s->ntoks && is_range_word(t, &s->toks[j + 1]) && day_of(t, &s->toks[j + 2], &(int){0}) &&
              month_of(lx, t, &s->toks[j + 3]) && year_at(s, j + 4))
            y2 = tok_year(t, &s->toks[j + 4]);
          push_date(bk, s, i, j + 1, y2, m, d);
          i = j;
        }
        continue;
      }
    }
    if ((k->flags & TK_NUM) && k->e - k->b == 10 && t->shadow[k->b + 4] == '-' && t->shadow[k->b + 7] == '-') {
      /* ISO 8601: "Date: 2023-11-08" */
      int y = atoi(t->shadow + k->b), mo = atoi(t->shadow + k->b + 5), da = atoi(t->shadow + k->b + 8);
      if (y >= 1900 && y <= 2099 && mo >= 1 && mo <= 12 && da >= 1 && da <= 31) push_date(bk, s, i, i + 1, y, mo, da);
      continue;
    }
    if (k->flags & TK_NUM) {
      /* numeric dd/mm/yyyy or mm/dd/yyyy: only the year is certain */
      const char *p = t->shadow + k->b;
      size_t n = k->e - k->b;
      if (n >= 8 && n <= 10 && memchr(p, '/', n)) {
        const char *last = p + n;
        while (last > p && last[-1] != '/') last--;
        if (p + n - last == 4 && isdigit((unsigned char)last[0])) {
          int y = atoi(last);
          if (y >= 1900 && y <= 2099) push_date(bk, s, i, i + 1, y, 0, 0);
        }
        continue;
      }
    }
    int q = i - 1, real = 0; /* "in the first half of 2024", "in late 2021" */
    while (q > 0 && q >= i - 4 && (s->toks[q].lists & bit_season)) {
      if (!dg_tok_is(t, &s->toks[q], "the") && !dg_tok_is(t, &s->toks[q], "of")) real = 1;
      q--;
    }
    if (!real) q = i - 1; /* "by the 2015 Report" is a name, not a date */
    if ((k->flags & TK_YEAR) && q >= 0 && q < i &&
        (dg_tok_is(t, &s->toks[q], "in") || dg_tok_is(t, &s->toks[q], "since") ||
         dg_tok_is(t, &s->toks[q], "during") || dg_tok_is(t, &s->toks[q], "by"))) {
      push_date(bk, s, i, i + 1, tok_year(t, k), 0, 0);
      continue;
    }
    if (i > 0 && dg_tok_is(t, &s->toks[i - 1], "on") && (k->lists & bit_weekday)) {
      /* "met on Tuesday": the last such day up to the dateline */
      const char *wd = dg_lexicon_getn(lx, "weekday", t->shadow + k->b, k->e - k->b);
      if (wd) push_date(bk, s, i, i + 1, -200 - atoi(wd), 0, 0);
      continue;
    }
    if (dg_tok_is(t, k, "today")) {
      push_date(bk, s, i, i + 1, -1, 0, 0); /* resolved against the document's date */
      continue;
    }
    if (i + 1 < s->ntoks && dg_tok_is(t, &s->toks[i + 1], "year")) {
      const char *off = NULL;
      char buf[32];
      size_t n = k->e - k->b;
      if (n < 20) {
        memcpy(buf, t->shadow + k->b, n);
        strcpy(buf + n, " year");
        off = dg_lexicon_get(lx, "relative_year_offset", buf);
      }
      if (off) push_date(bk, s, i, i + 2, -100 + atoi(off), 0, 0);
    }
  }
}

/* Resolves "today", "last year" and missing years against the document's date. */
/* Day of the week, 0 = Sunday (Sakamoto). */
static int weekday_of(int y, int m, int d) {
  static const int k[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + k[m - 1] + d) % 7;
}

static int days_in(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : dm[m - 1];
}

static void resolve_dates(dg_text *t) {
  for (size_t si = 0; si < t->nsents; si++) {
    dg_sentinfo *s = &t->sents[si];
    for (int i = 0; i < s->ndates; i++) {
      dg_date *d = &s->dates[i];
      if (d->y <= -200 && d->y >= -206) {
        int want = -(d->y + 200);
        d->y = d->m = d->d = 0;
        if (t->doc_y && t->doc_m && t->doc_d) {
          int y = t->doc_y, m = t->doc_m, day = t->doc_d;
          int back = (weekday_of(y, m, day) - want + 7) % 7;
          day -= back;
          if (day < 1) {
            if (--m < 1) m = 12, y--;
            day += days_in(y, m);
          }
          d->y = y, d->m = m, d->d = day;
          d->inferred_year = 2; /* a weekday: weak evidence, see dg_extract */
        }
      } else if (d->y == -1) {
        d->y = t->doc_y, d->m = t->doc_y ? t->doc_m : 0, d->d = t->doc_y ? t->doc_d : 0;
        d->inferred_year = 1;
      } else if (d->y <= -90 && d->y >= -110) {
        d->y = t->doc_y ? t->doc_y + (d->y + 100) : 0;
        if (!d->y) d->m = d->d = 0;
        d->inferred_year = 1;
      } else if (d->y == 0 && d->m && t->doc_y) {
        d->y = t->doc_y;
        d->inferred_year = 1;
      }
    }
  }
}

/* The document's own date: the first dated short line near the top
 * (a dateline, "Published on ...", a heading). */
static void find_doc_date(dg_text *t) {
  for (size_t k = 0; k < t->nsents && k < 9; k++) {
    /* the first six sentences, then the last three (a closing dateline) */
    size_t si = k < 6 ? k : t->nsents - 1 - (k - 6);
    if (k >= 6 && (t->nsents <= 6 || si < 6)) break;
    dg_sentinfo *s = &t->sents[si];
    for (int i = 0; i < s->ndates; i++) {
      dg_date *d = &s->dates[i];
      /* a short line, or a dateline opening a long one ("MANILA, 10 April 2024 - ...") */
      if (s->e - s->b > 110 && !(si < 3 && s->toks[d->tb].b - s->b < 40)) continue;
      if (k >= 6 && s->e - s->b > 60) continue; /* a closing dateline is a line of its own */
      if (d->y > 0) {
        t->doc_y = d->y, t->doc_m = d->m, t->doc_d = d->d;
        return;
      }
    }
  }
}

/* Writes v (0..10^w - 1) as w digits with leading zeros. */
static char *put_digits(char *p, int v, int w) {
  for (int i = w - 1; i >= 0; i--, v /= 10) p[i] = (char)('0' + v % 10);
  return p + w;
}

/* The common case by hand (snprintf costs a thousand instructions a
 * date): a four-digit year, month and day of two digits, room for all;
 * anything else as snprintf writes it. */
int dg_date_iso(const dg_date *d, char *buf, size_t n) {
  if (d->y <= 0) return DG_L_NONE;
  int kind = d->m && d->d ? DG_L_DATE : d->m ? DG_L_GYEARMONTH : DG_L_GYEAR;
  if (n >= 11 && d->y <= 9999 && d->m >= 0 && d->m <= 99 && d->d >= 0 && d->d <= 99) {
    char *p = put_digits(buf, d->y, 4);
    if (kind != DG_L_GYEAR) *p++ = '-', p = put_digits(p, d->m, 2);
    if (kind == DG_L_DATE) *p++ = '-', p = put_digits(p, d->d, 2);
    *p = '\0';
  } else if (kind == DG_L_DATE) {
    snprintf(buf, n, "%04d-%02d-%02d", d->y, d->m, d->d);
  } else if (kind == DG_L_GYEARMONTH) {
    snprintf(buf, n, "%04d-%02d", d->y, d->m);
  } else {
    snprintf(buf, n, "%04d", d->y);
  }
  return kind;
}

/* ---- name chunks ---- */

static int name_word(const dg_tok *k) {
  return (k->flags & TK_WORD) && (k->flags & (TK_CAP | TK_NUM)) && !(k->flags & TK_DATE) &&
         !((k->flags & TK_ORD) && (k->flags & TK_NUM));
}

/* "(ARF)", "(ARF ISM on ICTs Security)", "(ADMM-Plus)", "(PoA)", "(DG CONNECT)":
 * returns the index of ')' or -1. Token i is a '(' (dg_mention_acronym_paren). */
int dg_mention_acronym_group(const dg_text *t, const dg_sentinfo *s, int i) {
  int j = i + 1, words = 0, caps = 0;
  while (j < s->ntoks && !tok_punct(t, &s->toks[j], ')')) {
    const dg_tok *k = &s->toks[j];
    if (!(k->flags & TK_WORD) && !tok_punct(t, k, '-')) return -1;
    if ((k->flags & TK_WORD) && !(k->flags & (TK_CAP | TK_NUM | TK_CONN))) return -1;
    for (uint32_t c = k->b; c < k->e; c++) caps += cc_is((unsigned char)t->shadow[c], CC_UPPER);
    if (++words > 6) return -1;
    j++;
  }
  if (j >= s->ntoks || words == 0 || caps < 2) return -1;
  int acronym_like = 0;
  for (int q = i + 1; q < j; q++) {
    const dg_tok *k = &s->toks[q];
    int up = 0;
    for (uint32_t c = k->b; c < k->e; c++) up += cc_is((unsigned char)t->shadow[c], CC_UPPER | CC_DIGIT);
    if (up >= 2 || (k->flags & TK_ALLCAP)) acronym_like = 1;
  }
  return acronym_like ? j : -1;
}

/* "(hereinafter, "Policy Meeting")" / "(hereinafter referred to as “ASEAN”)":
 * sets the quoted token range, returns the index of ')' or -1. */
static int alias_paren(const dg_text *t, const dg_sentinfo *s, int i, int *qb, int *qe) {
  if (i + 2 >= s->ntoks || !tok_punct(t, &s->toks[i], '(') || !dg_tok_is(t, &s->toks[i + 1], "hereinafter"))
    return -1;
  int j = i + 2, open = -1;
  for (; j < s->ntoks && !tok_punct(t, &s->toks[j], ')'); j++) {
    if (tok_quote(t, &s->toks[j])) {
      if (open < 0) open = j;
      else {
        *qb = open + 1, *qe = j;
      }
    }
  }
  return j < s->ntoks && *qe > *qb ? j : -1;
}

/* Is the token before i a one-word event head ("Dialogue", "Meeting")? */
static int event_head_before(const scan *sc, const dg_sentinfo *s, int i) {
  if (i < 1) return 0;
  const dg_tok *k = &s->toks[i - 1];
  /* a word's lists say whether it is a head at all: a string lookup only for one */
  if ((k->flags & TK_WORD) && sc->lm.head && !(k->lists & sc->lm.head)) return 0;
  const char *v = dg_lexicon_getn(sc->lx, "head", sc->t->shadow + k->b, k->e - k->b);
  return v && !strncmp(v, "event:", 6);
}

/* Does a place or country name start at token i ("in Kuala Lumpur")? */
static int place_follows(const dg_lexicon *lx, const dg_text *t, const dg_sentinfo *s, int i) {
  if (i < s->ntoks && dg_tok_is(t, &s->toks[i], "the")) i++;
  for (int n = 1; n <= 4 && i + n <= s->ntoks; n++) {
    char buf[256]; /* (most names: no allocation) */
    const char *from = t->shadow + s->toks[i].b;
    size_t len = s->toks[i + n - 1].e - s->toks[i].b;
    char *w = len < sizeof buf ? memcpy(buf, from, len) : dg_xstrndup(from, len);
    w[len] = '\0';
    const dg_gaz *g = dg_lexicon_gazetteer(lx, w);
    if (w != buf) free(w);
    if (g && (g->kind == DG_K_PLACE || g->kind == DG_K_COUNTRY)) return 1;
  }
  return 0;
}

static void push_chunk(blocks *bk, dg_sentinfo *s, dg_chunk c) {
  bk->chunks = block_reserve(bk->chunks, sizeof *bk->chunks, &bk->cap_chunks, bk->nchunks + 1);
  bk->chunks[bk->nchunks++] = c;
  s->chunks = bk->chunks + bk->nchunks - ++s->nchunks; /* (the sentence's are the last) */
}

static void find_chunks(scan *sc, dg_sentinfo *s) {
  const dg_lexicon *lx = sc->lx;
  dg_text *t = sc->t;
  int i = 0; /* the next token that may start a chunk: only the tokenizer's candidates can */
  for (size_t q = 0; q < sc->nname_at; q++) {
    if (sc->name_at[q] < i) continue;
    i = sc->name_at[q];
    const dg_tok *k = &s->toks[i];
    int starts = name_word(k) && !(k->flags & TK_CONN);
    /* a number starts a name only as a year before one: "2015 Report" */
    if (starts && (k->flags & TK_NUM))
      starts = (k->flags & TK_YEAR) && i + 1 < s->ntoks && (s->toks[i + 1].flags & TK_CAP) &&
               name_word(&s->toks[i + 1]);
    if (!starts) {
      i++;
      continue;
    }
    dg_chunk c = {i, i + 1, 0, -1, -1, -1, -1, -1, 0};
    int j = i + 1, last = i + 1;
    while (j < s->ntoks) {
      const dg_tok *x = &s->toks[j];
      if (name_word(x)) {
        j++, last = j;
        continue;
      }
      /* "Statement on the 40th Anniversary of ...": a numbered ordinal inside */
      if ((x->flags & TK_ORD) && (x->flags & TK_NUM) && j + 1 < s->ntoks &&
          (s->toks[j + 1].flags & TK_CAP) && name_word(&s->toks[j + 1]) && (s->toks[j - 1].flags & TK_CONN)) {
        j++;
        continue;
      }
      if (x->flags & TK_CONN) {
        int r = j, bad_in = 0;
        while (r < s->ntoks && (s->toks[r].flags & TK_CONN) && r - j < 4) {
          /* "in" joins a name only as "in the": "Developments in the Field" */
          if (dg_tok_is(t, &s->toks[r], "in") && place_follows(lx, t, s, r + 1)) bad_in = 1;
          /* "... Cyber Dialogue in Vilnius": after an event's head, "in" and a
           * capitalised word is where it took place, whatever the place */
          if (dg_tok_is(t, &s->toks[r], "in") && r == j && event_head_before(sc, s, j) &&
              r + 1 < s->ntoks && !dg_tok_is(t, &s->toks[r + 1], "the"))
            bad_in = 1;
          r++;
        }
        int ord_next = r + 1 < s->ntoks && (s->toks[r].flags & TK_ORD) && (s->toks[r].flags & TK_NUM) &&
                       (s->toks[r + 1].flags & TK_CAP) && name_word(&s->toks[r + 1]);
        if (!bad_in && r < s->ntoks && (name_word(&s->toks[r]) || ord_next)) {
          j = r;
          continue;
        }
        break;
      }
      if (tok_punct(t, x, '.') && x->b == s->toks[j - 1].e && j + 1 < s->ntoks &&
          name_word(&s->toks[j + 1]) && (s->toks[j - 1].flags & (TK_ALLCAP | TK_CAP))) {
        j++; /* a stray period the sentence splitter did not take as an end */
        continue;
      }
      if (!tok_punct(t, x, '(')) break; /* (what follows starts with one) */
      int close = dg_mention_acronym_paren(t, s, j);
      if (close > 0) {
        /* inline definition: a name continues after it only with a
         * capitalised word or a number ("(ADMM)-Plus", "(AIM) 2020") */
        if (close + 1 < s->ntoks && (name_word(&s->toks[close + 1]) ||
                                     (tok_punct(t, &s->toks[close + 1], '-') && close + 2 < s->ntoks &&
                                      name_word(&s->toks[close + 2])))) {
          c.inner_acr++;
          j = close + 1;
          if (tok_punct(t, &s->toks[j], '-')) j++;
          continue;
        }
        c.acr_b = j + 1, c.acr_e = close;
        break;
      }
      int qb = -1, qe = -1;
      close = alias_paren(t, s, j, &qb, &qe);
      if (close > 0) {
        c.alias_b = qb, c.alias_e = qe;
        break;
      }
      break;
    }
    c.te = last;
    if (c.acr_b >= 0 && last != j) c.acr_b = c.acr_e = -1; /* paren not right after the name */
    /* a quoted name followed by (hereinafter "X") */
    /* (most names end before a word: no call) */
    if (c.alias_b < 0 && last < s->ntoks && (s->toks[last].flags & TK_PUNCT) &&
        tok_quote(t, &s->toks[last])) {
      int qb = -1, qe = -1;
      if (alias_paren(t, s, last + 1, &qb, &qe) > 0) c.alias_b = qb, c.alias_e = qe;
    }
    push_chunk(&sc->bk, s, c);
    i = c.acr_e >= 0 ? c.acr_e + 1 : (c.alias_e >= 0 ? c.alias_e + 1 : last);
    if (i <= c.tb) i = c.tb + 1;
  }
}

/* Is the rendering of [tb, te) (te > tb) the span's own bytes? So it is
 * when no token is one the rendering drops or spaces its own way ("(",
 * ")", a stray ".", "-") and every gap between tokens is nothing or one
 * space not after a '-': then one copy makes it (most names). */
static int render_verbatim(const dg_text *t, const dg_sentinfo *s, int tb, int te, int skip_parens) {
  const char *x = t->shadow;
  for (int i = tb; i < te; i++) {
    const dg_tok *k = &s->toks[i];
    if ((k->flags & TK_PUNCT) && k->e - k->b == 1) {
      char ch = x[k->b];
      if (ch == '-' || (skip_parens && (ch == '.' || ch == '(' || ch == ')'))) return 0;
    }
    uint32_t gap = i > tb ? k->b - k[-1].e : 0;
    if (gap > 1 || (gap == 1 && (x[k->b - 1] != ' ' || x[k->b - 2] == '-'))) return 0;
  }
  return 1;
}

/* Writes straight into out: every space written stands for at least one
 * byte of the source span (white space, or a skipped ')'), so the output
 * never outgrows the span and needs no growing buffer. */
size_t dg_mention_render_into(const dg_text *t, const dg_sentinfo *s, int tb, int te, int skip_parens,
                              char *out) {
  if (te > tb && render_verbatim(t, s, tb, te, skip_parens)) {
    size_t n = s->toks[te - 1].e - s->toks[tb].b;
    memcpy(out, t->shadow + s->toks[tb].b, n);
    out[n] = '\0';
    return n;
  }
  size_t len = 0;
  int depth = 0;
  char prev_ch = 0; /* the previous token's one-character punctuation, or 0 */
  for (int i = tb; i < te; i++) {
    const dg_tok *k = &s->toks[i];
    /* tok_punct(t, k, c) for any c at once: the token's one punctuation character */
    char ch = (k->flags & TK_PUNCT) && k->e - k->b == 1 ? t->shadow[k->b] : 0;
    char before = prev_ch;
    prev_ch = ch;
    if (skip_parens && ch == '.' && i + 1 < te && i > tb) continue; /* stray period */
    if (skip_parens && ch == '(') {
      depth++;
      continue;
    }
    if (skip_parens && ch == ')') {
      if (depth) depth--;
      continue;
    }
    if (depth) continue;
    /* keep the text's own spacing decision: a space if there was any */
    if (len && i > tb) {
      const dg_tok *p = &s->toks[i - 1];
      if (k->b > p->e || (skip_parens && before == ')')) {
        if (!(skip_parens && ch == '-') && out[len - 1] != '-') out[len++] = ' ';
      }
    }
    if (skip_parens && ch == '-' && i > tb && before == ')') {
      /* "(ADMM)-Plus" -> "ADMM-Plus" is the acronym form; the long form reads "Meeting-Plus" */
      while (len && out[len - 1] == ' ') len--;
    }
    memcpy(out + len, t->shadow + k->b, k->e - k->b);
    len += k->e - k->b;
  }
  out[len] = '\0';
  return len;
}

char *dg_mention_render(const dg_text *t, const dg_sentinfo *s, int tb, int te, int skip_parens) {
  char *out = dg_xmalloc(dg_mention_render_bound(s, tb, te));
  dg_mention_render_into(t, s, tb, te, skip_parens, out);
  return out;
}

/* ---- driver ---- */

/* Points every sentence's arrays into the blocks, which t now owns. */
static void attach_blocks(dg_text *t, blocks *bk) {
  size_t nt = 0, nd = 0, nc = 0;
  for (size_t i = 0; i < t->nsents; i++) {
    dg_sentinfo *s = &t->sents[i];
    s->toks = bk->toks + nt;
    s->dates = s->ndates ? bk->dates + nd : NULL;
    s->chunks = s->nchunks ? bk->chunks + nc : NULL;
    nt += (size_t)s->ntoks, nd += (size_t)s->ndates, nc += (size_t)s->nchunks;
  }
  t->tok_block = bk->toks, t->date_block = bk->dates, t->chunk_block = bk->chunks;
}

int dg_mention_analyse(const dg_lexicon *lx, const char *text, size_t len, dg_text **out) {
  dg_text *t = dg_xcalloc(1, sizeof *t);
  t->orig = text;
  t->len = len;
  make_shadow(lx, t);
  dg_sent *sents = NULL;
  size_t n = dg_sentence_split(t->shadow, len, &sents);
  t->sents = dg_xcalloc(n ? n : 1, sizeof *t->sents);
  t->nsents = n;
  scan sc = {lx, dg_lexicon_wordtab(lx), get_list_masks(lx), t, {0}, NULL, 0, 0, NULL, 0, 0};
  blocks_init(&sc.bk, len);
  /* (a sentence is DG_SENTENCE_MAX bytes at most: these lists never grow) */
  sc.cap_date_at = sc.cap_name_at = (len < DG_SENTENCE_MAX ? len : DG_SENTENCE_MAX) + 1;
  sc.date_at = dg_xmalloc(sc.cap_date_at * sizeof *sc.date_at);
  sc.name_at = dg_xmalloc(sc.cap_name_at * sizeof *sc.name_at);
  for (size_t i = 0; i < n; i++) {
    dg_sentinfo *s = &t->sents[i];
    s->b = sents[i].begin, s->e = sents[i].end;
    tokenize(&sc, s);
    find_dates(&sc, s);
    find_chunks(&sc, s);
    char last = t->shadow[s->e - 1];
    s->heading = s->e - s->b < 160 && last != '.' && last != ';' && last != ':' && last != ',';
  }
  free(sents);
  free(sc.date_at);
  free(sc.name_at);
  attach_blocks(t, &sc.bk);
  find_doc_date(t);
  resolve_dates(t);
  *out = t;
  return 0;
}

void dg_text_free(dg_text *t) {
  if (!t) return;
  free(t->tok_block);
  free(t->date_block);
  free(t->chunk_block);
  free(t->sents);
  free(t->shadow);
  free(t);
}
