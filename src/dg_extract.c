/* dg_extract: see dg_extract.h.
 *
 * Rule families, in the order they run on a document:
 *  1. names: each chunk from dg_mention is cleaned (leading verbs and
 *     articles dropped), split at an ordinal that starts an event name, at
 *     "and" between two complete names, at "for the"/"of the" when only the
 *     right part is a name, and classified by its head word (lexicon "head"),
 *     the gazetteer, or a document-defined acronym;
 *  2. acronyms: "Long Name (ABBR)" and "(hereinafter "X")" definitions;
 *  3. the document's own event (title, "X was held", "held their Nth X",
 *     "gathered ... on the occasion of X", or between the previous and the
 *     planned next one);
 *  4. per sentence: dates and venues to the event they follow (or precede),
 *     co-chairs after "co-chaired by"/"Co-Chairs:", references with the
 *     stance verb that governs them, "adopted at", programmes and bodies,
 *     the planned next event and its date. */
#include "dg_extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dg_arena.h"
#include "dg_mention.h"
#include "dg_resolve.h"

typedef enum { M_EVENT, M_SERIESREF, M_ANAPHOR, M_DOC, M_BODY, M_PROG, M_ORG, M_COUNTRY, M_PLACE } mkind;

typedef struct mention {
  int sent, tb, te;
  mkind kind;
  int ent;        /* entity (event, document, body, ...) */
  int series;     /* events and series references: the series entity */
  int ord;
  unsigned evclass;
  int plural;
  int year;       /* a year written in the name ("... Cyber Week 2018") */
  int title;      /* in the document's title lines */
  int poss;       /* "Singapore's" */
  int dated;      /* received a date in this document */
  int prep;       /* the name it is part of follows "in" or "at" */
  int post;       /* named as someone's post: "Head of the X Agency" */
  int next;       /* "the next Dialogue", "the next round of the dialogue" */
  int prev;       /* "the previous Dialogue", "the last meeting" */
  const char *name; /* borrowed: in the scratch arena or longer-lived */
} mention;

enum { HM_DONE = 1, GM_SPAN = 16, GM_GAZ = 1, GM_HEAD = 2, GM_NAME = 4, GM_STRIP = 8 };

typedef struct head {
  const char *cls; /* lexicon value: "event:Dialogue", "doc:Report", "programme", "body" */
  int hb, he;      /* head token range */
  int comp;        /* first token of the complement, or te */
} head;


/* The word lists extraction tests tokens against, by their names in
 * lexicon.tsv; their bits (dg_lexicon_list_bit) are looked up once per
 * document (list_bits), so a test is a shift of the token's mask. */
enum {
  L_AGENCY_MARKER, L_ANAPHOR_WORD, L_COCHAIR_CUE, L_DEMONYM, L_HELD_CUE, L_LIST_NOUN, L_LOWERCASE_HEAD,
  L_NONNAME, L_OCCASION_CUE, L_PLAN_CUE, L_POST, L_REPORT_ADJ, L_STATEMENT_TITLE, L_VIRTUAL_CUE, L_DOC_CUE,
  L_ANAPHOR_CUE, L_ANAPHOR_HEAD, L_VENUE_CUE, L__N
};
static const char *const list_names[L__N] = {
    "agency_marker", "anaphor_word", "cochair_cue", "demonym", "held_cue", "list_noun", "lowercase_head",
    "nonname", "occasion_cue", "plan_cue", "post", "report_adj", "statement_title", "virtual_cue", "doc_cue",
    "anaphor_cue", "anaphor_head", "venue_cue"};

/* A memo of a pure function of a name (per document): name -> answer. */
typedef struct name_memo {
  dg_idtab index;
  struct memo_entry { const char *name; size_t len; const char *text; size_t num; } *v;
  size_t n, cap;
} name_memo;

typedef struct ctx {
  const dg_lexicon *lx;
  dg_arena *a;        /* scratch: the document's temporary strings and arrays */
  dg_text *t;
  dg_result *r;
  dg_acr acr;
  name_memo acr_ent;  /* acronym -> entity index (num) */
  mention *m;
  int nm, capm;
  int title_end;      /* first sentence index after the title lines */
  int main_event;     /* entity index or -1 */
  int main_series;
  int main_ord;
  int adopted_statement;
  name_memo alias;    /* folded alias ("policy meeting") -> series entity (num) */
  int list_from, list_to;   /* tokens of a "programmes such as A, B and C" list */
  int acr_dirty;            /* an acronym was defined since link_acronyms ran */
  int main_sent;            /* sentence the document's own event was inferred from, or -1 */
  int lbits[L__N];          /* each list's bit in dg_tok.lists, or -1 (list_bits) */
  int *span_ids;            /* span_of's memo, per sentence (-1: not yet) */
  size_t *cp_b, *cp_e;      /* code point offsets of each sentence's ends */
  name_memo lf_memo;        /* long_form_match's memo: (s, tb, te, acronym) -> start << 1 | matched */
  int head_bit;             /* the "head" list's bit in dg_tok.lists and .multi, or -1 */
  int hm_sent, hm_cap;      /* head_entries' memo: for sentence hm_sent, */
  unsigned char *hm_lens;   /* per token: entry lengths found (HM_DONE: looked) */
  const char *(*hm_vals)[6];/* per token: their values */
  int gm_sent;              /* span_gaz's and find_head's memo: for sentence gm_sent, */
  size_t gm_cap;            /* per (first token, length): */
  int *gaz_ent;             /* gazetteer entry index -> its entity, or -1 (gaz_entity) */
  unsigned char *gm_known;  /* answers known (GM_GAZ, GM_HEAD, GM_NAME, GM_STRIP) */
  const dg_gaz **gm_gaz;    /* span_gaz's answer */
  const char **gm_name;     /* span_name's answer (in the scratch arena), */
  size_t *gm_len;           /* and its length */
  head *gm_head;            /* find_head's answer: what it wrote to its head, */
  unsigned char *gm_found;  /* and what it returned */
  unsigned char *gm_strip;  /* strip_leading's answer, less the span's first token */
} ctx;

static void doc_mention(ctx *c, int s, int tb, int te, const char *name, unsigned cls);

static int long_form_start(ctx *c, int s, int tb, int te, const char *acr);
static int long_form_match(ctx *c, int s, int tb, int te, const char *acr, int *matched_out);
typedef struct ctx ctx_t;
static int long_form(ctx *c, int s, int tb, int te, const char *acr);

/* ---- small helpers ---- */

/* Always inlined: called millions of times, and a call costs more than
 * the load it wraps. */
#define DG_INLINE static inline __attribute__((always_inline))
DG_INLINE dg_tok *tok(ctx *c, int s, int i) { return &c->t->sents[s].toks[i]; }
DG_INLINE int ntok(ctx *c, int s) { return c->t->sents[s].ntoks; }
/* Always inlined: w is a literal at every call, so its length folds to a
 * constant and most calls end at the length test. */
DG_INLINE int is_word(ctx *c, int s, int i, const char *w) {
  return i >= 0 && i < ntok(c, s) && dg_tok_is(c->t, tok(c, s, i), w);
}

/* strcmp(s, lit) == 0 and strncmp(s, lit, strlen(lit)) == 0 for a literal
 * lit, inline: head classes and list values are compared for every name,
 * and a call to strcmp costs more than the few bytes it reads. The first
 * byte that differs (at the latest s's NUL) ends the reading. */
DG_INLINE int starts_lit(const char *s, const char *lit) {
  size_t n = strlen(lit);
  for (size_t i = 0; i < n; i++)
    if (s[i] != lit[i]) return 0;
  return 1;
}
DG_INLINE int is_lit(const char *s, const char *lit) { return starts_lit(s, lit) && !s[strlen(lit)]; }

/* The lists' bits and the head list's: looked up once per lexicon and
 * thread, not per document (plain data, keyed by the lexicon's serial
 * number, which starts at 1). */
static void list_bits(ctx *c) {
  static _Thread_local struct {
    unsigned long serial;
    int lbits[L__N], head_bit;
  } memo;
  if (memo.serial != dg_lexicon_serial(c->lx)) {
    for (int l = 0; l < L__N; l++) memo.lbits[l] = dg_lexicon_list_bit(c->lx, list_names[l]);
    /* the lists that only filter: usable only while they hold every word
     * doc_cue, anaphor_cue and the venue scan test for */
    static const char *const doc_words[] = {"resolution", "resolutions", "report", "reports", NULL};
    static const char *const anaphor_words[] = {"next", "upcoming", "previous", "last", "preceding", NULL};
    static const char *const venue_words[] = {"in", NULL};
    memo.lbits[L_DOC_CUE] = dg_lexicon_filter_bit(c->lx, list_names[L_DOC_CUE], doc_words);
    memo.lbits[L_ANAPHOR_CUE] = dg_lexicon_filter_bit(c->lx, list_names[L_ANAPHOR_CUE], anaphor_words);
    memo.lbits[L_VENUE_CUE] = dg_lexicon_filter_bit(c->lx, list_names[L_VENUE_CUE], venue_words);
    memo.head_bit = dg_lexicon_list_bit(c->lx, "head");
    memo.serial = dg_lexicon_serial(c->lx);
  }
  memcpy(c->lbits, memo.lbits, sizeof c->lbits);
  c->head_bit = memo.head_bit;
}
DG_INLINE int in_list(ctx *c, int s, int i, int l) {
  if (i < 0 || i >= ntok(c, s)) return 0;
  const dg_tok *k = tok(c, s, i);
  int bit = c->lbits[l];
  if (bit >= 0) return (k->lists >> bit) & 1;
  return dg_lexicon_getn(c->lx, list_names[l], c->t->shadow + k->b, k->e - k->b) != NULL;
}
/* Can any token of sentence s be in list l? A quick "no" for whole-sentence scans. */
DG_INLINE int sent_may_have(ctx *c, int s, int l) {
  int bit = c->lbits[l];
  return bit < 0 || ((c->t->sents[s].lists >> bit) & 1);
}
DG_INLINE int is_punct(ctx *c, int s, int i, char ch) {
  if (i < 0 || i >= ntok(c, s)) return 0;
  const dg_tok *k = tok(c, s, i);
  return (k->flags & TK_PUNCT) && k->e - k->b == 1 && c->t->shadow[k->b] == ch;
}

/* Code point offsets of every sentence, in one pass over the text: spans
 * are asked for out of order, so counting on from the last one asked
 * recounted from the start again and again. */
static void sentence_offsets(ctx *c) {
  size_t n = c->t->nsents, byte = 0, count = 0;
  c->cp_b = dg_arena_alloc(c->a, n * sizeof *c->cp_b);
  c->cp_e = dg_arena_alloc(c->a, n * sizeof *c->cp_e);
  c->span_ids = dg_arena_alloc(c->a, n * sizeof *c->span_ids);
  for (size_t s = 0; s < n; s++) {
    const dg_sentinfo *si = &c->t->sents[s];
    if (si->b < byte) byte = 0, count = 0;
    count += dg_utf8_count(c->t->orig + byte, si->b - byte);
    c->cp_b[s] = count;
    c->cp_e[s] = count + dg_utf8_count(c->t->orig + si->b, si->e - si->b);
    byte = si->e, count = c->cp_e[s]; /* count on from the sentence's end: each byte read once */
    c->span_ids[s] = -1;
  }
}

static int span_of(ctx *c, int s) {
  if (c->span_ids[s] < 0) {
    const dg_sentinfo *si = &c->t->sents[s];
    c->span_ids[s] = dg_result_span(c->r, c->cp_b[s], c->cp_e[s], c->t->orig + si->b, si->e - si->b);
  }
  return c->span_ids[s];
}

/* The scratch arena's copy of a string (mentions and memos borrow these). */
static char *keep(ctx *c, const char *str) { return dg_arena_strdup(c->a, str); }
static char *keepn(ctx *c, const char *str, size_t n) { return dg_arena_strndup(c->a, str, n); }
static char *tok_str(ctx *c, const dg_tok *k) { return keepn(c, c->t->shadow + k->b, k->e - k->b); }

typedef struct memo_probe {
  const name_memo *m;
  const char *name;
  size_t len;
} memo_probe;

static int memo_eq(const void *ctx, uint32_t id) {
  const memo_probe *p = ctx;
  const struct memo_entry *e = &p->m->v[id];
  return e->len == p->len && !memcmp(e->name, p->name, p->len);
}

/* The entry for name, or NULL; *h receives the name's hash. */
static struct memo_entry *memo_find(name_memo *m, const char *name, size_t len, uint64_t *h) {
  *h = dg_hash_fast(name, len);
  memo_probe p = {m, name, len};
  int64_t i = dg_idtab_find(&m->index, *h, memo_eq, &p);
  return i < 0 ? NULL : &m->v[i];
}

/* A new entry (its name copied into the arena) after memo_find said none. */
static struct memo_entry *memo_add(ctx *c, name_memo *m, const char *name, size_t len, uint64_t h) {
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 32;
    m->v = dg_arena_grow(c->a, m->v, m->cap * sizeof *m->v, cap * sizeof *m->v);
    m->cap = cap;
  }
  struct memo_entry *e = &m->v[m->n];
  *e = (struct memo_entry){keepn(c, name, len), len, NULL, 0};
  dg_idtab_add(&m->index, h, (uint32_t)m->n++);
  return e;
}

/* The number memo m holds for name[0..len), or -1. */
static int memo_num(name_memo *m, const char *name, size_t len) {
  uint64_t h;
  struct memo_entry *e = memo_find(m, name, len, &h);
  return e ? (int)e->num : -1;
}

/* Sets name's number in m (overwriting any). */
static void memo_set(ctx *c, name_memo *m, const char *name, int num) {
  size_t len = strlen(name);
  uint64_t h;
  struct memo_entry *e = memo_find(m, name, len, &h);
  if (!e) e = memo_add(c, m, name, len, h);
  e->num = (size_t)num;
}

/* dg_resolve_key with the document's acronyms (all defined in
 * collect_acronyms, before any name is keyed). Not memoised per document:
 * two in three names are keyed once in a document, and the thread's key
 * memo answers the others about as fast as a document memo would. */
static const char *resolve_key(ctx *c, const char *name) {
  return keep(c, dg_resolve_key_ref(c->lx, &c->acr, name)); /* lives as long as the document's context */
}

/* dg_resolve_partner_prefix (memoised per thread). */
static size_t partner_prefix(ctx *c, const char *name) { return dg_resolve_partner_prefix(c->lx, name); }

/* Length of a rendered name without its possessive ending ("ASEAN's"
 * names ASEAN) when token te - 1 carries one. */
static size_t drop_possessive(ctx *c, int s, int tb, int te, const char *r, size_t n) {
  if (te > tb && (tok(c, s, te - 1)->flags & TK_POSS) && n > 3) {
    if (r[n - 2] == '\'' && r[n - 1] == 's') return n - 2;
    if (n > 5 && (unsigned char)r[n - 4] == 0xE2 && r[n - 1] == 's') return n - 4;
  }
  return n;
}

/* A name as written, without a possessive ending: into small (cap bytes)
 * when it fits, for a caller that only reads it, else in the scratch
 * arena (never freed by the caller). Its length in *len. */
static char *render_len(ctx *c, int s, int tb, int te, char *small, size_t cap, size_t *len) {
  const dg_sentinfo *si = &c->t->sents[s];
  size_t bound = dg_mention_render_bound(si, tb, te);
  char *r = bound <= cap ? small : dg_arena_alloc(c->a, bound);
  size_t n;
  if (te == tb + 1 && !(si->toks[tb].flags & TK_PUNCT)) {
    /* one word: dg_mention_render_into writes its bytes as they are */
    const dg_tok *k = &si->toks[tb];
    n = k->e - k->b;
    memcpy(r, c->t->shadow + k->b, n);
    r[n] = '\0';
  } else {
    n = dg_mention_render_into(c->t, si, tb, te, 1, r);
  }
  *len = drop_possessive(c, s, tb, te, r, n);
  r[*len] = '\0';
  return r;
}

/* The same, always in the scratch arena: lives as long as the document's context. */
static char *render(ctx *c, int s, int tb, int te) {
  size_t n;
  return render_len(c, s, tb, te, NULL, 0, &n);
}

static int ascii_alnum(unsigned char ch) {
  return (unsigned)((ch | 0x20) - 'a') < 26u || (unsigned)(ch - '0') < 10u;
}

/* The test dg_lexicon_gazetteer starts with (the first word's first
 * letters), made on the name [tb, te)'s first token before rendering it,
 * where the rendering's first word is plainly the token's own letters:
 * GAZ_NO, a sure no; GAZ_PASSED, the test passed; GAZ_MAYBE, the shortcut
 * does not apply (the lookup makes the test). */
