/* dg_lexicon: see dg_lexicon.h. */
#include "dg_lexicon.h"
#include "dg_memo.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words of 1..8 bytes packed in an integer (pack_word), open addressing:
 * lookups without hashing or comparing strings. */
struct short_word {
  uint64_t word; /* 0: empty slot */
  int value;
};
struct short_table {
  struct short_word *v;
  size_t cap, n;
};

struct dg_lexicon {
  dg_map words;        /* "list\x1fword" -> index into values */
  dg_strvec values;
  dg_map maxwords;     /* list -> longest entry in words */
  dg_map list_bits;    /* list -> bit index (the first 31 lists) */
  dg_wordtab word_lists;/* first word of an entry -> its lists (dg_lexicon_word_masks) */
  dg_gaz *gaz;
  size_t ngaz, capgaz;
  dg_map gaz_index;    /* folded name/variant/acronym -> gaz index */
  struct short_table gaz_starts; /* first four letters of every folded name: a quick "no" */
  dg_wordtab word_kinds; /* every word of a folded name -> its kinds' bits (as lists) */
  unsigned long serial;/* dg_lexicon_serial */
};

/* ---- folding ---- */

/* isalnum and tolower of the C locale the program runs in (ASCII only),
 * without a call per byte: folding and the gazetteer's quick "no" test
 * every byte of every name candidate. */
static inline int c_alnum(unsigned char c) {
  return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}
static inline unsigned char c_lower(unsigned char c) {
  return (unsigned)(c - 'A') < 26u ? (unsigned char)(c | 0x20) : c;
}

static int is_apostrophe(const unsigned char *p) {
  return *p == '\'' || *p == '`' ||
         (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99));
}

static const char *const spelling[][2] = {
    {"centre", "center"},         {"centres", "centers"},
    {"programme", "program"},     {"programmes", "programs"},
    {"defence", "defense"},       {"organisation", "organization"},
    {"organisations", "organizations"}, {"labour", "labor"},
    {"behaviour", "behavior"},    {"cooperation", "cooperation"},
    {"intersessional", "inter sessional"}, {NULL, NULL}};

/* Which words can be in spelling[] at all: their lengths and first
 * letters, found once (pthread_once) from the table, so that most words of
 * a fold skip the table walk. */
static struct {
  uint32_t lens;            /* bit n: some entry has n bytes (n < 32) */
  unsigned char first[256]; /* some entry starts with this byte */
  /* what fold's first pass writes for a byte that starts none of its
   * special cases (the forms of the United States, apostrophes, '&',
   * UTF-8): letters and digits lower-cased, other ASCII a space; 0 for
   * the special bytes and NUL */
  unsigned char plain[256];
} spell_index;
static pthread_once_t spell_once = PTHREAD_ONCE_INIT;

static void spell_index_build(void) {
  for (int c = 1; c < 0x80; c++)
    spell_index.plain[c] = c_alnum((unsigned char)c) ? c_lower((unsigned char)c) : ' ';
  spell_index.plain['U'] = spell_index.plain['u'] = 0;
  spell_index.plain['\''] = spell_index.plain['`'] = spell_index.plain['&'] = 0;
  for (int i = 0; spelling[i][0]; i++) {
    size_t n = strlen(spelling[i][0]);
    spell_index.lens |= n < 32 ? 1u << n : 1u; /* (bit 0: a longer entry, see may_spell) */
    spell_index.first[(unsigned char)spelling[i][0][0]] = 1;
  }
}

/* Could the word s[0..n) be a spelling[] entry? */
static int may_spell(const char *s, size_t n) {
  return spell_index.first[(unsigned char)*s] && (n >= 32 ? spell_index.lens & 1u : (spell_index.lens >> n) & 1u);
}

/* A bounded output area: a caller's array; overflow is remembered. */
typedef struct sbuf {
  char *p;
  size_t len, cap;
  int over;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->over = 1;
    return;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}