enum { GAZ_NO, GAZ_PASSED, GAZ_MAYBE };
static int gaz_may_be(ctx *c, int s, int tb, int te) {
  const dg_tok *k = tok(c, s, tb);
  const unsigned char *w = (const unsigned char *)c->t->shadow + k->b;
  size_t len = k->e - k->b, r = 0;
  if (!len || !ascii_alnum(w[0]) || w[0] == 'U' || w[0] == 'u') return GAZ_MAYBE;
  if (!(k->flags & TK_REST)) r = len; /* (a word: w[0] is a letter or digit) */
  else
    while (r < len && ascii_alnum(w[r])) r++;
  unsigned char next; /* the rendering's byte after the word */
  if (r < len) next = w[r];
  else if (te == tb + 1) next = 0;
  else {
    const dg_tok *x = tok(c, s, tb + 1);
    if ((x->flags & TK_PUNCT) && x->e - x->b == 1) return GAZ_MAYBE; /* skipped or special: the full way */
    next = x->b > k->e ? ' ' : (unsigned char)c->t->shadow[x->b];
  }
  if (next >= 0x80 || ascii_alnum(next)) return GAZ_MAYBE;
  if ((r == 3 && dg_caseeq((const char *)w, "the", 3)) || (r == 2 && dg_caseeq((const char *)w, "an", 2)) ||
      (r == 1 && (w[0] | 0x20) == 'a'))
    return GAZ_MAYBE; /* an article: the test reads the next word */
  return dg_lexicon_gaz_may_start(c->lx, (const char *)w, r) ? GAZ_PASSED : GAZ_NO;
}

/* The per-sentence span memos emptied for sentence s. */
static void span_memo_reset(ctx *c, int s) {
  size_t n = (size_t)ntok(c, s) * GM_SPAN;
  if (n > c->gm_cap) { /* what the arrays hold is stale: new ones, not copies */
    c->gm_cap = n > 2 * c->gm_cap ? n : 2 * c->gm_cap;
    c->gm_known = dg_arena_alloc(c->a, c->gm_cap);
    c->gm_gaz = dg_arena_alloc(c->a, c->gm_cap * sizeof *c->gm_gaz);
    c->gm_name = dg_arena_alloc(c->a, c->gm_cap * sizeof *c->gm_name);
    c->gm_len = dg_arena_alloc(c->a, c->gm_cap * sizeof *c->gm_len);
    c->gm_head = dg_arena_alloc(c->a, c->gm_cap * sizeof *c->gm_head);
    c->gm_found = dg_arena_alloc(c->a, c->gm_cap);
    c->gm_strip = dg_arena_alloc(c->a, c->gm_cap);
  }
  memset(c->gm_known, 0, n);
  c->gm_sent = s;
}

/* The slot of span [tb, te) (0 < te - tb < GM_SPAN) in the per-sentence
 * span memos, emptied when the sentence changes. Inlined: asked for every
 * span question, a new sentence rarely. */
DG_INLINE size_t span_slot(ctx *c, int s, int tb, int te) {
  if (c->gm_sent != s) span_memo_reset(c, s);
  return (size_t)tb * GM_SPAN + (size_t)(te - tb);
}

/* The name [tb, te) of sentence s as render gives it, rendered once per
 * sentence for spans under GM_SPAN tokens: the gazetteer lookup renders
 * it first, classifying and mentions reuse it. Borrowed: never modify. */
DG_INLINE const char *span_name(ctx *c, int s, int tb, int te, size_t *len) {
  int n = te - tb;
  if (n <= 0 || n >= GM_SPAN) return render_len(c, s, tb, te, NULL, 0, len);
  size_t k = span_slot(c, s, tb, te);
  if (!(c->gm_known[k] & GM_NAME)) {
    c->gm_name[k] = render_len(c, s, tb, te, NULL, 0, &c->gm_len[k]);
    c->gm_known[k] |= GM_NAME;
  }
  *len = c->gm_len[k];
  return c->gm_name[k];
}

/* The gazetteer entry the name [tb, te) of sentence s renders to, or NULL.
 * Memoised per sentence for spans under GM_SPAN tokens: splitting,
 * stripping and classifying ask about the same spans again and again. */
static const dg_gaz *span_gaz_lookup(ctx *c, int s, int tb, int te) {
  int may = gaz_may_be(c, s, tb, te);
  if (may == GAZ_NO) return NULL;
  size_t n;
  const char *r = span_name(c, s, tb, te, &n);
  return may == GAZ_PASSED ? dg_lexicon_gazetteer_passed(c->lx, r, n) : dg_lexicon_gazetteer_n(c->lx, r, n);
}

DG_INLINE const dg_gaz *span_gaz(ctx *c, int s, int tb, int te) {
  int len = te - tb;
  if (len <= 0 || len >= GM_SPAN) return span_gaz_lookup(c, s, tb, te);
  size_t k = span_slot(c, s, tb, te);
  if (!(c->gm_known[k] & GM_GAZ)) {
    c->gm_gaz[k] = span_gaz_lookup(c, s, tb, te);
    c->gm_known[k] |= GM_GAZ;
  }
  return c->gm_gaz[k];
}

/* ---- heads ---- */

/* The head-list entries starting at token i of sentence s: bit L of the
 * result is set when the L tokens from i (no punctuation, L <= 5) are an
 * entry, (*vals)[L] its value. Found once per token and sentence: find_head
 * asks about the same tokens for every span it is given. */
static unsigned head_entries(ctx *c, int s, int i, const char *const **vals) {
  if (c->hm_sent != s) {
    int n = ntok(c, s);
    if (n > c->hm_cap) { /* stale contents: new arrays, not copies */
      c->hm_cap = n > 2 * c->hm_cap ? n : 2 * c->hm_cap;
      c->hm_lens = dg_arena_alloc(c->a, (size_t)c->hm_cap * sizeof *c->hm_lens);
      c->hm_vals = dg_arena_alloc(c->a, (size_t)c->hm_cap * sizeof *c->hm_vals);
    }
    memset(c->hm_lens, 0, (size_t)n * sizeof *c->hm_lens);
    c->hm_sent = s;
  }
  if (!(c->hm_lens[i] & HM_DONE)) {
    unsigned lens = HM_DONE;
    char buf[256];
    size_t n = 0;
    /* the token's masks tell which lengths can be entries: the word alone
     * only if it is one, longer phrases only if an entry starts with it */
    const dg_tok *k = tok(c, s, i);
    int one = c->head_bit < 0 || ((k->lists >> c->head_bit) & 1);
    int longer = c->head_bit < 0 || ((k->multi >> c->head_bit) & 1);
    const dg_wordtab *wt = dg_lexicon_wordtab(c->lx);
    for (int j = i, len = 1; j < ntok(c, s) && len <= (longer ? 5 : 1); j++, len++) {
      const dg_tok *x = tok(c, s, j);
      if ((x->flags & TK_PUNCT) || n + (x->e - x->b) + 1 >= sizeof buf) break;
      /* a word no entry has after its first: no entry this long, nor longer */
      if (len > 1 && c->head_bit >= 0) {
        const dg_wordtab_entry *we = dg_wordtab_get(wt, c->t->shadow + x->b, x->e - x->b);
        if (!we || !((we->inner >> c->head_bit) & 1)) break;
      }
      if (len > 1) buf[n++] = ' ';
      memcpy(buf + n, c->t->shadow + x->b, x->e - x->b);
      n += x->e - x->b;
      const char *v = len > 1 || one ? dg_lexicon_getn(c->lx, "head", buf, n) : NULL;
      if (v) lens |= 1u << len, c->hm_vals[i][len] = v;
    }
    c->hm_lens[i] = (unsigned char)lens;
  }
  *vals = c->hm_vals[i];
  return c->hm_lens[i] & ~(unsigned)HM_DONE;
}

/* Longest head-list entry starting at token i and ending by te, as
 * dg_lexicon_match_n finds it on the tokens up to te (at most five, no
 * punctuation); its value in *v. 0 if none. */
DG_INLINE int head_match(ctx *c, int s, int i, int te, const char **v) {
  const dg_tok *k = tok(c, s, i);
  if (c->head_bit >= 0 && !(((k->lists | k->multi) >> c->head_bit) & 1)) return 0;
  int nw = 0;
  while (nw < 5 && i + nw < te && !(tok(c, s, i + nw)->flags & TK_PUNCT)) nw++;
  if (!nw) return 0;
  const char *const *vals;
  unsigned lens = head_entries(c, s, i, &vals);
  for (int len = nw; len >= 1; len--)
    if (lens & (1u << len)) {
      *v = vals[len];
      return len;
    }
  return 0;
}

/* A word that starts a name's complement after its head: "... Group of
 * Experts", "Dialogue on ...", "Centre for ...", "Week in ...",
 * "Convention against Cybercrime". */
DG_INLINE int comp_word(ctx *c, int s, int i) {
  return is_word(c, s, i, "of") || is_word(c, s, i, "on") || is_word(c, s, i, "for") || is_word(c, s, i, "in") ||
         is_word(c, s, i, "against");
}

/* Finds the head of the name [tb, te): the last head-list entry before its
 * complement, which only a year, number or acronym group may follow. 1 if
 * there is one; *h is written either way (callers read comp). */
static int scan_head(ctx *c, int s, int tb, int te, head *h) {
  memset(h, 0, sizeof *h);
  h->comp = te;
  const char *best = NULL;
  int bb = -1, be = -1, pre_comp = -1;
  for (int i = tb; i < te; i++) {
    const dg_tok *k = tok(c, s, i);
    /* before any head, one "of" may sit inside the name ("Bay of Bengal
     * ... Initiative", "Republic of Korea ... Meeting"); a second connector
     * after it means the "of" began a complement and there is no head */
    if (!best && (k->flags & TK_CONN) && i > tb) {
      if (pre_comp >= 0 && !is_word(c, s, i, "and") && !is_word(c, s, i, "&")) {
        h->comp = pre_comp;
        return 0;
      }
      if (comp_word(c, s, i)) pre_comp = i;
    }
    /* the complement ("of the X", "on Y") starts after the head: an "of"
     * before any head is inside the name ("Bay of Bengal ... Initiative") */
    if (best && (k->flags & TK_CONN) && i > tb && comp_word(c, s, i)) {
      h->comp = i;
      break;
    }
    const char *v = NULL;
    int len = head_match(c, s, i, te, &v);
    if (len) {
      best = v, bb = i, be = i + len;
      i += len - 1;
    }
  }
  if (!best) return 0;
  if (h->comp < te && is_word(c, s, h->comp, "of") && h->comp + 1 < te && !is_word(c, s, h->comp + 1, "the")) {
    for (int i = h->comp + 1; i < te; i++) {
      const dg_tok *k = tok(c, s, i);
      if (k->flags & (TK_CONN | TK_PUNCT)) break;
      const char *v = NULL;
      int len = head_match(c, s, i, te, &v);
      if (len && !is_lit(v, "venue")) {
        best = v, bb = i, be = i + len;
        h->comp = te;
        for (int j = be; j < te; j++)
          if (comp_word(c, s, j)) {
            h->comp = j;
            break;
          }
        break;
      }
    }
  }
  /* the head must end the name proper: only a year, a number or an
   * acronym group may follow before the complement */
  int ident = bb == tb && starts_lit(best, "doc:"); /* "Recommendation ITU-T X.1205" */
  for (int i = be; i < h->comp; i++) {
    const dg_tok *k = tok(c, s, i);
    if (k->flags & (TK_NUM | TK_PUNCT)) continue;
    if (ident && ((k->flags & TK_ALLCAP) || memchr(c->t->shadow + k->b, '.', k->e - k->b) ||
                  memchr(c->t->shadow + k->b, '-', k->e - k->b)))
      continue;
    if (i > be && is_punct(c, s, i - 1, '(')) continue;
    return 0;
  }
  h->cls = best, h->hb = bb, h->he = be;
  return 1;
}

/* The head of the name [tb, te) (see scan_head). Splitting, stripping and
 * classifying ask about the same spans again and again: memoised per
 * sentence for spans under GM_SPAN tokens, *h restored whatever the answer. */
DG_INLINE int find_head(ctx *c, int s, int tb, int te, head *h) {
  int len = te - tb;
  if (len <= 0 || len >= GM_SPAN) return scan_head(c, s, tb, te, h);
  size_t k = span_slot(c, s, tb, te);
  if (!(c->gm_known[k] & GM_HEAD)) {
    c->gm_found[k] = (unsigned char)scan_head(c, s, tb, te, &c->gm_head[k]);
    c->gm_known[k] |= GM_HEAD;
  }
  *h = c->gm_head[k];
  return c->gm_found[k];
}

static unsigned event_class(const char *cls) {
  if (is_lit(cls, "event:Dialogue")) return DG_C_DIALOGUE;
  if (is_lit(cls, "event:Summit")) return DG_C_SUMMIT;
  if (is_lit(cls, "event:Conference")) return DG_C_CONFERENCE;
  return DG_C_MEETING;
}

static unsigned doc_class(const char *cls) {
  if (is_lit(cls, "doc:Report")) return DG_C_REPORT;
  if (is_lit(cls, "doc:Resolution")) return DG_C_RESOLUTION;
  if (is_lit(cls, "doc:Statement")) return DG_C_STATEMENT;
  return DG_C_POLICY;
}

/* ---- entities ---- */

static int gaz_entity(ctx *c, const dg_gaz *g, const char *name) {
  /* the entity of each gazetteer entry, once found: entities keep their
   * index until drop_unused, at the very end */
  size_t gi = (size_t)(g - dg_lexicon_gaz_at(c->lx, 0));
  if (!c->gaz_ent) {
    size_t n = dg_lexicon_ngaz(c->lx);
    c->gaz_ent = dg_arena_alloc(c->a, n * sizeof *c->gaz_ent);
    memset(c->gaz_ent, 0xff, n * sizeof *c->gaz_ent); /* all -1 */
  }
  int e = c->gaz_ent[gi];
  if (e < 0) e = c->gaz_ent[gi] = dg_result_entity(c->r, g->kind, g->key, name);
  else if (name && *name) dg_result_name(c->r, e, name);
  dg_entity *x = &c->r->ents[e];
  x->classes |= g->classes;
  if (!x->label) x->label = dg_result_strdup(c->r, g->canonical);
  if (g->wikidata && !x->wikidata) x->wikidata = dg_result_strdup(c->r, g->wikidata);
  return e;
}

static void add_acronym(ctx *c, int e, const char *acr) {
  size_t n = c->r->ents[e].acronyms.n;
  dg_result_acronym(c->r, e, acr);
  if (c->r->ents[e].acronyms.n != n) c->acr_dirty = 1;
}

/* A gazetteer entry's acronym the text itself uses. */
static void note_gaz_acronym(ctx *c, int e, const dg_gaz *g, const char *surface) {
  /* an acronym the text only uses is one of the names; dg:acronym records
   * the acronyms a text defines */
  if (g && dg_strvec_find(&g->acronyms, surface) >= 0) dg_result_name(c->r, e, surface);
}

static int body_like_series(const char *name) {
  const char *sp = strrchr(name, ' ');
  const char *last = sp ? sp + 1 : name;
  return dg_caseeq(last, "Meeting", 7) || dg_caseeq(last, "Conference", 10) || dg_caseeq(last, "Forum", 5);
}

/* The series an event-headed name belongs to (a body for ministerial
 * meetings and conferences, so that "AMCC" the body and the series of AMCC
 * meetings are one node). Near-identical series names in one document (a
 * typo in a heading) are one series. */
/* "U.S.-ASEAN ...": the text calls the United States "U.S." */
static void note_partners(ctx *c, const char *name) {
  size_t n = partner_prefix(c, name);
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && name[j] != '-' && name[j] != ' ') j++;
    char *part = keepn(c, name + i, j - i);
    const dg_gaz *g = dg_lexicon_gazetteer(c->lx, part);
    if (g && (g->kind == DG_K_COUNTRY || g->kind == DG_K_ORG)) gaz_entity(c, g, part);
    i = j + 1;
  }
}

/* "U.S.-Japan Cyber Dialogue" is also written "Japan-U.S. Cyber Dialogue". */
static void add_swapped_partners(ctx *c, int e, const char *name) {
  size_t n = partner_prefix(c, name);
  if (!n) return;
  const char *dash = NULL;
  for (const char *p = name; p < name + n; p++)
    if (*p == '-') {
      if (dash) return; /* three partners: leave alone */
      dash = p;
    }
  if (!dash) return;
  size_t end = n;
  while (end > 0 && name[end - 1] == ' ') end--;
  /* "B-A" and the rest: the same bytes, the partners swapped */
  size_t len = strlen(name), a = (size_t)(dash - name);
  /* (printf's "%.*s" with a negative precision took the whole rest) */
  size_t b = end > a ? end - a - 1 : len - a - 1;
  char *v = dg_arena_alloc(c->a, b + 1 + a + (len - end) + 1), *w = v;
  memcpy(w, dash + 1, b), w += b;
  *w++ = '-';
  memcpy(w, name, a), w += a;
  memcpy(w, name + end, len - end + 1);
  dg_result_variant(c->r, e, v);
}

static int series_entity(ctx *c, const char *name) {
  note_partners(c, name);
  const dg_gaz *g = dg_lexicon_gazetteer(c->lx, name);
  if (g && (g->kind == DG_K_BODY || g->kind == DG_K_SERIES)) return gaz_entity(c, g, name);
  const char *key = resolve_key(c, name);
  int a = memo_num(&c->alias, key, strlen(key));
  if (a >= 0) return a;
  dg_kind kind = body_like_series(name) ? DG_K_BODY : DG_K_SERIES;
  int e = dg_result_find(c->r, kind, key);
  if (e < 0 && strlen(key) >= 15)
    for (size_t i = 0; i < c->r->nents; i++) {
      dg_entity *x = &c->r->ents[i];
      if (x->kind == kind && (x->classes & DG_C_SERIES) && dg_resolve_distance(x->key, key, 2) <= 2) {
        e = (int)i;
        break;
      }
    }
  if (e >= 0) dg_result_name(c->r, e, name);
  else e = dg_result_entity(c->r, kind, key, name);
  add_swapped_partners(c, e, name);
  return e;
}

/* snprintf(out, cap, "%s%c%d", str, sep, n) without printf: event keys
 * and names are made for every numbered or dated event. */
static void join_int(char *out, size_t cap, const char *str, char sep, int n) {
  char d[16];
  int k = 0;
  unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;
  do d[k++] = (char)('0' + u % 10), u /= 10;
  while (u);
  if (n < 0) d[k++] = '-';
  size_t len = strlen(str), w = 0;
  for (size_t i = 0; i < len && w + 1 < cap; i++) out[w++] = str[i];
  if (w + 1 < cap) out[w++] = sep;
  while (k && w + 1 < cap) out[w++] = d[--k];
  out[w] = '\0';
}

static int event_entity(ctx *c, int series, int ord, unsigned evclass) {
  char key[1200];
  join_int(key, sizeof key, c->r->ents[series].key, '-', ord);
  int e = dg_result_entity(c->r, DG_K_EVENT, key, NULL);
  dg_entity *x = &c->r->ents[e];
  x->classes |= DG_C_EVENT | evclass;
  x->series = series;
  x->ordinal = ord;
  c->r->ents[series].classes |= DG_C_SERIES;
  return e;
}

/* An event known by name and year only ("EU-Japan Strategic Dialogue" on
 * 1 November 2024): keyed by both; named "NAME YEAR". */
static int dated_event(ctx *c, int series, int year, unsigned evclass) {
  char key[1200], name[1400];
  const dg_entity *s = &c->r->ents[series];
  const char *label = s->label ? s->label : s->names.n ? s->names.v[0] : s->key;
  join_int(key, sizeof key, s->key, '-', year);
  join_int(name, sizeof name, label, ' ', year);
  int e = dg_result_entity(c->r, DG_K_EVENT, key, name);
  c->r->ents[e].classes |= DG_C_EVENT | evclass;
  return e;
}

/* ---- mentions ---- */

/* name must outlive the document's context (the scratch arena, the
 * result or the lexicon hold it). */
static mention *push_mention(ctx *c, int s, int tb, int te, mkind kind, int ent, const char *name) {
  if (c->nm == c->capm) {
    int cap = c->capm ? c->capm * 2 : 64;
    c->m = dg_arena_grow(c->a, c->m, (size_t)c->capm * sizeof *c->m, (size_t)cap * sizeof *c->m);
    c->capm = cap;
  }
  mention *m = &c->m[c->nm++];
  memset(m, 0, sizeof *m);
  m->sent = s, m->tb = tb, m->te = te, m->kind = kind, m->ent = ent, m->series = -1;
  m->title = s < c->title_end;
  m->name = name; /* borrowed: see mention.name */
  return m;
}

/* A mention of event number ord of series (class evclass). */
static void push_event(ctx *c, int s, int tb, int te, const char *name, int series, int ord, unsigned evclass) {
  mention *m = push_mention(c, s, tb, te, M_EVENT, -1, name);
  m->series = series, m->ord = ord, m->evclass = evclass;
  m->ent = event_entity(c, series, ord, evclass);
}

/* Meeting number ord of the body named name (its series), mentioned at
 * [tb, te): "the 3rd ... Ministerial Forum", "the inaugural meeting of the X Council". */
static void push_body_meeting(ctx *c, int s, int tb, int te, const char *name, int ord) {
  int series = series_entity(c, name);
  c->r->ents[series].classes |= DG_C_BODY;
  push_event(c, s, tb, te, name, series, ord, DG_C_MEETING);
}

static mkind gaz_mkind(const dg_gaz *g) {
  switch (g->kind) {
    case DG_K_COUNTRY: return M_COUNTRY;
    case DG_K_PLACE: return M_PLACE;
    case DG_K_ORG: return M_ORG;
    case DG_K_PROGRAMME: return M_PROG;
    case DG_K_SERIES: return M_SERIESREF;
    default: return M_BODY;
  }
}

/* Longest gazetteer matches inside a chunk that has no head of its own. */
static void gazetteer_scan(ctx *c, int s, int tb, int te) {
  for (int i = tb; i < te;) {
    int found = 0;
    for (int j = te < i + 8 ? te : i + 8; j > i; j--) {
      if (!(tok(c, s, i)->flags & (TK_CAP | TK_NUM))) break;
      if (tok(c, s, j - 1)->flags & TK_CONN) continue;
      const dg_gaz *g = span_gaz(c, s, i, j);
      if (g) {
        size_t nl;
        const char *n = span_name(c, s, i, j, &nl);
        int e = gaz_entity(c, g, n);
        note_gaz_acronym(c, e, g, n);
        mention *m = push_mention(c, s, i, j, gaz_mkind(g), e, n);
        m->poss = (tok(c, s, j - 1)->flags & TK_POSS) != 0;
        int p = tb - 1;
        if (is_word(c, s, p, "the")) p--;
        m->prep = j == te && (is_word(c, s, p, "at") || is_word(c, s, p, "in"));
        i = j;
        found = 1;
        break;
      }
    }
    if (!found) i++;
  }
}

static int single_token_acronym(ctx *c, int s, int tb, int te, int *ent) {
  if (te - tb != 1) return 0;
  const dg_tok *k = tok(c, s, tb);
  const char *w = c->t->shadow + k->b;
  size_t n = k->e - k->b;
  if (n > 2 && (w[n - 1] == 's') && isupper((unsigned char)w[n - 2])) n--;
  int e = memo_num(&c->acr_ent, w, n);
  if (e < 0) return 0;
  *ent = e;
  return 1;
}

/* A token in capitals that names something: three to twelve letters,
 * not a Roman numeral, not a word in a heading. */
static int unknown_acronym(ctx *c, int s, int i) {
  const dg_tok *k = tok(c, s, i);
  size_t n = k->e - k->b;
  if (!(k->flags & TK_ALLCAP) || n < 3 || n > 12 || c->t->sents[s].heading) return 0;
  const char *w = c->t->shadow + k->b;
  int roman = 1;
  for (size_t j = 0; j < n; j++) {
    if (!isalnum((unsigned char)w[j]) && w[j] != '-') return 0;
    if (!strchr("IVXLC", w[j])) roman = 0;
  }
  return !roman;
}

static int trailing_year(ctx *c, int s, int tb, int te) {
  if (te - tb >= 2 && (tok(c, s, te - 1)->flags & TK_YEAR)) {
    int y = atoi(c->t->shadow + tok(c, s, te - 1)->b);
    return y;
  }
  return 0;
}

/* a b c, concatenated in the scratch arena */
static char *join3(ctx *c, const char *a, const char *b, const char *d) {
  size_t la = strlen(a), lb = strlen(b), ld = strlen(d);
  char *v = dg_arena_alloc(c->a, la + lb + ld + 1);
  memcpy(v, a, la), memcpy(v + la, b, lb), memcpy(v + la + lb, d, ld + 1);
  return v;
}

/* "Philippines, Japan Hold Third Cyber Consultations in Manila": in a title
 * line, an event name without partners (sname, starting at token tb of
 * sentence s) that two countries or organisations named first in the line
 * hold or convene is theirs. Returns the series name with them as its
 * prefix ("Philippines-Japan Cyber Consultations", scratch), as the text's
 * full name has it, or sname itself. */
static char *with_title_partners(ctx *c, int s, int tb, char *sname) {
  if (s >= c->title_end || partner_prefix(c, sname)) return sname;
  int v = tb - 1;
  if (v >= 0 && (tok(c, s, v)->flags & TK_ORD)) v--;
  if (v >= 0 && is_word(c, s, v, "the")) v--;
  if (v < 1 || !(is_word(c, s, v, "hold") || is_word(c, s, v, "holds") || is_word(c, s, v, "held") ||
                 is_word(c, s, v, "convene") || is_word(c, s, v, "convenes") || is_word(c, s, v, "convened")))
    return sname;
  const mention *p[2];
  int np = 0;
  for (int q = 0; q < c->nm; q++) {
    const mention *m = &c->m[q];
    if (m->sent != s || m->te > v || (m->kind != M_COUNTRY && m->kind != M_ORG)) continue;
    if (np == 2) return sname;
    p[np++] = m;
  }
  if (np != 2 || p[0]->tb != (is_word(c, s, 0, "the") ? 1 : 0) || p[1]->te != v) return sname;
  int gap = p[1]->tb - p[0]->te;
  if (!(gap == 1 && (is_punct(c, s, p[0]->te, ',') || is_word(c, s, p[0]->te, "and")))) return sname;
  char *pfx = join3(c, render(c, s, p[0]->tb, p[0]->te), "-", render(c, s, p[1]->tb, p[1]->te));
  return join3(c, pfx, " ", sname);
}

/* Classifies one cleaned name [tb, te) and records its mention. Returns 1 if
 * it was recognised as something. */
static int classify(ctx *c, int s, int tb, int te, int ord) {
  if (tb >= te) return 0;
  int ok = 1, e;
  head h;
  const dg_gaz *g = span_gaz(c, s, tb, te);
  int has_head = find_head(c, s, tb, te, &h);
  /* the name as written, which mentions borrow; not rendered for a span of
   * several words with neither head nor gazetteer entry outside a list:
   * only gazetteer_scan looks into those, at its own spans */
  int list_item = tb >= c->list_from && te <= c->list_to && te - tb >= 2;
  size_t name_len;
  const char *name = g || has_head || te - tb == 1 || list_item ? span_name(c, s, tb, te, &name_len) : NULL;
  int ev_head = has_head && starts_lit(h.cls, "event:");
  if (g && !(ord && ev_head)) {
    e = gaz_entity(c, g, name);
    note_gaz_acronym(c, e, g, name);
    mention *m = push_mention(c, s, tb, te, gaz_mkind(g), e, name);
    m->poss = (tok(c, s, te - 1)->flags & TK_POSS) != 0;
    if (m->kind == M_SERIESREF) m->series = e, m->evclass = DG_C_CONFERENCE;
    if (m->kind == M_BODY && body_like_series(g->canonical))
      m->series = e, m->evclass = strstr(g->canonical, "Conference") ? DG_C_CONFERENCE : DG_C_MEETING;
    if (ev_head) m->evclass = event_class(h.cls), m->series = e;
    goto done;
  }
  if (single_token_acronym(c, s, tb, te, &e)) {
    const dg_entity *x = &c->r->ents[e];
    mkind k = x->kind == DG_K_PROGRAMME ? M_PROG : x->kind == DG_K_DOC ? M_DOC
            : x->kind == DG_K_SERIES ? M_SERIESREF : x->kind == DG_K_BODY ? M_BODY
            : x->kind == DG_K_ORG ? M_ORG : x->kind == DG_K_COUNTRY ? M_COUNTRY : M_BODY;
    if (x->kind == DG_K_TERM) goto none;
    if (!x->acr_only) {
      add_acronym(c, e, tok_str(c, tok(c, s, tb)));
    }
    mention *m = push_mention(c, s, tb, te, k, e, name);
    if (k == M_SERIESREF || (k == M_BODY && body_like_series(x->names.n ? x->names.v[0] : ""))) m->series = e;
    goto done;
  }
  if (!has_head && !g && te - tb == 1 && unknown_acronym(c, s, tb)) {
    /* "the MDRP": an acronym this document uses but does not define; the
     * graph resolves it to what another document of the run defines */
    char key[96];
    snprintf(key, sizeof key, "acronym %s", name);
    e = dg_result_entity(c->r, DG_K_BODY, key, NULL);
    c->r->ents[e].acr_only = 1;
    add_acronym(c, e, name);
    push_mention(c, s, tb, te, M_BODY, e, name);
    goto done;
  }
  if (!has_head && !g && list_item) {
    /* an item of "initiatives and programmes such as A, B, and C" */
    const char *key = resolve_key(c, name);
    e = dg_result_entity(c->r, DG_K_PROGRAMME, key, name);
    c->r->ents[e].classes |= DG_C_PROGRAMME;
    push_mention(c, s, tb, te, M_PROG, e, name);
    goto done;
  }
  if (!has_head) {
    gazetteer_scan(c, s, tb, te);
    goto none;
  }
  if (te - tb == 1 && !ev_head) goto none; /* "Division", "Committee": no name */
  if (ord && is_word(c, s, h.hb, "Forum") && h.he == h.hb + 1) {
    /* "the 3rd Canada-Viet Nam Ministerial Forum": a numbered session of a forum */
    push_body_meeting(c, s, tb, te, name, ord);
    goto done;
  }
  if (is_lit(h.cls, "venue")) goto none;   /* "Harbour Conference Centre": a building */
  if (ev_head) {
    unsigned ec = event_class(h.cls);
    int plural = tok(c, s, h.he - 1)->e - tok(c, s, h.he - 1)->b > 1 &&
                 c->t->shadow[tok(c, s, h.he - 1)->e - 1] == 's' && h.comp == te &&
                 !is_word(c, s, h.he - 1, "Talks") && !is_word(c, s, h.he - 1, "Consultations");
    /* a bare head ("the Dialogue", "Policy Meeting") refers to the
     * document's own event, or with an ordinal to one of its series */
    const char *dummy;
    int nwords = te - tb;
    char *words[4];
    int anaphor = 0;
    /* the whole name an entry: its first word is one (one word) or starts one */
    int ab = c->lbits[L_ANAPHOR_HEAD];
    const dg_tok *k0 = tok(c, s, tb);
    if (nwords <= 3 && (ab < 0 || (((nwords == 1 ? k0->lists : k0->multi) >> ab) & 1))) {
      for (int i = 0; i < nwords; i++) words[i] = tok_str(c, tok(c, s, tb + i));
      anaphor = dg_lexicon_match(c->lx, "anaphor_head", words, nwords, &dummy) == nwords;
    }
    const char *key = NULL;
    if (anaphor) {
      key = resolve_key(c, name);
      if (memo_num(&c->alias, key, strlen(key)) >= 0) anaphor = 0; /* a defined short name */
    }
    if (anaphor && !partner_prefix(c, name)) {
      mention *m = push_mention(c, s, tb, te, M_ANAPHOR, -1, name);
      m->ord = ord, m->evclass = ec;
      goto done;
    }
    if (ord && h.hb == tb && h.comp < te && is_word(c, s, h.comp, "of")) {
      int b = h.comp + 1;
      if (is_word(c, s, b, "the")) b++;
      if (b < te) {
        char *xn = render(c, s, b, te);
        int series = series_entity(c, xn);
        dg_entity *sx = &c->r->ents[series];
        if (sx->kind == DG_K_BODY || find_head(c, s, b, te, &h) ) sx->classes |= DG_C_BODY;
        mention *bm = push_mention(c, s, b, te, M_BODY, series, xn);
        bm->series = series;
        push_event(c, s, tb, te, xn, series, ord, ec);
        goto done;
      }
    }
    int year = trailing_year(c, s, tb, te);
    char *sname = year ? render(c, s, tb, te - 1) : keep(c, name);
    if (plural && sname[0] && sname[strlen(sname) - 1] == 's') {
      /* "the ... Policy Meetings held since 2009": the series is singular */
      series_entity(c, sname);
      sname[strlen(sname) - 1] = '\0';
    }
    sname = with_title_partners(c, s, tb, sname);
    int series = series_entity(c, sname);
    mention *m = push_mention(c, s, tb, te, ord ? M_EVENT : M_SERIESREF, -1, name);
    m->series = series, m->ord = ord, m->evclass = ec, m->plural = plural, m->year = year;
    if (ord) m->ent = event_entity(c, series, ord, ec);
    else if (year) m->ent = dated_event(c, series, year, ec), m->kind = M_EVENT;
    goto done;
  }
  if (starts_lit(h.cls, "doc:")) {
    const char *key = resolve_key(c, name);
    e = dg_result_entity(c->r, DG_K_DOC, key, name);
    c->r->ents[e].classes |= DG_C_DOCUMENT | doc_class(h.cls);
    push_mention(c, s, tb, te, M_DOC, e, name);
    /* "Report of the UN Group of Governmental Experts ...": the body too */
    if (h.comp < te && (is_word(c, s, h.comp, "of")) && h.comp + 1 < te) {
      int b = h.comp + 1;
      while (b < te && (tok(c, s, b)->flags & TK_CONN)) b++;
      head h2;
      if (b < te && find_head(c, s, b, te, &h2) && !strcmp(h2.cls, "body")) classify(c, s, b, te, 0);
    }
    goto done;
  }
  {
    int body = is_lit(h.cls, "body");
    if (!body) {
      /* a "Centre" of a government is an agency, not a programme */
      int centre = is_word(c, s, h.hb, "Centre") || is_word(c, s, h.hb, "Center");
      for (int i = tb; i < h.hb && centre; i++)
        if (in_list(c, s, i, L_AGENCY_MARKER)) body = 1;
    }
    const char *key = resolve_key(c, name);
    e = dg_result_entity(c->r, body ? DG_K_BODY : DG_K_PROGRAMME, key, name);
    c->r->ents[e].classes |= body ? DG_C_BODY : DG_C_PROGRAMME;
    push_mention(c, s, tb, te, body ? M_BODY : M_PROG, e, name);
  }
done:
  return ok;
none:
  return 0;
}