static void sb_addc(sbuf *b, char c) { sb_add(b, &c, 1); }
static void sb_adds(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

/* How the fold writes the word w[0..n) in the singular: its first bytes
 * (the count returned), then a 'y' if *y ("policies" is "policy",
 * "meetings" "meeting"): "Communications Technologies" and "Communication
 * Technology" are one name. */
static size_t singular_of(const char *w, size_t n, int *y) {
  *y = 0;
  if (n >= 5 && !strncmp(w + n - 3, "ies", 3)) return *y = 1, n - 3;
  if (n >= 5 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') return n - 1;
  return n;
}

/* The fold into out (cap bytes); returns 0, or -1 if it did not fit. Two
 * passes through a scratch array of the same size, no allocation: this
 * runs for every name candidate of every document. */
static int fold_into(const char *name, char *out, size_t cap, char *scratch, int singular) {
  pthread_once(&spell_once, spell_index_build);
  sbuf t = {scratch, 0, cap, 0}, o = {out, 0, cap, 0};
  scratch[0] = out[0] = '\0';
  const unsigned char *p = (const unsigned char *)name;
  /* pass 1: straighten quotes, drop apostrophes (and a following s), map
   * the forms of the United States, punctuation to spaces */
  while (*p && !t.over) {
    /* a run of plain bytes (most of a name) in one go */
    if (spell_index.plain[*p]) {
      size_t room = t.cap - t.len - 1; /* (sb_add's bound: the NUL fits) */
      char *w = t.p + t.len;
      const unsigned char *q = p;
      for (unsigned char m; (m = spell_index.plain[*q]) && (size_t)(q - p) < room; q++) *w++ = (char)m;
      t.len += (size_t)(q - p);
      t.p[t.len] = '\0';
      p = q;
      if (spell_index.plain[*p]) { /* out of room: as sb_add leaves it */
        t.over = 1;
        break;
      }
      continue;
    }
    if ((*p == 'U' || *p == 'u') && !strncasecmp((const char *)p, "United States of America", 24)) {
      sb_adds(&t, " united states ");
      p += 24;
      continue;
    }
    if (*p == 'U' && (!strncmp((const char *)p, "U.S.A.", 6) || !strncmp((const char *)p, "U.S.", 4))) {
      sb_adds(&t, " united states ");
      p += p[3] == 'A' ? 6 : 4;
      continue;
    }
    if (*p == 'U' && (p == (const unsigned char *)name || !c_alnum(p[-1])) &&
        (!strncmp((const char *)p, "US", 2) || !strncmp((const char *)p, "USA", 3))) {
      size_t l = p[2] == 'A' ? 3 : 2;
      if (!c_alnum(p[l])) {
        sb_adds(&t, " united states ");
        p += l;
        continue;
      }
    }
    if (is_apostrophe(p)) {
      p += *p < 0x80 ? 1 : 3;
      if ((*p == 's' || *p == 'S') && !c_alnum(p[1])) p++;
      continue;
    }
    if (*p >= 0x80) {
      /* curly double quotes, dashes, nbsp: separators; other UTF-8 kept */
      if ((p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x9F) ||
          (p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0xB7))) {
        sb_addc(&t, ' ');
        p += p[0] == 0xE2 ? 3 : 2;
        continue;
      }
      sb_addc(&t, (char)*p++);
      continue;
    }
    if (*p == '&') {
      sb_adds(&t, " and ");
      p++;
      continue;
    }
    /* a run of lower-case letters and digits: copied in one go, up to a
     * 'u' (which may start "united states of america") */
    if ((unsigned)(*p - 'a') < 26u || (unsigned)(*p - '0') < 10u) {
      const unsigned char *q = p + 1;
      while (((unsigned)(*q - 'a') < 26u && *q != 'u') || (unsigned)(*q - '0') < 10u) q++;
      sb_add(&t, (const char *)p, (size_t)(q - p));
      p = q;
      continue;
    }
    sb_addc(&t, c_alnum(*p) ? (char)c_lower(*p) : ' ');
    p++;
  }
  if (t.over) return -1;
  /* pass 2: tokens; drop articles, fold spellings */
  const char *s = t.p;
  while (*s) {
    while (*s == ' ') s++;
    if (!*s) break;
    const char *e = s;
    while (*e && *e != ' ') e++;
    size_t n = (size_t)(e - s);
    const char *w = s;
    if ((n == 3 && !strncmp(s, "the", 3)) || (n == 1 && *s == 'a') || (n == 2 && !strncmp(s, "an", 2))) {
      s = e;
      continue;
    }
    /* first letters first: most words leave the table without a strlen */
    for (int i = 0; may_spell(s, n) && spelling[i][0]; i++)
      if (spelling[i][0][0] == *s && !strncmp(s, spelling[i][0], n) && !spelling[i][0][n]) {
        w = spelling[i][1];
        n = strlen(w);
        break;
      }
    if (o.len) sb_addc(&o, ' ');
    /* plurals to singular, lightly */
    int y = 0;
    sb_add(&o, w, singular ? singular_of(w, n, &y) : n);
    if (y) sb_addc(&o, 'y');
    s = e;
  }
  return o.over ? -1 : 0;
}

void dg_lexicon_fold(const char *name, dg_buf *out) {
  size_t cap = strlen(name) * 3 + 64; /* "U.S." grows to " united states " */
  char so[1024], st[1024]; /* most names: no allocation */
  char *o = cap <= sizeof so ? so : dg_xmalloc(cap), *t = cap <= sizeof st ? st : dg_xmalloc(cap);
  if (fold_into(name, o, cap, t, 0) == 0) dg_buf_adds(out, o);
  if (o != so) free(o);
  if (t != st) free(t);
  dg_buf_cstr(out);
}

/* ---- loading ---- */

static char *lower(const char *s, size_t n) {
  char *r = dg_xstrndup(s, n);
  for (char *p = r; *p; p++) *p = (char)tolower((unsigned char)*p);
  return r;
}

/* n <= 8 bytes in an integer, in at most three loads (bytes past n: 0). */
static uint64_t load_short(const char *w, size_t n) {
  uint64_t x = 0;
  if (n == 8) {
    memcpy(&x, w, 8);
    return x;
  }
  unsigned shift = 0;
  if (n & 4) {
    uint32_t v;
    memcpy(&v, w, 4);
    x = v, w += 4, shift = 32;
  }
  if (n & 2) {
    uint16_t v;
    memcpy(&v, w, 2);
    x |= (uint64_t)v << shift, w += 2, shift += 16;
  }
  if (n & 1) x |= (uint64_t)(unsigned char)w[0] << shift;
  return x;
}

/* A word of 1..8 bytes as an integer, lower-cased (as word_lists keys
 * are); 0 is no word. Loaded and stored the same way, so the packing
 * is the same on any byte order. */
static uint64_t pack_word(const char *w, size_t n) { return dg_wordtab_lower8(load_short(w, n)); }

static size_t short_slot(uint64_t word, size_t cap) {
  return (size_t)((word * 0x9e3779b97f4a7c15ULL) >> 32) & (cap - 1);
}

static void short_put(struct short_table *t, uint64_t word, int value) {
  if (!t->cap) {
    t->cap = 1024; /* the lexicon's short words are a few hundred: load under 1/2 */
    t->v = dg_xcalloc(t->cap, sizeof *t->v);
  }
  size_t i = short_slot(word, t->cap);
  while (t->v[i].word && t->v[i].word != word) i = (i + 1) & (t->cap - 1);
  t->n += !t->v[i].word;
  t->v[i].word = word, t->v[i].value = value;
  if (t->n * 2 > t->cap) { /* grow: rehash into twice the slots */
    struct short_word *old = t->v;
    size_t oldcap = t->cap;
    t->cap *= 2;
    t->v = dg_xcalloc(t->cap, sizeof *t->v);
    for (size_t k = 0; k < oldcap; k++)
      if (old[k].word) {
        size_t j = short_slot(old[k].word, t->cap);
        while (t->v[j].word) j = (j + 1) & (t->cap - 1);
        t->v[j] = old[k];
      }
    free(old);
  }
}

static int short_get(const struct short_table *t, uint64_t word) {
  if (!t->cap) return -1;
  for (size_t i = short_slot(word, t->cap);; i = (i + 1) & (t->cap - 1)) {
    if (t->v[i].word == word) return t->v[i].value;
    if (!t->v[i].word) return -1;
  }
}

/* Notes every word of the folded name o (of an entry of kind kind) in word_kinds. */
static void note_word_kinds(dg_lexicon *lx, const char *o, dg_kind kind) {
  for (const char *w = o; *w;) {
    size_t n = strcspn(w, " ");
    dg_wordtab_add(&lx->word_kinds, w, n, 1u << kind, 0, 0);
    w += n;
    while (*w == ' ') w++;
  }
}

static void put_word(dg_lexicon *lx, const char *list, const char *word, const char *value) {
  char *lw = lower(word, strlen(word));
  dg_buf k;
  dg_buf_init(&k);
  dg_buf_printf(&k, "%s\x1f%s", list, lw);
  dg_strvec_push(&lx->values, value ? value : "1");
  dg_map_put(&lx->words, k.data, (int)lx->values.n - 1);
  int nw = 1;
  for (const char *p = lw; *p; p++) nw += *p == ' ';
  int bit = dg_map_get(&lx->list_bits, list);
  if (bit < 0 && lx->list_bits.n < 31) {
    bit = (int)lx->list_bits.n;
    dg_map_put(&lx->list_bits, list, bit);
  }
  if (bit >= 0 && lw[0] != ' ') { /* (a leading space: no token can match it) */
    size_t first = strcspn(lw, " ");
    dg_wordtab_add(&lx->word_lists, lw, first, nw == 1 ? 1u << bit : 0, nw == 1 ? 0 : 1u << bit, 0);
    /* the other words: a phrase lookup can stop at a word no entry has there */
    for (const char *w = lw + first; *w;) {
      while (*w == ' ') w++;
      size_t n = strcspn(w, " ");
      dg_wordtab_add(&lx->word_lists, w, n, 0, 0, 1u << bit);
      w += n;
    }
  }
  int cur = dg_map_get(&lx->maxwords, list);
  if (nw > cur) dg_map_put(&lx->maxwords, list, nw);
  dg_buf_free(&k);
  free(lw);
}

const char *dg_lexicon_getn(const dg_lexicon *lx, const char *list, const char *word, size_t n) {
  /* hot path (every token): build the key on the stack */
  char key[256];
  size_t ln = strlen(list);
  if (ln + 1 + n >= sizeof key) return NULL;
  memcpy(key, list, ln);
  key[ln] = '\x1f';
  for (size_t i = 0; i < n; i++) key[ln + 1 + i] = (char)c_lower((unsigned char)word[i]);
  int i = dg_map_getn(&lx->words, key, ln + 1 + n);
  return i < 0 ? NULL : lx->values.v[i];
}

int dg_lexicon_list_bit(const dg_lexicon *lx, const char *list) { return dg_map_get(&lx->list_bits, list); }

int dg_lexicon_filter_bit(const dg_lexicon *lx, const char *list, const char *const *words) {
  int bit = dg_lexicon_list_bit(lx, list);
  for (size_t i = 0; bit >= 0 && words[i]; i++)
    if (!dg_lexicon_get(lx, list, words[i])) bit = -1;
  return bit;
}

void dg_lexicon_word_masks(const dg_lexicon *lx, const char *word, size_t n, unsigned *lists,
                           unsigned *multi) {
  char pad[DG_WORDTAB_PAD] = {0}; /* the table's loads read DG_WORDTAB_PAD bytes */
  if (n <= sizeof pad) memcpy(pad, word, n), word = pad;
  const dg_wordtab_entry *e = dg_wordtab_get(&lx->word_lists, word, n);
  *lists = e ? e->lists : 0, *multi = e ? e->multi : 0;
}

const dg_wordtab *dg_lexicon_wordtab(const dg_lexicon *lx) { return &lx->word_lists; }

unsigned dg_lexicon_word_lists(const dg_lexicon *lx, const char *word, size_t n) {
  unsigned lists, multi;
  dg_lexicon_word_masks(lx, word, n, &lists, &multi);
  return lists;
}

const char *dg_lexicon_get(const dg_lexicon *lx, const char *list, const char *word) {
  return dg_lexicon_getn(lx, list, word, strlen(word));
}

int dg_lexicon_match(const dg_lexicon *lx, const char *list, char *const *words, int nwords,
                     const char **value) {
  size_t lens[16];
  if (nwords > 16) nwords = 16;
  for (int i = 0; i < nwords; i++) lens[i] = strlen(words[i]);
  return dg_lexicon_match_n(lx, list, (const char *const *)words, lens, nwords, value);
}

int dg_lexicon_match_n(const dg_lexicon *lx, const char *list, const char *const *words,
                       const size_t *lens, int nwords, const char **value) {
  int max = dg_map_get(&lx->maxwords, list);
  if (max < 1) return 0;
  if (max > nwords) max = nwords;
  char buf[256];
  for (int len = max; len >= 1; len--) {
    size_t n = 0;
    int ok = 1;
    for (int i = 0; i < len && ok; i++) {
      if (n + lens[i] + 1 >= sizeof buf) ok = 0;
      else {
        if (i) buf[n++] = ' ';
        memcpy(buf + n, words[i], lens[i]);
        n += lens[i];
      }
    }
    if (!ok) continue;
    const char *v = dg_lexicon_getn(lx, list, buf, n);
    if (v) {
      if (value) *value = v;
      return len;
    }
  }
  return 0;
}

static int gaz_class(const char *s, dg_kind *kind, unsigned *cls) {
  static const struct {
    const char *name;
    dg_kind kind;
    unsigned cls;
  } t[] = {{"country", DG_K_COUNTRY, DG_C_COUNTRY},
           {"place", DG_K_PLACE, DG_C_PLACE},
           {"org", DG_K_ORG, DG_C_ORG},
           {"body", DG_K_BODY, DG_C_BODY},
           {"programme", DG_K_PROGRAMME, DG_C_PROGRAMME},
           {"series", DG_K_SERIES, DG_C_SERIES}};
  for (size_t i = 0; i < sizeof t / sizeof *t; i++)
    if (!strcmp(s, t[i].name)) {
      *kind = t[i].kind;
      *cls = t[i].cls;
      return 0;
    }
  return -1;
}

static void split_bar(const char *s, dg_strvec *out) {
  while (*s) {
    const char *e = strchr(s, '|');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    while (n && s[0] == ' ') s++, n--;
    while (n && s[n - 1] == ' ') n--;
    if (n) {
      char *v = dg_xstrndup(s, n);
      dg_strvec_add_unique(out, v);
      free(v);
    }
    if (!e) break;
    s = e + 1;
  }
}

/* Gazetteer lookups fold plurals too ("Communications Technologies" =
 * "Communication Technology"); keys and IRIs keep the words as written. */
static void index_gaz(dg_lexicon *lx, const char *name, int idx) {
  size_t cap = strlen(name) * 3 + 64;
  char *o = dg_xmalloc(cap), *t = dg_xmalloc(cap);
  if (fold_into(name, o, cap, t, 1) == 0 && o[0] && dg_map_get(&lx->gaz_index, o) < 0) {
    dg_map_put(&lx->gaz_index, o, idx);
    note_word_kinds(lx, o, lx->gaz[idx].kind);
    size_t n = 0;
    while (o[n] && o[n] != ' ' && n < 4) n++;
    o[n] = '\0';
    if (n) short_put(&lx->gaz_starts, pack_word(o, n), 1); /* (no lookup asks about "") */
  }
  free(o);
  free(t);
}

/* Splits a TSV line in place into at most max fields. */
static int fields(char *line, char **f, int max) {
  int n = 0;
  f[n++] = line;
  for (char *p = line; *p && n < max; p++)
    if (*p == '\t') *p = '\0', f[n++] = p + 1;
  return n;
}

typedef int (*line_fn)(dg_lexicon *lx, char **f, int nf, const char *path, int lineno,
                       dg_error *err);

static int read_tsv(dg_lexicon *lx, const char *path, line_fn fn, dg_error *err) {
  FILE *fp = fopen(path, "r");
  if (!fp) return dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int lineno = 0, rc = 0;
  while ((n = getline(&line, &cap, fp)) >= 0) {
    lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (!n || line[0] == '#') continue;
    char *f[8] = {0};
    int nf = fields(line, f, 8);
    if ((rc = fn(lx, f, nf, path, lineno, err)) < 0) break;
  }
  free(line);
  fclose(fp);
  return rc;
}

static int lexicon_line(dg_lexicon *lx, char **f, int nf, const char *path, int lineno,
                        dg_error *err) {
  if (nf < 2 || !*f[0] || !*f[1])
    return dg_error_set(err, DG_ERR_INPUT, "%s:%d: expected LIST<TAB>WORD[<TAB>VALUE]", path, lineno);
  put_word(lx, f[0], f[1], nf >= 3 && *f[2] ? f[2] : "1");
  return 0;
}

static int gazetteer_line(dg_lexicon *lx, char **f, int nf, const char *path, int lineno,
                          dg_error *err) {
  dg_kind kind;
  unsigned cls;
  if (nf < 2 || !*f[1])
    return dg_error_set(err, DG_ERR_INPUT, "%s:%d: expected CLASS<TAB>NAME<TAB>VARIANTS<TAB>ACRONYMS<TAB>WIKIDATA", path, lineno);
  if (gaz_class(f[0], &kind, &cls) < 0)
    return dg_error_set(err, DG_ERR_INPUT, "%s:%d: unknown class '%s'", path, lineno, f[0]);
  if (lx->ngaz == lx->capgaz) {
    lx->capgaz = lx->capgaz ? lx->capgaz * 2 : 128;
    lx->gaz = dg_xrealloc(lx->gaz, lx->capgaz * sizeof *lx->gaz);
  }
  dg_gaz *g = &lx->gaz[lx->ngaz];
  memset(g, 0, sizeof *g);
  g->kind = kind;
  g->classes = cls;
  g->canonical = dg_xstrdup(f[1]);
  dg_strvec_init(&g->variants);
  dg_strvec_init(&g->acronyms);
  dg_strvec_push(&g->variants, f[1]);
  if (nf > 2) split_bar(f[2], &g->variants);
  if (nf > 3) split_bar(f[3], &g->acronyms);
  if (nf > 4 && *f[4]) g->wikidata = dg_xstrdup(f[4]);
  if (nf > 5 && *f[5]) g->parent = dg_xstrdup(f[5]);
  dg_buf k;
  dg_buf_init(&k);
  dg_lexicon_fold(g->canonical, &k);
  g->key = dg_buf_steal(&k);
  int idx = (int)lx->ngaz++;
  for (size_t i = 0; i < g->variants.n; i++) index_gaz(lx, g->variants.v[i], idx);
  for (size_t i = 0; i < g->acronyms.n; i++) index_gaz(lx, g->acronyms.v[i], idx);
  return 0;
}

int dg_lexicon_load(const char *dir, dg_lexicon **out, dg_error *err) {
  *out = NULL;
  dg_lexicon *lx = dg_xcalloc(1, sizeof *lx);
  lx->serial = dg_memo_new_owner();
  dg_map_init(&lx->words);
  dg_map_init(&lx->maxwords);
  dg_map_init(&lx->list_bits);
  dg_wordtab_init(&lx->word_lists);
  dg_map_init(&lx->gaz_index);
  dg_wordtab_init(&lx->word_kinds);
  dg_strvec_init(&lx->values);
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/lexicon.tsv", dir);
  int rc = read_tsv(lx, p.data, lexicon_line, err);
  if (rc == 0) {
    dg_buf_reset(&p);
    dg_buf_printf(&p, "%s/gazetteer.tsv", dir);
    rc = read_tsv(lx, p.data, gazetteer_line, err);
  }
  dg_buf_free(&p);
  if (rc < 0) {
    dg_lexicon_free(lx);
    return rc;
  }
  *out = lx;
  return 0;
}

void dg_lexicon_free(dg_lexicon *lx) {
  if (!lx) return;
  for (size_t i = 0; i < lx->ngaz; i++) {
    free(lx->gaz[i].canonical);
    free(lx->gaz[i].wikidata);
    free(lx->gaz[i].parent);
    free(lx->gaz[i].key);
    dg_strvec_free(&lx->gaz[i].variants);
    dg_strvec_free(&lx->gaz[i].acronyms);
  }
  free(lx->gaz);
  dg_map_free(&lx->words);
  dg_map_free(&lx->maxwords);
  dg_map_free(&lx->list_bits);
  dg_wordtab_free(&lx->word_lists);
  free(lx->gaz_starts.v);
  dg_wordtab_free(&lx->word_kinds);
  dg_map_free(&lx->gaz_index);
  dg_strvec_free(&lx->values);
  free(lx);
}

/* Could name fold to something starting like a gazetteer name? Looks at the
 * first word only (after a leading article), lower-cased: folding keeps the
 * first four letters of a word, except for the forms of the United States. */
static int may_be_in_gazetteer(const dg_lexicon *lx, const char *name) {
  const unsigned char *p = (const unsigned char *)name;
  for (int pass = 0; pass < 2; pass++) {
    while (*p && !c_alnum(*p) && *p < 0x80) p++;
    if (!*p || *p >= 0x80 || *p == 'U' || *p == 'u') return 1;
    const unsigned char *w = p;
    while (c_alnum(*p)) p++;
    if (*p >= 0x80) return 1; /* "Côte", "Hà Nội": folded as written, no shortcut */
    size_t n = (size_t)(p - w);
    if (pass == 0 && ((n == 3 && !strncasecmp((const char *)w, "the", 3)) ||
                      (n == 2 && !strncasecmp((const char *)w, "an", 2)) || (n == 1 && (*w == 'a' || *w == 'A'))))
      continue;
    /* pack_word lower-cases: the first four letters as they are */
    return short_get(&lx->gaz_starts, pack_word((const char *)w, n < 4 ? n : 4)) >= 0;
  }
  return 1;
}

static const dg_gaz *gazetteer_fold(const dg_lexicon *lx, const char *name, size_t len) {
  char o[2048], t[2048];
  /* no gazetteer name is that long: a cheap no */
  if (len * 3 + 64 > sizeof o) return NULL;
  if (fold_into(name, o, sizeof o, t, 1) < 0 || !o[0]) return NULL;
  int i = dg_map_get(&lx->gaz_index, o);
  return i < 0 ? NULL : &lx->gaz[i];
}

/* Answers are memoised per thread (dg_memo): documents ask about the same
 * names and name prefixes again and again (splitting, classifying, keys,
 * partner prefixes), and each answer costs a fold of the name. */
const dg_gaz *dg_lexicon_gazetteer(const dg_lexicon *lx, const char *name) {
  return dg_lexicon_gazetteer_n(lx, name, strlen(name));
}

const dg_gaz *dg_lexicon_gazetteer_n(const dg_lexicon *lx, const char *name, size_t len) {
  if (!may_be_in_gazetteer(lx, name)) return NULL;
  return dg_lexicon_gazetteer_passed(lx, name, len);
}

const dg_gaz *dg_lexicon_gazetteer_passed(const dg_lexicon *lx, const char *name, size_t len) {
  dg_memo *m = dg_memo_get(DG_MEMO_GAZETTEER, lx->serial);
  const dg_memo_entry *e = dg_memo_find(m, name, len);
  if (e) return e->value < 0 ? NULL : &lx->gaz[e->value];
  const dg_gaz *g = gazetteer_fold(lx, name, len);
  dg_memo_put(m, name, len, g ? (int)(g - lx->gaz) : -1, NULL);
  return g;
}

unsigned dg_lexicon_word_kinds(const dg_lexicon *lx, const char *w, size_t n) {
  char low[48 + DG_WORDTAB_PAD]; /* (the table's loads read DG_WORDTAB_PAD bytes) */
  if (!n || n > 48 || w[0] == 'U') return ~0u; /* "US", "U.S.": the United States */
  for (size_t i = 0; i < n; i++) {
    if (!c_alnum((unsigned char)w[i])) return ~0u;
    low[i] = (char)c_lower((unsigned char)w[i]);
  }
  if ((n == 3 && !memcmp(low, "the", 3)) || (n == 2 && !memcmp(low, "an", 2)) || (n == 1 && low[0] == 'a'))
    return ~0u; /* dropped by the fold */
  pthread_once(&spell_once, spell_index_build);
  if (may_spell(low, n)) return ~0u;
  /* the word as the gazetteer's index folds it: singular */
  int y;
  size_t m = singular_of(low, n, &y);
  if (y) low[m++] = 'y';
  memset(low + m, 0, DG_WORDTAB_PAD);
  const dg_wordtab_entry *e = dg_wordtab_get(&lx->word_kinds, low, m);
  return e ? e->lists : 0;
}

size_t dg_lexicon_word_kinds_span(const char *name, size_t len) {
  for (size_t i = 0; i + 24 <= len; i++)
    if ((name[i] | 0x20) == 'u' && !strncasecmp(name + i, "United States of America", 24)) return i;
  return len;
}

int dg_lexicon_gaz_may_start(const dg_lexicon *lx, const char *word, size_t n) {
  return n && short_get(&lx->gaz_starts, pack_word(word, n < 4 ? n : 4)) >= 0;
}

unsigned long dg_lexicon_serial(const dg_lexicon *lx) { return lx->serial; }

size_t dg_lexicon_ngaz(const dg_lexicon *lx) { return lx->ngaz; }
const dg_gaz *dg_lexicon_gaz_at(const dg_lexicon *lx, size_t i) { return &lx->gaz[i]; }