static int gaz_name(ctx *c, int s, int tb, int te) { return span_gaz(c, s, tb, te) != NULL; }

/* Is [tb, te) a complete name on its own (a head, or a gazetteer entry)? */
static int complete_name(ctx *c, int s, int tb, int te) {
  if (tb >= te) return 0;
  head h;
  if (find_head(c, s, tb, te, &h)) return 1;
  return gaz_name(c, s, tb, te);
}

/* "U.S.-led", "EU-funded": a hyphenated word whose last part is in the
 * nonname list with its hyphen ("-led") qualifies the name after it. */
static int qualifier_word(ctx *c, const dg_tok *k) {
  if (!(k->flags & TK_HYPHEN)) return 0;
  const char *w = c->t->shadow + k->b, *h = NULL;
  size_t n = k->e - k->b;
  for (size_t i = 1; i + 1 < n; i++)
    if (w[i] == '-') h = w + i;
  return h && dg_lexicon_getn(c->lx, "nonname", h, (size_t)(w + n - h)) != NULL;
}

static int scan_leading(ctx *c, int s, int tb, int te) {
  /* "Kenya's National Computer ... Committee", "the World Bank's ... Trust Fund": the country
   * or organisation is not part of the name */
  for (int q = tb + 1; q < tb + 3 && q + 1 < te; q++)
    if ((tok(c, s, q)->flags & TK_POSS) && (tok(c, s, q + 1)->flags & TK_CAP)) {
      const dg_gaz *g = span_gaz(c, s, tb, q + 1); /* render drops the possessive ending */
      head h;
      if (g && (g->kind == DG_K_COUNTRY || g->kind == DG_K_ORG) && find_head(c, s, q + 1, te, &h)) tb = q + 1;
      break;
    }
  if (tb + 1 < te && (tok(c, s, tb)->flags & TK_POSS) && (tok(c, s, tb + 1)->flags & TK_CAP)) {
    const dg_tok *k = tok(c, s, tb);
    size_t n = k->e - k->b;
    char *w = keepn(c, c->t->shadow + k->b, n > 2 ? n - 2 : n);
    if (n > 3 && (unsigned char)w[n - 3] == 0xE2) w[n - 4] = '\0'; /* curly apostrophe */
    const dg_gaz *g = dg_lexicon_gazetteer(c->lx, w);
    head h;
    if (g && (g->kind == DG_K_COUNTRY || g->kind == DG_K_ORG) && find_head(c, s, tb + 1, te, &h)) tb++;
  }
  while (tb < te) {
    const dg_tok *k = tok(c, s, tb);
    if (tb + 1 < te && (tok(c, s, tb + 1)->flags & TK_CAP) && qualifier_word(c, k)) {
      tb++;
      continue;
    }
    if ((k->flags & TK_CONN) || (sent_may_have(c, s, L_NONNAME) && in_list(c, s, tb, L_NONNAME)) ||
        (k->flags & TK_PUNCT)) {
      /* keep "The Hague"-like gazetteer names, whose "The" is part of the
       * name ("The AMCC" is the AMCC) */
      const dg_gaz *g = (k->flags & TK_CONN) ? NULL : span_gaz(c, s, tb, te);
      if (g && !strncasecmp(g->canonical, "The ", 4)) break;
      tb++;
      continue;
    }
    break;
  }
  return tb;
}

/* The name [tb, te) without what scan_leading drops. A chunk is stripped
 * by handle_name and again by names_of_sentence (for its acronyms):
 * memoised per sentence for spans under GM_SPAN tokens. */
DG_INLINE int strip_leading(ctx *c, int s, int tb, int te) {
  int len = te - tb;
  if (len <= 0 || len >= GM_SPAN) return scan_leading(c, s, tb, te);
  size_t k = span_slot(c, s, tb, te);
  if (!(c->gm_known[k] & GM_STRIP)) {
    c->gm_strip[k] = (unsigned char)(scan_leading(c, s, tb, te) - tb);
    c->gm_known[k] |= GM_STRIP;
  }
  return tb + c->gm_strip[k];
}

static int strip_trailing(ctx *c, int s, int tb, int te) {
  while (te > tb && (tok(c, s, te - 1)->flags & (TK_CONN | TK_PUNCT)) && !is_punct(c, s, te - 1, ')')) te--;
  return te;
}

/* Splits and classifies one chunk (see the rule list at the top). */
static void handle_name(ctx *c, int s, int tb, int te, int ord) {
  tb = strip_leading(c, s, tb, te);
  te = strip_trailing(c, s, tb, te);
  if (tb >= te) return;
  /* an ordinal word inside: "Statement on the Second ASEAN-U.S. Cyber Policy Dialogue" */
  for (int i = tb; i < te; i++) {
    const dg_tok *k = tok(c, s, i);
    if (!(k->flags & TK_ORD)) continue;
    head h;
    int acr_series = -1;
    int ev = i + 1 < te && find_head(c, s, i + 1, te, &h) && starts_lit(h.cls, "event:");
    if (!ev && te == i + 2 && single_token_acronym(c, s, i + 1, te, &acr_series) &&
        (c->r->ents[acr_series].classes & DG_C_SERIES))
      ev = 1; /* "the First AIMMC" */
    if (ev) {
      head hd;
      /* "Joint Statement of the First AIMMC": the document keeps its full name */
      if (i > tb && find_head(c, s, tb, i, &hd) && starts_lit(hd.cls, "doc:") && hd.comp < i) {
        doc_mention(c, s, tb, te, render(c, s, tb, te), doc_class(hd.cls));
      } else if (i > tb) {
        handle_name(c, s, tb, i, 0);
      }
      if (acr_series >= 0) {
        int e = event_entity(c, acr_series, k->ordinal, DG_C_MEETING);
        mention *m = push_mention(c, s, i + 1, te, M_EVENT, e, c->r->ents[acr_series].names.n ? c->r->ents[acr_series].names.v[0] : "");
        m->series = acr_series, m->ord = k->ordinal, m->evclass = DG_C_MEETING;
        for (size_t q = 0; q < c->r->nents; q++)
          if ((int)q != e && c->r->ents[q].kind == DG_K_EVENT && c->r->ents[q].series == acr_series) {
            c->r->ents[e].classes |= c->r->ents[q].classes & (DG_C_DIALOGUE | DG_C_SUMMIT | DG_C_MEETING | DG_C_CONFERENCE);
            m->evclass = c->r->ents[q].classes & (DG_C_DIALOGUE | DG_C_SUMMIT | DG_C_MEETING | DG_C_CONFERENCE);
            if (m->evclass != DG_C_MEETING) c->r->ents[e].classes &= ~(unsigned)DG_C_MEETING | m->evclass;
            break;
          }
      } else {
        handle_name(c, s, i + 1, te, k->ordinal);
      }
      return;
    }
  }
  /* "A and B", "A and the B" where both are names (and the whole is not) */
  int whole_known = 0; /* is the whole a gazetteer name (asked at the first "and") */
  for (int i = tb + 1; i < te - 1; i++) {
    if (!is_word(c, s, i, "and") && !is_word(c, s, i, "&")) continue;
    if (!whole_known++ && span_gaz(c, s, tb, te)) break;
    int r = i + 1;
    if (is_word(c, s, r, "of") && is_word(c, s, r + 1, "the")) r++; /* "A and of the B" */
    if (is_word(c, s, r, "the")) r++;
    /* the right part may be a name that only its acronym defines:
     * "the X Council and of the Asia-Pacific Telecommunity (APT)" */
    int plain = 1; /* no connector inside: "Asia-Pacific Telecommunity" */
    for (int q = r; q < te; q++)
      if (tok(c, s, q)->flags & TK_CONN) plain = 0;
    int right = complete_name(c, s, r, te) ||
                (plain && te - r >= 2 && dg_mention_acronym_paren(c->t, &c->t->sents[s], te) > 0);
    head hl;
    if (find_head(c, s, tb, i, &hl) && hl.comp < i && r == i + 1 && !(tok(c, s, r)->flags & TK_POSS) &&
        !gaz_name(c, s, r, te))
      continue; /* "Digital and Green Partnership"; but "... and India's Policy" splits */
    /* "the X Strategy for the Digital Decade and India's National Policy 2013" */
    if (!right && (tok(c, s, r)->flags & TK_POSS) && complete_name(c, s, tb, i)) {
      handle_name(c, s, tb, i, ord);
      handle_name(c, s, r, te, 0);
      return;
    }
    if (complete_name(c, s, tb, i) && right && (te - r >= 2 || gaz_name(c, s, r, te))) {
      handle_name(c, s, tb, i, ord);
      handle_name(c, s, r, te, 0);
      return;
    }
  }
  head h;
  if (!find_head(c, s, tb, te, &h)) {
    /* "X for the Y Meeting": only the right part is a name */
    for (int i = tb + 1; i < te - 1; i++) {
      if (!is_word(c, s, i, "the") || !(tok(c, s, i - 1)->flags & TK_CONN)) continue;
      if (complete_name(c, s, i + 1, te)) {
        handle_name(c, s, tb, i - 1, 0);
        handle_name(c, s, i + 1, te, 0);
        return;
      }
    }
  }
  classify(c, s, tb, te, ord);
}

/* "(ABBR)" groups inside a name: "ASEAN Regional Forum (ARF) Ministerial
 * Meeting" defines ARF for the name before the group; "ASEAN ... Master Plan
 * (AIM) 2020" for the whole name. */
static void inner_acronyms(ctx *c, int s, int tb, int te, int before) {
  dg_sentinfo *si = &c->t->sents[s];
  for (int p = tb + 1; p < te; p++) {
    int close = dg_mention_acronym_paren(c->t, si, p);
    if (close < 0 || close >= te) continue;
    char *a = render(c, s, p + 1, close);
    int ls = long_form_start(c, s, tb, p, a);
    int only_numbers = 1;
    for (int i = close + 1; i < te; i++)
      if (!(tok(c, s, i)->flags & (TK_NUM | TK_PUNCT))) only_numbers = 0;
    if (ls == tb && only_numbers) {
      if (c->nm > before && c->m[c->nm - 1].ent >= 0 && c->m[c->nm - 1].kind != M_EVENT)
        add_acronym(c, c->m[before].ent, a);
    } else {
      if (c->nm > before) {
        mention *mm = &c->m[before];
        int target = mm->series >= 0 ? mm->series : mm->ent;
        /* only for the name the group sits in, not a coordinated one before it */
        if (!(mm->tb <= ls && p < mm->te)) target = -1;
        if (target >= 0 && (mm->kind == M_EVENT || mm->kind == M_SERIESREF || mm->kind == M_BODY || mm->kind == M_DOC || mm->kind == M_PROG)) {
          char *pre = render(c, s, mm->tb, ls), *post = render(c, s, close + 1, mm->te);
          dg_buf v;
          dg_buf_init(&v);
          dg_buf_adds(&v, pre);
          if (*pre) dg_buf_addc(&v, ' ');
          dg_buf_adds(&v, a);
          if (*post && *post != '-') dg_buf_addc(&v, ' ');
          dg_buf_adds(&v, post);
          /* the series of a numbered event is named without the year/ordinal */
          if (mm->kind == M_EVENT && mm->year) {
            char *sp = strrchr(v.data, ' ');
            if (sp) *sp = '\0';
          }
          dg_result_name(c->r, target, v.data);
          dg_buf_free(&v);
        }
      }
      int b2 = c->nm;
      handle_name(c, s, ls, p, 0);
      if (c->nm > b2 && c->m[c->nm - 1].ent >= 0 && c->m[c->nm - 1].kind != M_EVENT)
        add_acronym(c, c->m[c->nm - 1].ent, a);
    }
    p = close;
  }
}

/* Documents named with lower-case words: "UNGA resolution 71/28",
 * "the 2021 consensus reports of the A and the B". */
static int slash_number(ctx *c, int s, int i) {
  if (i >= ntok(c, s) || !(tok(c, s, i)->flags & TK_NUM)) return 0;
  const dg_tok *k = tok(c, s, i);
  return memchr(c->t->shadow + k->b, '/', k->e - k->b) != NULL;
}

/* name: borrowed, like push_mention's. */
static void doc_mention(ctx *c, int s, int tb, int te, const char *name, unsigned cls) {
  const char *key = resolve_key(c, name);
  int e = dg_result_entity(c->r, DG_K_DOC, key, name);
  c->r->ents[e].classes |= DG_C_DOCUMENT | cls;
  push_mention(c, s, tb, te, M_DOC, e, name);
}

static int split_names(ctx *c, int s, int tb, int te, int *bs, int *es, int max) {
  for (int i = tb + 1; i < te - 1; i++) {
    if (!is_word(c, s, i, "and")) continue;
    int r = i + 1;
    if (is_word(c, s, r, "the")) r++;
    if (complete_name(c, s, tb, i) && complete_name(c, s, r, te) && max > 1) {
      bs[0] = tb, es[0] = i;
      return 1 + split_names(c, s, r, te, bs + 1, es + 1, max - 1);
    }
  }
  bs[0] = tb, es[0] = te;
  return 1;
}

/* Could a token of n bytes be one of the words in w (literals)? A length
 * test before the word tests: most tokens have none of these lengths. */
#define LEN_IS(n, w) ((n) == sizeof(w) - 1)
/* The bit of a word's length in a length mask (lengths 1..63). */
#define LEN_BIT(w) (1ULL << (sizeof(w) - 1))
/* Is n (a token's length) one of the lengths in mask? One test for a
 * whole list of words, before any word test. */
#define LEN_IN(n, mask) ((n) < 64 && (((mask) >> (n)) & 1))

/* May token k be one lowercase_docs acts on: a lower-case word of the
 * length of "resolution(s)" or "report(s)", starting with r (any case:
 * dg_tok_is ignores it)? */
DG_INLINE int doc_cue(const ctx *c, const dg_tok *k) {
  const uint64_t lens = LEN_BIT("resolution") | LEN_BIT("resolutions") | LEN_BIT("report") | LEN_BIT("reports");
  return (k->flags & (TK_CAP | TK_WORD)) == TK_WORD && LEN_IN(k->e - k->b, lens) &&
         (c->t->shadow[k->b] | 0x20) == 'r';
}

/* cand: the tokens of sentence s doc_cue accepts, in order (cue_scan). */
static void lowercase_docs(ctx *c, int s, const int *cand, int ncand) {
  dg_sentinfo *si = &c->t->sents[s];
  for (int ci = 0; ci < ncand; ci++) {
    int i = cand[ci];
    const dg_tok *k = tok(c, s, i);
    if ((dg_tok_is(c->t, k, "resolution") || dg_tok_is(c->t, k, "resolutions")) && slash_number(c, s, i + 1)) {
      int cb = i;
      for (int q = 0; q < si->nchunks; q++) {
        dg_chunk *ch = &si->chunks[q];
        if (ch->te == i || (ch->acr_e >= 0 && ch->acr_e + 1 == i)) cb = strip_leading(c, s, ch->tb, ch->te);
      }
      dg_buf b;
      dg_buf_init(&b);
      if (cb < i) {
        char *pre = render(c, s, cb, i);
        dg_buf_adds(&b, pre);
        dg_buf_addc(&b, ' ');
      }
      const dg_tok *num = tok(c, s, i + 1);
      dg_buf_adds(&b, "resolution ");
      dg_buf_add(&b, c->t->shadow + num->b, num->e - num->b);
      doc_mention(c, s, cb, i + 2, keep(c, b.data), DG_C_RESOLUTION);
      /* "resolutions 75/240 and 76/19": the same body's other resolutions */
      size_t stem = b.len - (tok(c, s, i + 1)->e - tok(c, s, i + 1)->b);
      for (int q = i + 2; q + 1 < si->ntoks && (is_word(c, s, q, "and") || is_punct(c, s, q, ',')) &&
                          slash_number(c, s, q + 1); q += 2) {
        b.len = stem;
        const dg_tok *more = tok(c, s, q + 1);
        dg_buf_add(&b, c->t->shadow + more->b, more->e - more->b);
        doc_mention(c, s, q + 1, q + 2, keep(c, b.data), DG_C_RESOLUTION);
      }
      dg_buf_free(&b);
      continue;
    }
    if (!(dg_tok_is(c->t, k, "report") || dg_tok_is(c->t, k, "reports"))) continue;
    int y = -1;
    for (int j = i - 1; j >= 0 && j >= i - 3; j--) {
      if (tok(c, s, j)->flags & TK_YEAR) {
        y = j;
        break;
      }
      if (tok(c, s, j)->flags & (TK_CAP | TK_PUNCT)) break;
    }
    /* "the final report of the X", "the first annual progress report of the X" */
    if (y < 0 && i > 0 && in_list(c, s, i - 1, L_REPORT_ADJ)) {
      y = i - 1;
      while (y > 0 && in_list(c, s, y - 1, L_REPORT_ADJ)) y--;
    }
    if (y < 0 || !is_word(c, s, i + 1, "of")) continue;
    int nb = i + 2;
    if (is_word(c, s, nb, "the")) nb++;
    for (int q = 0; q < si->nchunks; q++) {
      dg_chunk *ch = &si->chunks[q];
      if (ch->tb != nb) continue;
      int bs[8], es[8];
      int n = split_names(c, s, ch->tb, ch->te, bs, es, 8);
      char *pre = render(c, s, y, i);
      for (int p = 0; p < n; p++) {
        char *body = render(c, s, bs[p], es[p]);
        dg_buf b;
        dg_buf_init(&b);
        dg_buf_adds(&b, pre);
        dg_buf_adds(&b, " report of the ");
        dg_buf_adds(&b, body);
        doc_mention(c, s, y, es[p], keep(c, b.data), DG_C_REPORT);
        dg_buf_free(&b);
      }
      break;
    }
  }
}

static int cmp_mention(const void *a, const void *b) {
  const mention *x = a, *y = b;
  if (x->tb != y->tb) return x->tb < y->tb ? -1 : 1;
  return x->te < y->te ? -1 : x->te > y->te;
}

/* Mentions of a sentence by position, equal positions kept in the order
 * they were found (a stable sort, as glibc's qsort merge sort is): an
 * insertion sort, as they arrive nearly sorted (names in order, then the
 * lower-case documents and anaphors) and a sentence has a few. */
static void sort_mentions(mention *m, int n) {
  for (int i = 1; i < n; i++) {
    if (cmp_mention(&m[i - 1], &m[i]) <= 0) continue;
    mention x = m[i];
    int j = i;
    while (j > 0 && cmp_mention(&m[j - 1], &x) > 0) m[j] = m[j - 1], j--;
    m[j] = x;
  }
}

/* Chunks of a sentence, with comma-split names put back together:
 * "Ministry of Economy, Trade and Industry". */
/* "programmes such as A, B, and C" / "projects including A and B": the
 * token range of the list, which ends at the first word that is not part
 * of a name, a comma, "and", "the" or an acronym group. */
static void find_list(ctx *c, int s) {
  dg_sentinfo *si = &c->t->sents[s];
  c->list_from = c->list_to = -1;
  if (!sent_may_have(c, s, L_LIST_NOUN)) return;
  for (int i = 0; i < si->ntoks; i++) {
    if (!in_list(c, s, i, L_LIST_NOUN)) continue;
    int j = i + 1;
    if (is_word(c, s, j, "such") && is_word(c, s, j + 1, "as")) j += 2;
    else if (is_word(c, s, j, "including")) j += 1;
    else if (is_punct(c, s, j, ':')) j += 1;
    else continue;
    if (is_punct(c, s, j, ':')) j++;
    c->list_from = j;
    int depth = 0;
    for (; j < si->ntoks; j++) {
      const dg_tok *k = tok(c, s, j);
      if (is_punct(c, s, j, '(')) depth++;
      else if (is_punct(c, s, j, ')')) depth--;
      else if (depth || (k->flags & (TK_CAP | TK_NUM | TK_CONN)) || is_punct(c, s, j, ',') ||
               is_word(c, s, j, "and") || (k->flags & TK_PUNCT && k->e - k->b == 3))
        continue;
      else break;
    }
    c->list_to = j;
    return;
  }
}

/* "the sixth dialogue", "the next round of the dialogue": lower-case
 * references to an event of the document's series. */
/* Mentions of sentence s are c->m[first .. c->nm): sentences are named in order. */
/* May token k be one lowercase_anaphors acts on: an ordinal, or a word of
 * the length of "next", "upcoming", "previous", "last" or "preceding"
 * starting with n, u, p or l in any case (punctuation is neither)? */
DG_INLINE int anaphor_cue(const ctx *c, const dg_tok *k) {
  const uint64_t lens = LEN_BIT("next") | LEN_BIT("upcoming") | LEN_BIT("previous") | LEN_BIT("last") |
                        LEN_BIT("preceding");
  if (!(k->flags & TK_WORD)) return 0;
  if (k->flags & TK_ORD) return 1;
  char f = (char)(c->t->shadow[k->b] | 0x20);
  return LEN_IN(k->e - k->b, lens) && (f == 'n' || f == 'u' || f == 'p' || f == 'l');
}

/* Are tokens b .. e - 1 of sentence s "round of", "round of the",
 * "session of" or "session of the"? */
static int round_of(ctx *c, int s, int b, int e) {
  if (!(is_word(c, s, b, "round") || is_word(c, s, b, "session")) || !is_word(c, s, b + 1, "of")) return 0;
  return e == b + 2 || (e == b + 3 && is_word(c, s, b + 2, "the"));
}

/* A series reference numbered by an ordinal written apart from it (token
 * ob) becomes the numbered event, and starts at the ordinal: "held the
 * third round of the X" is held_before it like "held the third X". */
static void number_series_ref(ctx *c, mention *m, int ord, int ob) {
  m->kind = M_EVENT;
  m->tb = ob;
  m->ord = ord;
  m->ent = event_entity(c, m->series, ord, m->evclass);
}

/* "the inaugural meeting of the Digital Partnership Council": ordinal i,
 * "meeting" j, "of (the)" and a body named right there (a mention of
 * sentence s from first) make a numbered meeting of that body, as "the
 * First Meeting of the ..." does. Returns whether it did. */
static int meeting_of_body(ctx *c, int s, int first, int i, int j) {
  if (!is_word(c, s, j + 1, "of")) return 0;
  int b = j + 2 + is_word(c, s, j + 2, "the");
  int be = -1;
  for (int q = first; q < c->nm; q++)
    if (c->m[q].sent == s && c->m[q].tb == b && c->m[q].kind == M_BODY) be = c->m[q].te;
  if (be < 0) return 0;
  push_body_meeting(c, s, i + 1, be, render(c, s, b, be), tok(c, s, i)->ordinal);
  return 1;
}

/* cand: the tokens i + 1 < ntoks of sentence s anaphor_cue accepts, in order (cue_scan). */
static void lowercase_anaphors(ctx *c, int s, int first, const int *cand, int ncand) {
  dg_sentinfo *si = &c->t->sents[s];
  for (int ci = 0; ci < ncand; ci++) {
    int i = cand[ci];
    const dg_tok *k = tok(c, s, i);
    int next = is_word(c, s, i, "next") || is_word(c, s, i, "upcoming");
    int prev = is_word(c, s, i, "previous") || is_word(c, s, i, "last") || is_word(c, s, i, "preceding");
    if (prev && i > 0 && !is_word(c, s, i - 1, "the")) prev = 0; /* "at last", "last year" */
    if (prev && is_word(c, s, i + 1, "year")) prev = 0;
    if (!(k->flags & TK_ORD) && !next && !prev) continue;
    if (prev) next = 2; /* scan like "next"; told apart below */
    for (int j = i + 1; j < si->ntoks && j <= i + 5; j++) {
      const dg_tok *x = tok(c, s, j);
      int covered = 0;
      for (int q = first; q < c->nm; q++)
        if (c->m[q].sent == s && c->m[q].tb <= j && j < c->m[q].te) {
          covered = 1;
          /* "the next round of the Dialogue", "the third round of the Dialogue" */
          if (next == 1 && c->m[q].kind == M_ANAPHOR) c->m[q].next = 1;
          if (next == 2 && c->m[q].kind == M_ANAPHOR) c->m[q].prev = 1;
          if (!next && c->m[q].kind == M_ANAPHOR && !c->m[q].ord) c->m[q].ord = k->ordinal;
          /* "the sixth round of the India-Japan Cyber Dialogue": the ordinal
           * numbers the series named right after "round of (the)" */
          if (!next && c->m[q].kind == M_SERIESREF && c->m[q].tb == j && !c->m[q].plural &&
              round_of(c, s, i + 1, j))
            number_series_ref(c, &c->m[q], k->ordinal, i);
        }
      if (covered) break;
      if ((x->flags & TK_CAP) || !in_list(c, s, j, L_ANAPHOR_WORD)) {
        int filler = is_word(c, s, j, "of") || is_word(c, s, j, "the");
        if ((x->flags & TK_CAP) || (!next && j > i + 2 && !filler)) break;
        continue;
      }
      if (is_word(c, s, j, "meeting") && !next && !(k->flags & TK_ORD)) break;
      const char *v = dg_lexicon_getn(c->lx, "anaphor_word", c->t->shadow + x->b, x->e - x->b);
      unsigned ec = is_lit(v, "Dialogue") ? DG_C_DIALOGUE : is_lit(v, "Summit") ? DG_C_SUMMIT
                  : is_lit(v, "Conference") ? DG_C_CONFERENCE : DG_C_MEETING;
      if (round_of(c, s, j, j + 2)) continue; /* "the next round of the dialogue": the event word comes later */
      if (!next && j == i + 1 && ec == DG_C_MEETING && meeting_of_body(c, s, first, i, j)) break;
      char *nm = render(c, s, next ? j : i + 1, j + 1);
      mention *m = push_mention(c, s, next ? j : i + 1, j + 1, M_ANAPHOR, -1, nm);
      m->ord = next ? 0 : k->ordinal, m->evclass = ec, m->next = next == 1, m->prev = next == 2;
      break;
    }
  }
}

static void names_of_sentence(ctx *c, int s) {
  dg_sentinfo *si = &c->t->sents[s];
  find_list(c, s);
  for (int i = 0; i < si->nchunks; i++) {
    dg_chunk *ch = &si->chunks[i];
    int te = ch->te, last = i;
    head h;
    /* (the loop below stops at once unless the next chunk follows a comma
     * or "and": only then ask for the head) */
    int joinable = 0;
    if (i + 1 < si->nchunks) {
      dg_chunk *n = &si->chunks[i + 1];
      int gap = n->tb - ch->te, comma = is_punct(c, s, ch->te, ','), and = is_word(c, s, n->tb - 1, "and");
      joinable = (gap == 1 && comma) || (gap == 2 && comma && and) || (gap == 1 && and);
    }
    if (joinable && find_head(c, s, ch->tb, ch->te, &h) && h.comp < ch->te) {
      for (int j = i + 1; j < si->nchunks; j++) {
        dg_chunk *n = &si->chunks[j];
        int gap = n->tb - si->chunks[j - 1].te;
        int comma = is_punct(c, s, si->chunks[j - 1].te, ',');
        int and = is_word(c, s, n->tb - 1, "and");
        if (!(gap == 1 && comma) && !(gap == 2 && comma && and) && !(gap == 1 && and)) break;
        head h2;
        if (complete_name(c, s, n->tb, n->te) || find_head(c, s, n->tb, n->te, &h2) || in_list(c, s, n->tb, L_NONNAME)) break;
        int has_and = and;
        for (int k = n->tb; k < n->te; k++) has_and |= is_word(c, s, k, "and");
        if (has_and) {
          last = j, te = n->te;
          break;
        }
      }
    }
    /* "the Foreign, Commonwealth and Development Office": a one-word chunk,
     * a comma, and a headed name with "and" in it are one name */
    int start = ch->tb;
    if (i + 1 < si->nchunks && last == i && ch->te - ch->tb == 1 && !(tok(c, s, ch->tb)->flags & TK_ALLCAP) &&
        si->chunks[i + 1].tb == ch->te + 1 && is_punct(c, s, ch->te, ',') && !gaz_name(c, s, ch->tb, ch->te) &&
        !in_list(c, s, ch->tb, L_NONNAME)) {
      dg_chunk *n = &si->chunks[i + 1];
      head hn;
      int has_and = 0;
      for (int q = n->tb; q < n->te; q++) has_and |= is_word(c, s, q, "and") || is_word(c, s, q, "&");
      if (has_and && find_head(c, s, n->tb, n->te, &hn) && hn.comp == n->te) {
        last = i + 1;
        te = n->te;
        ch = &si->chunks[i];
      }
    }
    (void)start;
    int ord = 0;
    if (ch->tb > 0 && (tok(c, s, ch->tb - 1)->flags & TK_ORD)) ord = tok(c, s, ch->tb - 1)->ordinal;
    if (!ord && ch->tb > 1 && is_word(c, s, ch->tb - 1, "ever") && (tok(c, s, ch->tb - 2)->flags & TK_ORD))
      ord = tok(c, s, ch->tb - 2)->ordinal; /* "the first ever Korea-Netherlands ... Dialogue" */
    int before = c->nm;
    int after = si->chunks[last].acr_e >= 0 ? si->chunks[last].acr_e + 1 : te;
    head hh;
    if (in_list(c, s, after, L_LOWERCASE_HEAD) && !(tok(c, s, after)->flags & TK_CAP) &&
        !find_head(c, s, ch->tb, te, &hh)) {
      /* "the EU CyberNet project", "the ... (ESIWA) project" */
      int stb0 = strip_leading(c, s, ch->tb, te);
      char *base = render(c, s, stb0, te), *w = tok_str(c, tok(c, s, after));
      dg_buf b;
      dg_buf_init(&b);
      dg_buf_adds(&b, base);
      dg_buf_addc(&b, ' ');
      dg_buf_adds(&b, w);
      const char *key = resolve_key(c, base);
      int e = dg_result_entity(c->r, DG_K_PROGRAMME, key, b.data);
      dg_result_name(c->r, e, base);
      c->r->ents[e].classes |= DG_C_PROGRAMME;
      push_mention(c, s, stb0, te, M_PROG, e, keep(c, b.data));
      dg_buf_free(&b);
    } else {
      handle_name(c, s, ch->tb, te, ord);
    }
    /* "Head of the X Agency", "Deputy Director-General of Y Bureau": the
     * body is someone's affiliation, not something the statement names */
    for (int q = ch->tb; q + 1 < te && sent_may_have(c, s, L_POST); q++)
      if (in_list(c, s, q, L_POST) && (is_word(c, s, q + 1, "of") || is_word(c, s, q + 1, "for"))) {
        for (int r = before; r < c->nm; r++)
          if (c->m[r].te > q) c->m[r].post = 1;
        break;
      }
    /* "(ABBR)" after the name: the last mention found in it owns the acronym */
    dg_chunk *end = &si->chunks[last];
    int stb = strip_leading(c, s, ch->tb, te);
    int main_m = c->nm - 1;
    inner_acronyms(c, s, stb, te, before);
    const dg_gaz *ga = NULL;
    if (end->acr_b >= 0) {
      char *a0 = render(c, s, end->acr_b, end->acr_e);
      ga = dg_lexicon_gazetteer(c->lx, a0);
      if (ga && dg_strvec_find(&ga->acronyms, a0) < 0) ga = NULL;
      int stb0 = strip_leading(c, s, ch->tb, te), initials = 0;
      long_form_match(c, s, stb0, te, a0, &initials);
      if (ga && !initials && c->nm > before && c->m[main_m].ent >= 0 && c->m[main_m].kind != M_EVENT &&
          c->m[main_m].kind != M_SERIESREF && c->m[main_m].series < 0 &&
          long_form(c, s, stb0, te, a0) == stb0 && strcmp(c->r->ents[c->m[main_m].ent].key, ga->key)) {
        /* "National center of Incident readiness and Strategy for Cybersecurity (NISC)":
         * the text cut the long form, the gazetteer knows what NISC is */
        int e = gaz_entity(c, ga, ga->canonical);
        add_acronym(c, e, a0);
        mention *gm = push_mention(c, s, end->acr_b, end->acr_e, gaz_mkind(ga), e, ga->canonical);
        gm->post = c->m[main_m].post;
        c->m[main_m].kind = M_PLACE, c->m[main_m].ent = -1; /* the fragment names nothing */
        i = last;
        continue;
      }
    }
    if (end->acr_b >= 0 && c->nm > before) {
      char *a = render(c, s, end->acr_b, end->acr_e);
      int ls = long_form(c, s, stb, te, a);
      if (ls > stb) {
        int b2 = c->nm;
        handle_name(c, s, ls, te, 0);
        if (c->nm > b2 && c->m[c->nm - 1].ent >= 0 && c->m[c->nm - 1].kind != M_EVENT)
          add_acronym(c, c->m[c->nm - 1].ent, a);
      } else {
        mention *m = &c->m[main_m];
        if (m->ent >= 0 && m->kind != M_EVENT) add_acronym(c, m->ent, a);
        else if (m->series >= 0 && m->kind != M_ANAPHOR) add_acronym(c, m->series, a);
      }
    } else if (end->acr_b >= 0 && te - stb >= 2) {
      /* "Economic Community of West African States (ECOWAS)": defined, but
       * with no head we know: a term of the document, kept with its acronym */
      char *a = render(c, s, end->acr_b, end->acr_e);
      int ls = long_form(c, s, stb, te, a);
      char *name = render(c, s, ls, te);
      const char *key = resolve_key(c, name);
      int e = dg_result_entity(c->r, DG_K_TERM, key, name);
      c->r->ents[e].classes |= DG_C_TERM;
      add_acronym(c, e, a);
      dg_result_fact(c->r, 0, DG_P_MENTIONS, e, span_of(c, s));
    }
    if (end->alias_b >= 0 && c->nm > before) {
      mention *m = &c->m[main_m];
      char *a0 = render(c, s, end->alias_b, end->alias_e);
      int pair = partner_prefix(c, a0) == strlen(a0);
      if (!pair && (m->series >= 0 || m->ent >= 0)) {
        char *a = render(c, s, end->alias_b, end->alias_e);
        const char *k = resolve_key(c, a);
        memo_set(c, &c->alias, k, m->series >= 0 ? m->series : m->ent);
        if (m->kind != M_EVENT && m->kind != M_SERIESREF) add_acronym(c, m->ent, a);
      }
    }
    i = last;
  }
}

/* The tokens lowercase_docs and lowercase_anaphors act on, found in one
 * pass over the sentence instead of one each (few tokens are either):
 * into docs and anas (ntoks entries each), their counts in *nd and *na. */
static void cue_scan(ctx *c, int s, int *docs, int *nd, int *anas, int *na) {
  /* with the lexicon's lists of the words both act on (all but ordinals),
   * a sentence with none of them and no ordinal has no candidate, and in
   * any other the tokens' masks say which are */
  int bd = c->lbits[L_DOC_CUE], ba = c->lbits[L_ANAPHOR_CUE];
  if (bd >= 0 && ba >= 0) {
    const dg_sentinfo *si = &c->t->sents[s];
    int d = 0, a = 0;
    if (((si->lists >> bd) | (si->lists >> ba)) & 1 || (si->word_flags & TK_ORD))
      for (int i = 0; i < si->ntoks; i++) {
        const dg_tok *k = &si->toks[i];
        if ((k->lists >> bd) & 1 && !(k->flags & TK_CAP)) docs[d++] = i;
        if (((k->lists >> ba) & 1 || (k->flags & TK_ORD)) && i + 1 < si->ntoks) anas[a++] = i;
      }
    *nd = d, *na = a;
    return;
  }
  /* the first letters (either case) doc_cue ('r') and anaphor_cue (but for
   * an ordinal) accept: one load turns most words away before either */
  static const unsigned char first[256] = {['r'] = 1, ['R'] = 1, ['n'] = 1, ['N'] = 1, ['u'] = 1,
                                           ['U'] = 1, ['p'] = 1, ['P'] = 1, ['l'] = 1, ['L'] = 1};
  const dg_sentinfo *si = &c->t->sents[s];
  const dg_tok *toks = si->toks;
  const char *text = c->t->shadow;
  const int nt = si->ntoks;
  int d = 0, a = 0;
  for (int i = 0; i < nt; i++) {
    const dg_tok *k = &toks[i];
    if (!(k->flags & TK_WORD)) continue;
    if (!first[(unsigned char)text[k->b]] && !(k->flags & TK_ORD)) continue;
    if (doc_cue(c, k)) docs[d++] = i;
    if (i + 1 < nt && anaphor_cue(c, k)) anas[a++] = i;
  }
  *nd = d, *na = a;
}

static void names_of_sentence_sorted(ctx *c, int s) {
  int before = c->nm;
  names_of_sentence(c, s);
  int nt = ntok(c, s), nd, na;
  int *docs = dg_arena_alloc(c->a, 2 * (size_t)nt * sizeof *docs), *anas = docs + nt;
  cue_scan(c, s, docs, &nd, anas, &na);
  lowercase_docs(c, s, docs, nd);
  lowercase_anaphors(c, s, before, anas, na);
  if (c->nm - before > 1) sort_mentions(c->m + before, c->nm - before); /* c->m may be NULL */
}

/* ---- acronym definitions (a pre-pass: keys need them) ---- */

/* Where the long form of acr starts inside [tb, te): the earliest word
 * whose initial is the acronym's first capital and from which most of its
 * capitals can be read in order. Defaults to tb. */
static int long_form_start(ctx *c, int s, int tb, int te, const char *acr) {
  int m;
  return long_form_match(c, s, tb, te, acr, &m);
}

/* Same; *matched says whether the acronym's capitals were found at all. */
static int scan_long_form(ctx *c, int s, int tb, int te, const char *acr, int *matched_out) {
  *matched_out = 0;
  char caps[32];
  int nc = 0;
  for (const char *p = acr; *p && nc < 31; p++)
    if (isupper((unsigned char)*p)) caps[nc++] = *p;
  if (nc < 2) return tb;
  for (int i = tb; i < te; i++) {
    const dg_tok *k = tok(c, s, i);
    if (!(k->flags & TK_CAP) || c->t->shadow[k->b] != caps[0]) continue;
    int p = 0, matched = 0, misses = 0;
    for (int j = i; j < te && p < nc; j++) {
      const dg_tok *x = tok(c, s, j);
      if (!(x->flags & TK_CAP)) continue;
      int q = p;
      while (q < nc && caps[q] != c->t->shadow[x->b]) q++;
      if (q == nc) {
        misses++;
        continue;
      }
      p = q + 1, matched++;
      /* further capitals inside the word: "UN", "Inter-Sessional" */
      for (uint32_t z = x->b + 1; z < x->e && p < nc; z++)
        if (c->t->shadow[z] == caps[p]) p++, matched++;
    }
    if (misses <= 1 && (p == nc || matched * 10 >= nc * 7)) {
      *matched_out = 1;
      return i;
    }
  }
  return tb;
}

/* scan_long_form, memoised per document: an acronym's long form is looked
 * for when acronyms are collected and again (three or four times) when
 * the chunk's names are handled. The question is the span and the
 * acronym's text, packed into one key. */
static int long_form_match(ctx *c, int s, int tb, int te, const char *acr, int *matched_out) {
  char small[128];
  int span[3] = {s, tb, te};
  size_t an = strlen(acr), n = sizeof span + an;
  char *q = n <= sizeof small ? small : dg_arena_alloc(c->a, n);
  memcpy(q, span, sizeof span);
  memcpy(q + sizeof span, acr, an);
  uint64_t h;
  struct memo_entry *e = memo_find(&c->lf_memo, q, n, &h);
  if (!e) {
    int matched, start = scan_long_form(c, s, tb, te, acr, &matched);
    e = memo_add(c, &c->lf_memo, q, n, h);
    e->num = (size_t)start << 1 | (size_t)(matched != 0);
  }
  *matched_out = (int)(e->num & 1);
  return (int)(e->num >> 1);
}

/* The long form of an acronym defined right after [tb, te): the whole name,
 * or a name inside it after "of the" ("Charter of the United Nations (UN)"). */
static int long_form(ctx *c, int s, int tb, int te, const char *acr) {
  int ls = long_form_start(c, s, tb, te, acr);
  for (int i = tb; i < ls; i++)
    if (tok(c, s, i)->flags & TK_CONN) return ls;
  return tb;
}

static void collect_acronyms(ctx *c) {
  for (size_t s = 0; s < c->t->nsents; s++) {
    dg_sentinfo *si = &c->t->sents[s];
    for (int i = 0; i < si->nchunks; i++) {
      dg_chunk *ch = &si->chunks[i];
      if (ch->acr_b < 0) continue;
      char *a = render(c, (int)s, ch->acr_b, ch->acr_e);
      int tb = strip_leading(c, (int)s, ch->tb, ch->te);
      tb = long_form(c, (int)s, tb, ch->te, a);
      if (tb < ch->te) {
        dg_acr_define(&c->acr, c->lx, a, render(c, (int)s, tb, ch->te));
      }
    }
  }
}

/* After the names: ACR -> entity whose name is the long form. */
static void link_acronyms(ctx *c) {
  for (size_t i = 0; i < c->r->nents; i++) {
    dg_entity *x = &c->r->ents[i];
    for (size_t j = 0; j < x->acronyms.n; j++)
      if (memo_num(&c->acr_ent, x->acronyms.v[j], strlen(x->acronyms.v[j])) < 0)
        memo_set(c, &c->acr_ent, x->acronyms.v[j], (int)i);
  }
}

/* ---- the document's own event ---- */

/* Do the n bytes at p read w (lower case) in any case? */
static int lower_is(const char *p, const char *w, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (tolower((unsigned char)p[i]) != w[i]) return 0;
  return 1;
}

/* Does one of the sentence's first two words end in "ing" (of its first
 * 31 bytes), other than "during..." and "following..."? ("Welcoming ...") */
static int stance_sentence(ctx *c, int s) {
  for (int i = 0; i < ntok(c, s) && i < 2; i++) {
    const dg_tok *k = tok(c, s, i);
    const char *w = c->t->shadow + k->b;
    size_t n = k->e - k->b < 31 ? k->e - k->b : 31;
    if (n > 3 && lower_is(w + n - 3, "ing", 3) && !lower_is(w, "dur", 3) && !(n >= 6 && lower_is(w, "follow", 6)))
      return 1;
  }
  return 0;
}

/* EVENT was held / convened / took place (skipping a parenthesis). */
static int held_after(ctx *c, const mention *m) {
  int s = m->sent, i = m->te, depth = 0;
  for (; i < ntok(c, s); i++) {
    if (is_punct(c, s, i, '(')) depth++;
    else if (is_punct(c, s, i, ')')) depth--;
    else if (!depth && !(tok(c, s, i)->flags & TK_PUNCT)) break;
  }
  if (is_word(c, s, i, "took") || (is_word(c, s, i, "convened") && !stance_sentence(c, s))) return 1;
  if (!(is_word(c, s, i, "was") || is_word(c, s, i, "were") || is_word(c, s, i, "is"))) return 0;
  for (int j = i + 1; j < i + 3; j++)
    if (in_list(c, s, j, L_HELD_CUE) || is_word(c, s, j, "took")) return 1;
  return 0;
}

/* held their sixth X / hosted the 3rd X / gathered ... on the occasion of X */
static int held_before(ctx *c, const mention *m) {
  int s = m->sent;
  for (int j = m->tb - 1; j >= 0 && j >= m->tb - 4; j--)
    if (is_word(c, s, j, "held") || is_word(c, s, j, "hold") || is_word(c, s, j, "hosted") ||
        is_word(c, s, j, "convened"))
      return 1;
  int gathered = 0;
  for (int j = 0; j < m->tb; j++)
    if (is_word(c, s, j, "gathered") || is_word(c, s, j, "gathering") || is_word(c, s, j, "met") ||
        is_word(c, s, j, "convened"))
      gathered = 1;
  if (!gathered) return 0;
  for (int j = m->tb - 1; j >= 0 && j >= m->tb - 5; j--)
    if (in_list(c, s, j, L_OCCASION_CUE) || is_word(c, s, j, "for") || is_word(c, s, j, "at")) return 1;
  return 0;
}

static int mention_event(ctx *c, mention *m);

static void find_main_event(ctx *c) {
  c->main_event = c->main_series = -1;
  c->main_ord = 0;
  /* a title naming a numbered event */
  for (int i = 0; i < c->nm; i++) {
    mention *m = &c->m[i];
    if (m->title && m->kind == M_EVENT && m->ord) {
      c->main_event = m->ent;
      break;
    }
  }
  for (int i = 0; i < c->nm && c->main_event < 0; i++) {
    mention *m = &c->m[i];
    if (m->title || stance_sentence(c, m->sent)) continue;
    if (m->kind != M_EVENT && m->kind != M_SERIESREF && !(m->kind == M_BODY && m->series >= 0)) continue;
    if (m->plural) continue;
    if (held_after(c, m) || held_before(c, m)) {
      int e = mention_event(c, m);
      if (e >= 0) c->main_event = e, c->main_series = m->series;
    }
  }
  if (c->main_event >= 0) {
    dg_entity *x = &c->r->ents[c->main_event];
    if (x->series >= 0) c->main_series = x->series;
    c->main_ord = x->ordinal;
  }
}

/* The event a mention stands for: itself, the document's own event for
 * "the Dialogue", or the single numbered event of a series named bare. */
static int mention_event(ctx *c, mention *m) {
  if (m->kind == M_EVENT) return m->ent;
  if (m->kind == M_ANAPHOR) {
    if (m->ord && c->main_series >= 0) {
      /* "the second meeting of the Dialogue" is a Dialogue */
      if (c->main_event >= 0)
        m->evclass = c->r->ents[c->main_event].classes & (DG_C_DIALOGUE | DG_C_SUMMIT | DG_C_MEETING | DG_C_CONFERENCE);
      m->ent = event_entity(c, c->main_series, m->ord, m->evclass ? m->evclass : DG_C_MEETING);
      m->kind = M_EVENT;
      m->series = c->main_series;
      return m->ent;
    }
    return c->main_event;
  }
  int series = m->series;
  if (series < 0) return -1;
  if (series == c->main_series) return c->main_event;
  int found = -1;
  for (size_t i = 0; i < c->r->nents; i++)
    if (c->r->ents[i].kind == DG_K_EVENT && c->r->ents[i].series == series) {
      if (found >= 0) return -1;
      found = (int)i;
    }
  return found;
}

/* ---- per-sentence relations ---- */

static int has_date(ctx *c, int e, dg_pred p) {
  for (size_t i = 0; i < c->r->nfacts; i++)
    if (c->r->facts[i].subj == e && c->r->facts[i].pred == p) return 1;
  return 0;
}

static int is_planned(ctx *c, int e) {
  const dg_entity *x = &c->r->ents[e];
  return c->main_event >= 0 && e != c->main_event && x->series >= 0 && x->series == c->main_series &&
         x->ordinal > c->main_ord;
}

/* Is d, a day the text writes in full, after the document's own date? An
 * event on it had not taken place when the document was written ("will
 * hold the second ... Dialogue on May 21, 2024" in a note of May 14). */
static int after_doc_date(const ctx *c, const dg_date *d) {
  const dg_text *t = c->t;
  if (!t->doc_y || !t->doc_m || !t->doc_d || !d->y || !d->m || !d->d || d->inferred_year) return 0;
  return d->y * 10000 + d->m * 100 + d->d > t->doc_y * 10000 + t->doc_m * 100 + t->doc_d;
}

static void set_date(ctx *c, int e, const dg_date *d, int span, int planned) {
  if (e < 0) return;
  dg_pred p = planned || is_planned(c, e) || after_doc_date(c, d) ? DG_P_PLANNEDDATE : DG_P_DATE;
  if (has_date(c, e, p)) return; /* before formatting: most dates find one */
  char iso[32];
  int lt = dg_date_iso(d, iso, sizeof iso);
  if (lt == DG_L_NONE) return;
  dg_result_literal(c->r, e, p, (dg_lit)lt, iso, span);
}

/* The event a date or place at token i of sentence s belongs to: the
 * nearest explicit event before it (no document in between), else the
 * first after it, else "the Dialogue" when it was held. */
static int owner_event_at(ctx *c, int s, int i, int first, int last, int is_date);
static int owner_event(ctx *c, int s, int i, int first, int last) { return owner_event_at(c, s, i, first, last, 0); }

static int owner_event_at(ctx *c, int s, int i, int first, int last, int is_date) {
  int best = -1;
  for (int k = last - 1; k >= first; k--) {
    mention *m = &c->m[k];
    if (m->te > i) continue;
    if (m->kind == M_DOC) break;
    if (m->kind == M_EVENT || (m->kind == M_ANAPHOR && (held_after(c, m) || m->ord))) {
      best = mention_event(c, m);
      break;
    }
    if (m->kind == M_SERIESREF && !m->plural) {
      best = mention_event(c, m);
      if (best >= 0) break;
    }
  }
  if (best >= 0 || is_date == 2) return best;
  const dg_sentinfo *si = &c->t->sents[s];
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->tb < i) continue;
    if (m->kind == M_DOC) break;
    if (m->kind == M_EVENT) {
      /* "MANILA, 10 April 2024 - ... met on 9 April for the X": the date
       * nearest the event is its own */
      for (int d = 0; d < si->ndates && is_date; d++)
        if (si->dates[d].tb > i && si->dates[d].te <= m->tb) return -1;
      return m->ent;
    }
  }
  return -1;
}

static void dates_and_venues(ctx *c, int s, int first, int last, int span) {
  dg_sentinfo *si = &c->t->sents[s];
  /* dates after the event they belong to first ("X was held ... on 18 June"),
   * then those before one ("SUVA, 20 June 2024 - X was held ...") */
  for (int pass = 2; pass >= 1; pass--)
    for (int d = 0; d < si->ndates; d++) {
      dg_date *dt = &si->dates[d];
      if (is_word(c, s, dt->tb - 1, "since")) continue;
      /* "met virtually on Tuesday" dates a meeting; "said ... on Wednesday" does not */
      if (dt->inferred_year == 2 && !(in_list(c, s, dt->tb - 2, L_HELD_CUE) || in_list(c, s, dt->tb - 3, L_HELD_CUE) ||
                                      in_list(c, s, dt->tb - 2, L_VIRTUAL_CUE)))
        continue;
      int e = owner_event_at(c, s, dt->tb, first, last, pass);
      set_date(c, e, dt, span, 0);
    }
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    /* ent < 0: a fragment that names nothing (see the long-form cut above) */
    if (m->ent < 0 || (m->kind != M_PLACE && !(m->kind == M_COUNTRY && !m->poss))) continue;
    if (!(m->prep || is_word(c, s, m->tb - 1, "in") || is_word(c, s, m->tb - 1, "at") ||
          (is_word(c, s, m->tb - 1, "the") && (is_word(c, s, m->tb - 2, "in") || is_word(c, s, m->tb - 2, "at")))))
      continue;
    int e = owner_event(c, s, m->tb, first, last);
    if (e < 0 && c->main_event >= 0 && (s < c->title_end || is_word(c, s, 0, "Date") || is_word(c, s, 0, "Held")))
      e = c->main_event;
    if (e < 0 || has_date(c, e, DG_P_VENUE)) continue;
    if (c->r->ents[m->ent].kind == DG_K_COUNTRY) c->r->ents[m->ent].classes |= DG_C_PLACE;
    dg_result_fact(c->r, e, DG_P_VENUE, m->ent, span);
  }
  /* "took place in Accra", "the ... Dialogue in Vilnius": a place the
   * gazetteer does not know, named right where a venue goes */
  const dg_tok *toks = si->toks; /* (the scan reads only these: kept in registers) */
  const char *text = c->t->shadow;
  int vb = c->lbits[L_VENUE_CUE]; /* the word's list (with it, one test a token) */
  for (int i = 1; i + 1 < si->ntoks && (vb < 0 || ((si->lists >> vb) & 1)); i++) {
    const dg_tok *w = &toks[i];
    if (vb >= 0 && !((w->lists >> vb) & 1)) continue;
    if (w->e - w->b != 2 || (text[w->b] | 0x20) != 'i' || (text[w->b + 1] | 0x20) != 'n') continue; /* "in" */
    const dg_tok *n = tok(c, s, i + 1);
    if (!(n->flags & TK_CAP) || (n->flags & (TK_MONTH | TK_DATE | TK_ALLCAP)) || in_list(c, s, i + 1, L_NONNAME)) continue;
    int after_event = 0;
    for (int k = first; k < last; k++)
      if (c->m[k].te == i && (c->m[k].kind == M_EVENT || c->m[k].kind == M_ANAPHOR)) after_event = 1;
    if (!after_event && !(is_word(c, s, i - 1, "held") || is_word(c, s, i - 1, "place") ||
                          is_word(c, s, i - 1, "convened") || is_word(c, s, i - 1, "met")))
      continue;
    int j = i + 1;
    while (j < ntok(c, s) && j < i + 4 && (tok(c, s, j)->flags & TK_CAP) && !(tok(c, s, j)->flags & (TK_MONTH | TK_DATE)))
      j++;
    int known = 0;
    for (int k = first; k < last; k++)
      if (c->m[k].tb <= i + 1 && i + 1 < c->m[k].te) known = 1;
    if (known) continue;
    int e = owner_event(c, s, i + 1, first, last);
    if (e < 0 || has_date(c, e, DG_P_VENUE)) continue;
    char *name = render(c, s, i + 1, j);
    char *key = dg_resolve_key(c->lx, NULL, name);
    int p = dg_result_entity(c->r, DG_K_PLACE, key, name);
    c->r->ents[p].classes |= DG_C_PLACE;
    dg_result_fact(c->r, e, DG_P_VENUE, p, span);
    free(key);
  }
  for (int i = 0; i < ntok(c, s) && sent_may_have(c, s, L_VIRTUAL_CUE); i++) {
    if (!in_list(c, s, i, L_VIRTUAL_CUE)) continue;
    int e = owner_event(c, s, i, first, last);
    if (e >= 0 && !has_date(c, e, DG_P_VIRTUAL)) dg_result_literal(c->r, e, DG_P_VIRTUAL, DG_L_BOOLEAN, "true", span);
    break;
  }
}

/* The state or organisation a body belongs to: the gazetteer's parent, or
 * a country named at the end ("Ministry of Foreign Affairs of Brazil"). */
static int body_state(ctx *c, const mention *m) {
  const dg_gaz *g = m->name ? dg_lexicon_gazetteer(c->lx, m->name) : NULL;
  if (g && g->parent) {
    const dg_gaz *p = dg_lexicon_gazetteer(c->lx, g->parent);
    if (p) return gaz_entity(c, p, p->canonical);
  }
  int s = m->sent;
  for (int n = 3; n >= 1; n--) {
    if (m->tb + n >= m->te) continue;
    char *w = render(c, s, m->tb, m->tb + n);
    const dg_gaz *p = dg_lexicon_gazetteer(c->lx, w);
    const char *dem = n == 1 ? dg_lexicon_get(c->lx, "demonym", w) : NULL;
    if (!p && dem) p = dg_lexicon_gazetteer(c->lx, dem);
    if (p && p->kind == DG_K_COUNTRY) return gaz_entity(c, p, p->canonical);
  }
  for (int i = m->te - 1; i > m->tb + 1; i--)
    if (is_word(c, s, i, "of")) {
      char *n = render(c, s, i + 1, m->te);
      const dg_gaz *p = dg_lexicon_gazetteer(c->lx, n);
      return p && p->kind == DG_K_COUNTRY ? gaz_entity(c, p, n) : -1;
    }
  return -1;
}

static void cochairs(ctx *c, int s, int first, int last, int span) {
  if (!sent_may_have(c, s, L_COCHAIR_CUE)) return;
  int cue = -1;
  for (int i = 0; i < ntok(c, s) && cue < 0; i++)
    if (in_list(c, s, i, L_COCHAIR_CUE)) cue = i;
  if (cue < 0) return;
  int ev = -1;
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->tb > cue) break;
    if (m->kind == M_EVENT || m->kind == M_ANAPHOR || m->kind == M_SERIESREF) {
      int e = mention_event(c, m);
      if (e >= 0) ev = e;
    }
  }
  if (ev < 0) ev = c->main_event;
  if (ev < 0) return;
  int n = 0, n_after = 0;
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->tb < cue) continue;
    if (is_punct(c, s, m->tb - 1, ';')) break;
    int stop = 0;
    for (int q = cue + 1; q < m->tb; q++)
      if (is_word(c, s, q, "was") || is_word(c, s, q, "were") || is_word(c, s, q, "is") ||
          is_word(c, s, q, "are") || is_word(c, s, q, "which") || is_word(c, s, q, "who") ||
          is_word(c, s, q, "attended") || is_word(c, s, q, "including") || is_word(c, s, q, "with") ||
          is_word(c, s, q, "from"))
        stop = 1;
    if (stop) break;
    if (m->kind == M_COUNTRY || m->kind == M_ORG) {
      dg_result_fact(c->r, ev, DG_P_COCHAIR, m->ent, span);
      n++, n_after++;
    } else if (m->kind == M_BODY && m->ent >= 0) {
      /* "co-chaired by the EEAS and the Ministry of Foreign Affairs of Brazil" */
      int who = body_state(c, m);
      if (who >= 0) dg_result_fact(c->r, ev, DG_P_COCHAIR, who, span), n++, n_after++;
    }
  }
  /* "the Japanese side was chaired by ..., and the Indian side by ...",
   * "the Cyber Policy Coordinator of the German Federal Foreign Office co-chaired" */
  for (int i = 0; i < ntok(c, s); i++) {
    if (!in_list(c, s, i, L_DEMONYM) || !(tok(c, s, i)->flags & TK_CAP)) continue;
    int side = is_word(c, s, i + 1, "side");
    int name_before = !n && i < cue && i + 1 < ntok(c, s) && (tok(c, s, i + 1)->flags & TK_CAP);
    if (!side && !name_before) continue;
    const char *country = dg_lexicon_getn(c->lx, "demonym", c->t->shadow + tok(c, s, i)->b,
                                          tok(c, s, i)->e - tok(c, s, i)->b);
    const dg_gaz *g = country ? dg_lexicon_gazetteer(c->lx, country) : NULL;
    if (!g) continue;
    dg_result_fact(c->r, ev, DG_P_COCHAIR, gaz_entity(c, g, country), span);
    n++;
  }
  if (n_after) return;
  /* "On the EU side, ... co-chaired by <person>"; "A and B co-chaired";
   * "Australia's Ambassador ... co-chaired" */
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->tb >= cue) break;
    /* only the names just before the verb: "A and B co-chaired", not a list of
     * everyone present earlier in the sentence */
    int near = 1;
    for (int q = m->te; q < cue && near; q++)
      if ((is_punct(c, s, q, ',') && q + 1 != cue) || is_word(c, s, q, "met") || is_word(c, s, q, "for")) near = 0;
    if ((m->kind == M_COUNTRY || m->kind == M_ORG) &&
        (is_word(c, s, m->te, "side") || m->poss ||
         (near && (m->te == cue || is_word(c, s, m->te, "and") || m->te + 1 == cue || m->te + 2 == cue))))
      dg_result_fact(c->r, ev, DG_P_COCHAIR, m->ent, span);
  }
}

static dg_pred stance_before(ctx *c, int s, int i) {
  /* lengths spelled out: a table's strings are no literals to dg_tok_prefix,
   * and a strlen per word and prefix was most of this scan */
#define STANCE(w, p) {w, sizeof w - 1, p}
  static const struct { const char *pre; size_t n; dg_pred p; } st[] = {
      STANCE("recall", DG_P_RECALLS), STANCE("reaffirm", DG_P_REAFFIRMS), STANCE("welcom", DG_P_WELCOMES),
      STANCE("acknowledg", DG_P_ACKNOWLEDGES), STANCE("noting", DG_P_NOTES), STANCE("noted", DG_P_NOTES),
      STANCE("note", DG_P_NOTES)};
#undef STANCE
  dg_pred p = DG_P_REFERENCES;
  for (int j = 0; j < i; j++) {
    const dg_tok *k = tok(c, s, j);
    if (!(k->flags & TK_WORD)) continue;
    size_t len = k->e - k->b;
    const char *w = c->t->shadow + k->b;
    char first = (char)(w[0] | 0x20);
    if (len < 4 || (first != 'r' && first != 'w' && first != 'a' && first != 'n')) continue; /* no prefix fits */
    for (size_t q = 0; q < sizeof st / sizeof *st; q++)
      if (len >= st[q].n && first == st[q].pre[0] && !strncasecmp(w, st[q].pre, st[q].n)) p = st[q].p;
  }
  return p;
}

static void references(ctx *c, int s, int first, int last, int span) {
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->kind != M_DOC) continue;
    if (m->title) {
      /* the document's own title: its name, not a reference */
      const dg_sentinfo *si = &c->t->sents[m->sent];
      char *line = dg_mention_render(c->t, si, 0, si->ntoks, 0);
      if (!c->r->ents[0].names.n) dg_result_name(c->r, 0, line);
      free(line);
      continue;
    }
    dg_result_fact(c->r, 0, stance_before(c, s, m->tb), m->ent, span);
    /* "... adopted at the 6th ASEAN-U.S. Summit", "X at the inaugural Y Summit" */
    int j = m->te;
    if (is_punct(c, s, j, ',')) j++;
    if (is_word(c, s, j, "adopted") || is_word(c, s, j, "issued") || is_word(c, s, j, "announced") ||
        is_word(c, s, j, "signed") || is_word(c, s, j, "launched")) {
      j++;
      /* "adopted by the Leaders at the 19th ASEAN-India Summit", "adopted by consensus at" */
      if (is_word(c, s, j, "by"))
        for (int q = j + 1; q <= j + 4 && q < ntok(c, s) && !(tok(c, s, q)->flags & TK_PUNCT); q++)
          if (is_word(c, s, q, "at")) {
            j = q;
            break;
          }
    }
    if (is_word(c, s, j, "at")) {
      for (int q = k + 1; q < last; q++) {
        mention *n = &c->m[q];
        if (n->tb > j + 3) break;
        if (n->kind == M_EVENT) {
          dg_result_fact(c->r, m->ent, DG_P_ADOPTEDAT, n->ent, span);
          break;
        }
      }
    }
  }
}

static int series_has_events(ctx *c, int series) {
  for (size_t i = 0; i < c->r->nents; i++)
    if (c->r->ents[i].kind == DG_K_EVENT && c->r->ents[i].series == series) return 1;
  return 0;
}

/* "the upcoming ACCC Meeting": a meeting of a body known by its acronym */
static int meeting_of_acronym(ctx *c, const mention *m) {
  return m->te - m->tb == 2 && (tok(c, m->sent, m->tb)->flags & TK_ALLCAP);
}

static void mentions(ctx *c, int first, int last, int span) {
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->kind == M_SERIESREF && m->plural && m->series >= 0 && body_like_series(m->name)) {
      c->r->ents[m->series].classes |= DG_C_BODY;
      dg_result_fact(c->r, 0, DG_P_MENTIONS, m->series, span);
    }
    if (m->kind == M_SERIESREF && !m->plural && !m->post && m->series >= 0 && body_like_series(m->name) &&
        m->series != c->main_series && !series_has_events(c, m->series) && !meeting_of_acronym(c, m)) {
      c->r->ents[m->series].classes |= DG_C_BODY;
      dg_result_fact(c->r, 0, DG_P_MENTIONS, m->series, span);
    }
    if (m->ent < 0 || m->post) continue;
    if (m->kind == M_PROG || m->kind == M_ORG || (m->kind == M_COUNTRY && !m->title)) dg_result_fact(c->r, 0, DG_P_MENTIONS, m->ent, span);
    if (m->kind == M_BODY) {
      if (!c->r->ents[m->ent].acr_only) c->r->ents[m->ent].classes |= DG_C_BODY;
      dg_result_fact(c->r, 0, DG_P_MENTIONS, m->ent, span);
    }
  }
}

static int plan_sentence(ctx *c, int s) {
  if (!sent_may_have(c, s, L_PLAN_CUE)) return 0;
  for (int i = 0; i < ntok(c, s); i++)
    if (in_list(c, s, i, L_PLAN_CUE)) return 1;
  return 0;
}

static void planned(ctx *c, int s, int first, int last, int span) {
  if (!plan_sentence(c, s)) return;
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->kind == M_ANAPHOR && m->ord && c->main_series >= 0) mention_event(c, m);
    if (m->kind == M_ANAPHOR && (m->next || is_word(c, s, m->tb - 1, "next")) && c->main_series >= 0) {
      m->kind = M_EVENT;
      m->series = c->main_series;
      m->ord = c->main_ord + 1;
      m->ent = event_entity(c, c->main_series, m->ord, c->r->ents[c->main_event].classes &
                                                          (DG_C_DIALOGUE | DG_C_MEETING | DG_C_SUMMIT | DG_C_CONFERENCE));
    }
    if (m->kind == M_EVENT && is_planned(c, m->ent))
      dg_result_fact(c->r, c->main_event, DG_P_PLANNEDNEXT, m->ent, span);
    /* "the annual TELMIN, scheduled to take place in November 2016" */
    if ((m->kind == M_SERIESREF || m->kind == M_BODY) && m->series >= 0) {
      int j = m->te, future = 0;
      /* "..., scheduled to take place", "which is set to take place", "to be hosted by" */
      for (int q = m->te; q < m->te + 6 && q < ntok(c, s) && !future; q++)
        future = is_word(c, s, q, "scheduled") ||
                 ((is_word(c, s, q, "will") || is_word(c, s, q, "to") || is_word(c, s, q, "set") ||
                   is_word(c, s, q, "expected")) &&
                  (is_word(c, s, q + 1, "be") || is_word(c, s, q + 1, "take") || is_word(c, s, q + 1, "to")));
      if (future) {
        dg_sentinfo *si = &c->t->sents[s];
        for (int d = 0; d < si->ndates; d++) {
          if (si->dates[d].tb < j || si->dates[d].y <= 0) continue;
          int e = dated_event(c, m->series, si->dates[d].y, m->evclass ? m->evclass : DG_C_MEETING);
          set_date(c, e, &si->dates[d], span, 1);
          if (c->main_event >= 0 && m->series == c->main_series)
            dg_result_fact(c->r, c->main_event, DG_P_PLANNEDNEXT, e, span);
          break;
        }
      }
    }
  }
}

/* An unnumbered event-headed name with a date right after it is an event
 * of that year ("the EU-Japan Strategic Dialogue on 1 November"). */
static void dated_names(ctx *c, int s, int first, int last) {
  dg_sentinfo *si = &c->t->sents[s];
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->kind != M_SERIESREF || m->plural || m->series < 0 || m->series == c->main_series) continue;
    for (int d = 0; d < si->ndates; d++) {
      dg_date *dt = &si->dates[d];
      int near_after = dt->tb >= m->te && dt->tb <= m->te + 2;
      if (!near_after && dt->tb >= m->te && dt->tb <= m->te + 7) {
        /* "the U.S.-ROK Summit in Washington on April 26, 2023" */
        near_after = 1;
        for (int j = m->te; j < dt->tb; j++) {
          const dg_tok *x = tok(c, s, j);
          if (!(is_word(c, s, j, "in") || is_word(c, s, j, "on") || is_word(c, s, j, "at") ||
                is_punct(c, s, j, ',') || (x->flags & TK_CAP)))
            near_after = 0;
        }
      }
      int gathered_for = 0, gathered = 0;
      for (int j = 0; j < dt->tb; j++)
        gathered |= is_word(c, s, j, "gathered") || is_word(c, s, j, "gathering") || is_word(c, s, j, "met");
      if (gathered && dt->te <= m->tb && m->tb - dt->te <= 14)
        for (int j = dt->te; j < m->tb; j++) gathered_for |= is_word(c, s, j, "for") || in_list(c, s, j, L_OCCASION_CUE);
      if ((!near_after && !gathered_for) || dt->y <= 0 || is_word(c, s, dt->tb - 1, "since")) continue;
      m->ent = dated_event(c, m->series, dt->y, m->evclass);
      m->kind = M_EVENT;
      break;
    }
  }
}

/* "X and Y held their sixth Cyber Dialogue": the series is "X-Y Cyber Dialogue". */
static void partner_series(ctx *c, int s, int first, int last) {
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (!m->ord || !(m->kind == M_EVENT || m->kind == M_ANAPHOR)) continue;
    if (partner_prefix(c, m->name)) continue;
    int held = -1;
    for (int j = m->tb - 1; j >= 0 && j >= m->tb - 4; j--)
      if (is_word(c, s, j, "held") || is_word(c, s, j, "hold") || is_word(c, s, j, "holds")) held = j;
    if (held < 0) continue;
    mention *a = NULL, *b = NULL;
    for (int q = first; q < k; q++) {
      mention *x = &c->m[q];
      if (x->te > held || (x->kind != M_COUNTRY && x->kind != M_ORG)) continue;
      a = b, b = x;
    }
    if (!a || !b || !is_word(c, s, a->te, "and")) continue;
    char name[1200];
    const char *base = m->name;
    while (!strncasecmp(base, "their ", 6)) base += 6;
    snprintf(name, sizeof name, "%s-%s %s", a->name, b->name, base);
    /* "hold fourth cyber dialogue" (a headline in lower case): Title Case */
    for (char *p = name + strlen(a->name) + strlen(b->name) + 2; *p; p++)
      if ((p[-1] == ' ' || p[-1] == '-') && islower((unsigned char)*p)) *p = (char)toupper((unsigned char)*p);
    int series = series_entity(c, name);
    if (m->ent >= 0) c->r->ents[m->ent].replaced = 1;
    m->series = series;
    m->kind = M_EVENT;
    m->ent = event_entity(c, series, m->ord, m->evclass);
    c->r->ents[m->ent].replaced = 0;
  }
}

/* Events linked by "as part of", "during", "on the sidelines of" share a date. */
static void share_dates(ctx *c, int s, int first, int last, int span) {
  for (int k = first; k < last; k++) {
    mention *m = &c->m[k];
    if (m->kind != M_EVENT) continue;
    int j = m->tb - 1;
    if (j >= 0 && (tok(c, s, j)->flags & TK_ORD)) j--;
    if (is_word(c, s, j, "the")) j--;
    int linked = (is_word(c, s, j, "of") && (is_word(c, s, j - 1, "part") || is_word(c, s, j - 1, "sidelines"))) ||
                 is_word(c, s, j, "during");
    if (!linked) continue;
    int other = -1;
    for (int q = k - 1; q >= first; q--) {
      int e = (c->m[q].kind == M_EVENT || c->m[q].kind == M_ANAPHOR ||
               (c->m[q].kind == M_BODY && c->m[q].series >= 0) || c->m[q].kind == M_SERIESREF)
                  ? mention_event(c, &c->m[q]) : -1;
      if (e >= 0 && e != m->ent) {
        other = e;
        break;
      }
    }
    if (other < 0) continue;
    for (int pass = 0; pass < 2; pass++) {
      int from = pass ? m->ent : other, to = pass ? other : m->ent;
      if (has_date(c, to, DG_P_DATE)) continue;
      for (size_t f = 0; f < c->r->nfacts; f++) {
        dg_fact *x = &c->r->facts[f];
        if (x->subj == from && x->pred == DG_P_DATE) {
          const char *lit = x->lit; /* in the result's arena: stays put when facts grow */
          dg_lit lt = x->lt;
          dg_result_literal(c->r, to, DG_P_DATE, lt, lit, span);
          break;
        }
      }
    }
  }
}


static void event_facts(ctx *c, int span_for_main) {
  for (size_t i = 0; i < c->r->nents; i++) {
    dg_entity *x = &c->r->ents[i];
    if (x->kind != DG_K_EVENT || x->replaced) continue;
    if (x->series >= 0) dg_result_fact(c->r, (int)i, DG_P_INSERIES, x->series, -1);
    if (x->ordinal > 0) {
      char n[16];
      snprintf(n, sizeof n, "%d", x->ordinal);
      dg_result_literal(c->r, (int)i, DG_P_ORDINAL, DG_L_INTEGER, n, -1);
    }
  }
  (void)span_for_main;
}

/* The statement's event when the text never names it: between the one
 * "held last year" (or the previous) and the planned next one. */
static void infer_main_event(ctx *c) {
  if (c->main_event >= 0) return;
  int anaphor = 0;
  for (int i = 0; i < c->nm; i++) anaphor |= c->m[i].kind == M_ANAPHOR;
  if (!anaphor) return;
  int best_series = -1, best = 0;
  for (int i = 0; i < c->nm; i++) {
    mention *m = &c->m[i];
    if (m->kind != M_EVENT || !m->ord || m->title) continue;
    int s = m->sent;
    if (plan_sentence(c, s) && (is_word(c, s, m->tb - 2, "convening") || is_word(c, s, m->tb - 3, "convening") ||
                                is_word(c, s, m->tb - 2, "hold") || is_word(c, s, m->tb - 3, "hold"))) {
      best_series = m->series, best = m->ord - 1;
      c->main_sent = m->sent;
      break;
    }
  }
  if (best_series < 0 || best < 1) return;
  unsigned ec = DG_C_DIALOGUE;
  for (int i = 0; i < c->nm; i++)
    if (c->m[i].kind == M_ANAPHOR) ec = c->m[i].evclass;
  c->main_event = event_entity(c, best_series, best, ec);
  c->main_series = best_series, c->main_ord = best;
}

/* "the thirteenth Joint Committee Meeting" in a statement on the twelfth
 * "Viet Nam-Republic of Korea Joint Committee Meeting on ...": a series
 * named by the last words of the document's own series is that series. */
static int token_suffix(const char *shortn, const char *longn) {
  size_t a = strlen(shortn), b = strlen(longn);
  if (a >= b || a < 6) return 0;
  return !strcasecmp(longn + (b - a), shortn) && longn[b - a - 1] == ' ';
}

static int name_within(const dg_entity *series, const char *name) {
  for (size_t i = 0; i < series->names.n; i++) {
    const char *n = series->names.v[i];
    if (token_suffix(name, n)) return 1;
    /* "Joint Committee Meeting" inside "... Joint Committee Meeting on Information ..." */
    const char *p = strstr(n, name);
    if (p && p > n && p[-1] == ' ' && (p[strlen(name)] == ' ' || !p[strlen(name)])) return 1;
  }
  return 0;
}

/* "the previous Dialogue, held in Tokyo in 2019": one before the document's own */
static void previous_events(ctx *c) {
  if (c->main_series < 0 || c->main_ord < 2) return;
  for (int i = 0; i < c->nm; i++) {
    mention *m = &c->m[i];
    if (m->kind != M_ANAPHOR || !m->prev) continue;
    m->kind = M_EVENT;
    m->series = c->main_series;
    m->ord = c->main_ord - 1;
    m->ent = event_entity(c, c->main_series, m->ord, m->evclass);
  }
}

static void short_series_names(ctx *c) {
  previous_events(c);
  if (c->main_series < 0) return;
  for (int i = 0; i < c->nm; i++) {
    mention *m = &c->m[i];
    if (m->kind != M_EVENT || !m->ord || m->series < 0 || m->series == c->main_series) continue;
    /* fetched anew each time: event_entity below may move the entities */
    const dg_entity *ms = &c->r->ents[c->main_series], *sr = &c->r->ents[m->series];
    int shortname = 0;
    for (size_t j = 0; j < sr->names.n && !shortname; j++) {
      int words = 1;
      for (const char *p = sr->names.v[j]; *p; p++) words += *p == ' ';
      shortname = words >= 2 && name_within(ms, sr->names.v[j]) && !partner_prefix(c, sr->names.v[j]);
    }
    if (!shortname) continue;
    if (m->ent >= 0) c->r->ents[m->ent].replaced = 1;
    m->series = c->main_series;
    m->ent = event_entity(c, c->main_series, m->ord, m->evclass);
    c->r->ents[m->ent].replaced = 0;
  }
}

/* ---- document ---- */

/* Entities no fact of the document touches (a series known only through
 * its events' keys, a country named inside a partner prefix) are left out
 * of the result, so the graph shows what the document says. */
static void drop_unused(ctx *c) {
  dg_result *r = c->r;
  int *used = dg_arena_alloc(c->a, r->nents * sizeof *used);
  memset(used, 0, r->nents * sizeof *used);
  used[0] = 1;
  for (size_t i = 0; i < r->nfacts; i++) {
    used[r->facts[i].subj] = 1;
    if (r->facts[i].obj >= 0) used[r->facts[i].obj] = 1;
  }
  for (size_t i = 0; i < r->nents; i++)
    if (used[i] && r->ents[i].series >= 0) used[r->ents[i].series] = 1;
  int *map = dg_arena_alloc(c->a, r->nents * sizeof *map);
  size_t w = 0;
  for (size_t i = 0; i < r->nents; i++) {
    if (!used[i]) { /* its strings stay in the result's arena until the result goes */
      map[i] = -1;
      continue;
    }
    map[i] = (int)w;
    r->ents[w++] = r->ents[i];
  }
  r->nents = w;
  for (size_t i = 0; i < r->nents; i++)
    if (r->ents[i].series >= 0) r->ents[i].series = map[r->ents[i].series];
  for (size_t i = 0; i < r->nfacts; i++) {
    r->facts[i].subj = map[r->facts[i].subj];
    if (r->facts[i].obj >= 0) r->facts[i].obj = map[r->facts[i].obj];
  }
  dg_result_reindex(r);
}

static void title_zone(ctx *c) {
  size_t i = 0;
  while (i < c->t->nsents && i < 8 && c->t->sents[i].heading) i++;
  c->title_end = (int)i;
}

static void document_kind(ctx *c) {
  dg_entity *d = &c->r->ents[0];
  int leaders = 0, statement = 0, adopted = 0;
  for (int s = 0; s < c->title_end; s++)
    for (int i = 0; i < ntok(c, s); i++) {
      if (in_list(c, s, i, L_STATEMENT_TITLE)) statement = 1;
      if (dg_tok_prefix(c->t, tok(c, s, i), "Leaders")) leaders = 1;
      if (is_word(c, s, i, "Adopted")) adopted = 1;
    }
  if (statement) d->classes |= DG_C_STATEMENT;
  c->adopted_statement = adopted || (statement && leaders);
}

int dg_extract_doc(const dg_lexicon *lx, const dg_doc *doc, dg_result **out, dg_error *err) {
  (void)err;
  ctx c;
  memset(&c, 0, sizeof c);
  c.lx = lx;
  c.a = dg_arena_thread();
  dg_arena_reset(c.a); /* this thread's previous document left its blocks */
  char *key = dg_extract_doc_key(doc->name);
  c.r = dg_result_new(doc->name, key);
  c.r->path = dg_result_strdup(c.r, doc->path);
  free(key);
  dg_acr_init(&c.acr);
  dg_idtab_init(&c.acr_ent.index), dg_idtab_init(&c.alias.index);
  dg_idtab_init(&c.lf_memo.index);
  c.main_sent = -1;
  list_bits(&c); /* (and head_bit) */
  c.hm_sent = -1;
  c.gm_sent = -1;
  dg_mention_analyse(lx, doc->text, doc->len, &c.t);
  sentence_offsets(&c);
  title_zone(&c);
  document_kind(&c);
  collect_acronyms(&c);
  int *first = dg_arena_alloc(c.a, (c.t->nsents + 1) * sizeof *first);
  /* names: twice over the document, so that acronyms defined late are known */
  for (size_t s = 0; s < c.t->nsents; s++) {
    first[s] = c.nm;
    names_of_sentence_sorted(&c, (int)s);
    if (c.acr_dirty) link_acronyms(&c), c.acr_dirty = 0;
  }
  first[c.t->nsents] = c.nm;
  for (size_t s = 0; s < c.t->nsents; s++) partner_series(&c, (int)s, first[s], first[s + 1]);
  for (size_t s = 0; s < c.t->nsents; s++) dated_names(&c, (int)s, first[s], first[s + 1]);
  find_main_event(&c);
  if (getenv("DG_DEBUG")) {
    static const char *const kn[] = {"EVENT", "SERIESREF", "ANAPHOR", "DOC", "BODY", "PROG", "ORG", "COUNTRY", "PLACE"};
    for (int i = 0; i < c.nm; i++)
      fprintf(stderr, "  s%d %-9s ord=%d ent=%d series=%d %s%s\n", c.m[i].sent, kn[c.m[i].kind], c.m[i].ord,
              c.m[i].ent, c.m[i].series, c.m[i].name ? c.m[i].name : "", c.m[i].title ? " (title)" : "");
    fprintf(stderr, "  main=%d\n", c.main_event);
  }
  infer_main_event(&c);
  short_series_names(&c);
  if (c.main_event >= 0) {
    dg_result_fact(c.r, 0, DG_P_REPORTSON, c.main_event, -1);
    if (c.adopted_statement) dg_result_fact(c.r, 0, DG_P_ADOPTEDAT, c.main_event, -1);
  }
  for (size_t s = 0; s < c.t->nsents; s++) {
    int a = first[s], b = first[s + 1];
    if (a == b && c.main_event < 0) continue;
    int span = span_of(&c, (int)s);
    planned(&c, (int)s, a, b, span);
    dates_and_venues(&c, (int)s, a, b, span);
    cochairs(&c, (int)s, a, b, span);
    references(&c, (int)s, a, b, span);
    mentions(&c, a, b, span);
    share_dates(&c, (int)s, a, b, span);
  }
  /* a "Date: ..." line dates the document's own event when no sentence does */
  if (c.main_event >= 0 && !has_date(&c, c.main_event, DG_P_DATE))
    for (size_t s = 0; s < c.t->nsents; s++)
      if (is_word(&c, (int)s, 0, "Date") && c.t->sents[s].ndates) {
        set_date(&c, c.main_event, &c.t->sents[s].dates[0], span_of(&c, (int)s), 0);
        break;
      }
  /* year-named events ("Singapore International Cyber Week 2018") */
  for (int i = 0; i < c.nm; i++) {
    mention *m = &c.m[i];
    if (m->kind == M_EVENT && m->year && m->ent >= 0 && !has_date(&c, m->ent, DG_P_DATE)) {
      dg_date d = {0, 0, m->year, 0, 0, 0};
      set_date(&c, m->ent, &d, span_of(&c, m->sent), 0);
    }
  }
  if (c.main_event >= 0) {
    int next = -1;
    for (size_t i = 0; i < c.r->nents; i++)
      if (is_planned(&c, (int)i) && (next < 0 || c.r->ents[i].ordinal < c.r->ents[next].ordinal)) next = (int)i;
    if (next >= 0) dg_result_fact(c.r, c.main_event, DG_P_PLANNEDNEXT, next, -1);
  }
  for (int i = 0; i < c.nm; i++) {
    mention *m = &c.m[i];
    if (m->kind == M_EVENT && m->ent >= 0 && m->name && strstr(m->name, "Virtual ") &&
        !has_date(&c, m->ent, DG_P_VIRTUAL))
      dg_result_literal(c.r, m->ent, DG_P_VIRTUAL, DG_L_BOOLEAN, "true", span_of(&c, m->sent));
  }
  event_facts(&c, -1);
  /* evidence for the facts that hold for the whole document */
  for (size_t f = 0; f < c.r->nfacts; f++)
    if (c.r->facts[f].span < 0 && c.nm) {
      int subj = c.r->facts[f].subj, obj = c.r->facts[f].obj;
      for (int i = 0; i < c.nm; i++)
        if (c.m[i].ent == (obj >= 0 ? obj : subj) || c.m[i].ent == subj) {
          c.r->facts[f].span = span_of(&c, c.m[i].sent);
          break;
        }
      /* the statement's own event, inferred from the one it plans next */
      if (c.r->facts[f].span < 0 && c.main_sent >= 0 && (subj == c.main_event || obj == c.main_event))
        c.r->facts[f].span = span_of(&c, c.main_sent);
    }
  drop_unused(&c);

  dg_text_free(c.t);
  dg_acr_free(&c.acr);
  dg_idtab_free(&c.acr_ent.index), dg_idtab_free(&c.alias.index);
  dg_idtab_free(&c.lf_memo.index);
  dg_arena_reset(c.a); /* mentions, renderings, memos: all at once */
  *out = c.r;
  return 0;
}

char *dg_extract_doc_key(const char *file) {
  const char *b = strrchr(file, '/');
  b = b ? b + 1 : file;
  const char *dot = strrchr(b, '.');
  return dg_xstrndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}
