/* dg_resolve: see dg_resolve.h. */
#include "dg_resolve.h"

#include "dg_memo.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void dg_acr_init(dg_acr *a) {
  dg_idtab_init(&a->index);
  dg_strvec_init(&a->acrs);
  dg_strvec_init(&a->longs);
  dg_strvec_init(&a->names);
  dg_arena_init(&a->arena);
}

void dg_acr_free(dg_acr *a) {
  dg_idtab_free(&a->index);
  dg_arena_free(&a->arena); /* strings and vectors */
  dg_strvec_init(&a->acrs);
  dg_strvec_init(&a->longs);
  dg_strvec_init(&a->names);
}

typedef struct acr_probe {
  const dg_acr *a;
  const char *s;
  size_t n;
} acr_probe;

static int acr_eq(const void *ctx, uint32_t id) {
  const acr_probe *p = ctx;
  const char *x = p->a->acrs.v[id];
  return !strncmp(x, p->s, p->n) && !x[p->n];
}

/* The index of the acronym s[0..n) (no NUL inside), or -1. */
static int64_t acr_find(const dg_acr *a, const char *s, size_t n, uint64_t *h) {
  *h = dg_hash_fast(s, n);
  acr_probe p = {a, s, n};
  return dg_idtab_find(&a->index, *h, acr_eq, &p);
}

void dg_acr_define(dg_acr *a, const dg_lexicon *lx, const char *acr, const char *long_name) {
  uint64_t h;
  size_t n = strlen(acr);
  if (acr_find(a, acr, n, &h) >= 0) return; /* first definition wins */
  const char *key = dg_resolve_key_ref(lx, NULL, long_name);
  dg_arena_strvec_pushn(&a->arena, &a->longs, key, strlen(key));
  dg_arena_strvec_pushn(&a->arena, &a->names, long_name, strlen(long_name));
  dg_arena_strvec_pushn(&a->arena, &a->acrs, acr, n);
  dg_idtab_add(&a->index, h, (uint32_t)(a->acrs.n - 1));
}

/* The long form acr defines for the word s[0..n), or NULL. */
static const char *acr_long_n(const dg_acr *acr, const char *s, size_t n) {
  uint64_t h;
  int64_t i = acr && acr->index.n ? acr_find(acr, s, n, &h) : -1;
  return i < 0 ? NULL : acr->names.v[i];
}

const char *dg_acr_long(const dg_acr *a, const char *acr) { return acr_long_n(a, acr, strlen(acr)); }

/* "New Zealand–Viet Nam" is "New Zealand-Viet Nam": dashes to hyphens. */
static char *hyphens(const char *name) {
  size_t n = strlen(name);
  char *r = dg_xmalloc(n + 1), *w = r;
  const unsigned char *p = (const unsigned char *)name, *end = p + n;
  while (p < end) {
    /* copy up to the next lead byte of a three-byte sequence in one go */
    const unsigned char *q = memchr(p, 0xE2, (size_t)(end - p));
    if (!q) q = end;
    memcpy(w, p, (size_t)(q - p));
    w += q - p;
    p = q;
    if (p == end) break;
    if (p[1] == 0x80 && (p[2] == 0x91 || p[2] == 0x93)) {
      *w++ = '-';
      p += 3;
    } else {
      *w++ = (char)*p++;
    }
  }
  *w = '\0';
  return r;
}

static int is_actor(const dg_gaz *g) {
  return g && (g->kind == DG_K_COUNTRY || g->kind == DG_K_ORG);
}

/* The actor (country or organisation) the gazetteer names name[pos..e)
 * (e - pos <= 40), or NULL. */
static const dg_gaz *actor_part(const dg_lexicon *lx, const char *name, size_t pos, size_t e) {
  char part[48];
  memcpy(part, name + pos, e - pos);
  part[e - pos] = '\0';
  /* "U.S." inside "U.S.-ASEAN" arrives as "U.S." already */
  const dg_gaz *g = dg_lexicon_gazetteer_n(lx, part, e - pos);
  return is_actor(g) ? g : NULL;
}

/* Can a part of name that holds its word [wb, e) be an actor? No when the
 * gazetteer has the word in no country's or organisation's name (plain
 * is where that test holds: dg_lexicon_word_kinds_span). A part is looked
 * up only while all its words pass: a name's first partner is tried at
 * every dash, the next ones at every word end, and most of those parts
 * hold a word no actor's name has ("ASEAN-Japan Cyber ..."). */
static int actor_word(const dg_lexicon *lx, const char *name, size_t wb, size_t e, size_t plain) {
  const unsigned actors = 1u << DG_K_COUNTRY | 1u << DG_K_ORG;
  return wb >= e || e > plain || (dg_lexicon_word_kinds(lx, name + wb, e - wb) & actors);
}

/* Parses "A-B[-C] rest": fills keys of the partners; returns bytes of the
 * prefix (0 if none). */
static size_t partners(const dg_lexicon *lx, const char *name, dg_strvec *keys) {
  size_t pos = 0, len = strlen(name);
  /* a prefix needs a first partner (at most 40 bytes) followed by '-':
   * no dash by byte 40, no prefix */
  if (!memchr(name, '-', len < 41 ? len : 41)) return 0;
  size_t plain = dg_lexicon_word_kinds_span(name, len);
  /* nor without an actor right before one of those dashes (whatever the
   * longest actor then is, it ends at no dash): most dashed names
   * ("High-Level ...", "Asia-Pacific ...") leave here */
  int first = 0;
  for (size_t e = 1, wb = 0; e < len && e <= 40 && !first; e++) {
    if (name[e] != '-' && name[e] != ' ') continue;
    if (!actor_word(lx, name, wb, e, plain)) break;
    if (name[e] == '-' && actor_part(lx, name, 0, e)) first = 1;
    wb = e + 1;
  }
  if (!first) return 0;
  for (;;) {
    size_t best = 0;
    const dg_gaz *bg = NULL;
    /* longest part ending at '-' or ' ' or the end, at most 40 bytes */
    for (size_t e = pos + 1, wb = pos; e <= len && e - pos <= 40; e++) {
      if (e < len && name[e] != '-' && name[e] != ' ') continue;
      if (!actor_word(lx, name, wb, e, plain)) break;
      const dg_gaz *g = actor_part(lx, name, pos, e);
      if (g) best = e, bg = g;
      wb = e + 1;
    }
    if (!bg) break;
    dg_strvec_push(keys, bg->key);
    pos = best;
    if (pos < len && name[pos] == '-') {
      pos++;
      continue;
    }
    break;
  }
  if (keys->n < 2) return 0;
  return pos;
}

static size_t partner_prefix_of(const dg_lexicon *lx, const char *name_in) {
  char *name = hyphens(name_in);
  dg_strvec keys;
  dg_strvec_init(&keys);
  size_t n = partners(lx, name, &keys);
  /* bytes of the prefix in the original (a dash is three bytes there) */
  size_t m = 0, k = 0;
  for (const unsigned char *p = (const unsigned char *)name_in; *p && k < n; p++, m++, k++)
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x91 || p[2] == 0x93)) p += 2, m += 2;
  if (n) n = m;
  free(name);
  dg_strvec_free(&keys);
  return n;
}

/* Memoised per thread (dg_memo): series names come back document after
 * document, and each answer costs gazetteer lookups of every part. */
size_t dg_resolve_partner_prefix(const dg_lexicon *lx, const char *name) {
  size_t len = strlen(name);
  dg_memo *m = dg_memo_get(DG_MEMO_PREFIX, dg_lexicon_serial(lx));
  const dg_memo_entry *e = dg_memo_find(m, name, len);
  if (e) return (size_t)e->value;
  size_t n = partner_prefix_of(lx, name);
  m = dg_memo_get(DG_MEMO_PREFIX, dg_lexicon_serial(lx));
  if (n <= INT_MAX) dg_memo_put(m, name, len, (int)n, NULL);
  return n;
}

/* A string built on the stack when it fits (the key question of almost
 * every name does), else on the heap. Never copied: p may point into it. */
typedef struct qbuf {
  char *p;
  size_t n, cap;
  char small[512];
} qbuf;

static void qb_init(qbuf *b) { b->p = b->small, b->n = 0, b->cap = sizeof b->small, b->p[0] = '\0'; }
static void qb_free(qbuf *b) {
  if (b->p != b->small) free(b->p);
}
static void qb_add(qbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap * 2;
    while (cap < b->n + n + 1) cap *= 2;
    char *p = dg_xmalloc(cap);
    memcpy(p, b->p, b->n);
    qb_free(b);
    b->p = p, b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}
static void qb_addc(qbuf *b, char c) { qb_add(b, &c, 1); }

/* Appends s[0..n) with the separators key_question uses escaped, so that
 * two different questions never read the same. */
static void add_escaped(qbuf *q, const char *s, size_t n) {
  size_t i = strcspn(s, "\x1d\x1e\x1f"); /* s[n] is its NUL */
  qb_add(q, s, i); /* the common case: no separator, one copy */
  for (; i < n; i++) {
    if ((unsigned char)(s[i] - 0x1d) <= 2) qb_addc(q, '\x1d');
    qb_addc(q, s[i]);
  }
}


/* One bit (0x80) per byte of x in lo..hi (ASCII), eight bytes at once. */
static uint64_t in_range8(uint64_t x, unsigned lo, unsigned hi) {
  const uint64_t top = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
  uint64_t a = x & ~top; /* seven low bits: the sums carry into no other byte */
  return (a + ones * (0x80 - lo)) & ~(a + ones * (0x80 - hi - 1)) & ~x & top;
}

/* The number of bytes of m (in_range8's bits) that are set: one multiply
 * sums the eight 0/1 bytes into the top one. */
static int count8(uint64_t m) { return (int)(((m >> 7) * 0x0101010101010101ULL) >> 56); }

/* Is the word s[0..n) written mostly in capitals (two or more)? The C
 * locale's isupper/islower: ASCII letters only. end bounds the readable
 * bytes: where eight can be read, they are counted at once. */
static inline int capitals_word(const char *s, size_t n, const char *end) {
  static const unsigned char keep[16] = {255, 255, 255, 255, 255, 255, 255, 255};
  int upper = 0, lower = 0;
  size_t i = 0;
  for (; i < n && s + i + 8 <= end; i += 8) {
    uint64_t x, m;
    memcpy(&x, s + i, 8);
    if (n - i < 8) memcpy(&m, keep + 8 - (n - i), 8), x &= m; /* bytes past the word: 0 */
    upper += count8(in_range8(x, 'A', 'Z'));
    lower += count8(in_range8(x, 'a', 'z'));
  }
  for (; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    upper += (unsigned)(ch - 'A') < 26u;
    lower += (unsigned)(ch - 'a') < 26u;
  }
  return upper >= 2 && upper > lower;
}

static const char *singular(const char *w, size_t n) {
#define PL(p, sg) {p, sizeof p - 1, sg}
  static const struct { const char *pl; size_t n; const char *sg; } pl[] = {
      PL("meetings", "meeting"), PL("dialogues", "dialogue"), PL("summits", "summit"),
      PL("conferences", "conference"), PL("workshops", "workshop"), PL("seminars", "seminar"),
      PL("reports", "report"), PL("resolutions", "resolution")};
#undef PL
  if (n < 7 || w[n - 1] != 's') return NULL; /* every plural here: seven letters or more, an s */
  for (size_t i = 0; i < sizeof pl / sizeof *pl; i++)
    if (pl[i].n == n && !strncmp(w, pl[i].pl, n)) return pl[i].sg;
  return NULL;
}

/* Expands acronyms written in capitals inside name (not the whole name),
 * appending the folded result to out. */
static void fold_expanding(const dg_lexicon *lx, const dg_acr *acr, const char *name, dg_buf *out) {
  qbuf tmp;
  qb_init(&tmp);
  const char *p = name, *end = name + strlen(name);
  int words = memchr(name, ' ', (size_t)(end - name)) != NULL;
  while (*p) {
    const char *e = p;
    while (*e && *e != ' ') e++;
    size_t n = (size_t)(e - p);
    int expanded = 0;
    if (words && capitals_word(p, n, end)) {
      const char *lf = acr_long_n(acr, p, n);
      if (lf) {
        qb_add(&tmp, lf, strlen(lf));
        expanded = 1;
      } else {
        char small[64];
        char *w = n < sizeof small ? small : dg_xmalloc(n + 1);
        memcpy(w, p, n);
        w[n] = '\0';
        const dg_gaz *g = dg_lexicon_gazetteer_n(lx, w, n);
        if (g && dg_strvec_find(&g->acronyms, w) >= 0 && g->kind != DG_K_COUNTRY) {
          qb_add(&tmp, g->canonical, strlen(g->canonical));
          expanded = 1;
        }
        if (w != small) free(w);
      }
    }
    if (!expanded) qb_add(&tmp, p, n);
    if (*e) qb_addc(&tmp, ' ');
    p = *e ? e + 1 : e;
  }
  dg_buf f;
  dg_buf_init(&f);
  dg_lexicon_fold(tmp.p, &f);
  qb_free(&tmp);
  /* plural heads to singular */
  const char *s = dg_buf_cstr(&f);
  size_t start = out->len;
  while (*s) {
    const char *e = s;
    while (*e && *e != ' ') e++;
    const char *sg = singular(s, (size_t)(e - s));
    if (out->len > start) dg_buf_addc(out, ' ');
    if (sg) dg_buf_adds(out, sg);
    else dg_buf_add(out, s, (size_t)(e - s));
    s = *e ? e + 1 : e;
  }
  dg_buf_cstr(out);
  dg_buf_free(&f);
}

/* What a key depends on besides the lexicon: the name (dashes made
 * hyphens), and for every word of it that fold_expanding may expand, the
 * document's long form of it or none. The key memo's question. Returns
 * the number of such words (0: the key depends on the name alone). */
static int key_question(const dg_acr *acr, const char *name, size_t len, qbuf *q) {
  int words = 0;
  add_escaped(q, name, len);
  const char *end = name + len;
  for (const char *p = name; p < end;) {
    const char *e = memchr(p, ' ', (size_t)(end - p));
    size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
    if (capitals_word(p, n, end)) {
      const char *lf = acr_long_n(acr, p, n);
      qb_addc(q, lf ? '\x1f' : '\x1e');
      if (lf) add_escaped(q, lf, strlen(lf));
      words++;
    }
    p = e ? e + 1 : end;
  }
  return words;
}

static char *compute_key(const dg_lexicon *lx, const dg_acr *acr, const char *name) {
  dg_buf out;
  dg_buf_init(&out);
  dg_strvec keys;
  dg_strvec_init(&keys);
  size_t pre = partners(lx, name, &keys);
  if (pre) {
    dg_strvec_sort(&keys);
    for (size_t i = 0; i < keys.n; i++) {
      if (i) dg_buf_addc(&out, '-');
      dg_buf_adds(&out, keys.v[i]);
    }
    while (name[pre] == ' ') pre++;
    if (name[pre]) dg_buf_addc(&out, ' ');
  }
  fold_expanding(lx, acr, name + pre, &out);
  dg_strvec_free(&keys);
  return dg_buf_steal(&out);
}

/* Keys are memoised per thread (dg_memo): the same names are keyed in
 * document after document, and a key costs partner parsing and folds.
 * A hit costs one pass over the name to build the question and one hash.
 * A name's key with no acronyms defined is memoised by the name as given
 * too (DG_MEMO_KEY_PLAIN, its value the number of words the question
 * asks about): it is the key whenever that number is 0 (most names) or
 * the document defines no acronym, and a hit costs one hash, no pass over
 * the words. */
const char *dg_resolve_key_ref(const dg_lexicon *lx, const dg_acr *acr, const char *name_in) {
  size_t len_in = strlen(name_in), len = len_in;
  int no_acr = !acr || !acr->index.n; /* (acr_long_n finds nothing) */
  dg_memo *pm = dg_memo_get(DG_MEMO_KEY_PLAIN, dg_lexicon_serial(lx));
  const dg_memo_entry *pe = dg_memo_find(pm, name_in, len_in);
  if (pe && (!pe->value || no_acr)) return pe->text;
  char *dashed = memchr(name_in, 0xE2, len) ? hyphens(name_in) : NULL;
  const char *name = dashed ? dashed : name_in;
  if (dashed) len = strlen(dashed);
  qbuf q;
  qb_init(&q);
  int words = key_question(acr, name, len, &q);
  dg_memo *m = dg_memo_get(DG_MEMO_KEY, dg_lexicon_serial(lx));
  const dg_memo_entry *e = dg_memo_find(m, q.p, q.n);
  if (!e) {
    char *key = compute_key(lx, acr, name);
    m = dg_memo_get(DG_MEMO_KEY, dg_lexicon_serial(lx));
    e = dg_memo_put(m, q.p, q.n, 0, key);
    free(key);
  }
  if (!pe && (!words || no_acr)) { /* (e->text is then the key with no acronyms) */
    pm = dg_memo_get(DG_MEMO_KEY_PLAIN, dg_lexicon_serial(lx));
    dg_memo_put(pm, name_in, len_in, words, e->text);
  }
  qb_free(&q);
  free(dashed);
  return e->text;
}

char *dg_resolve_key(const dg_lexicon *lx, const dg_acr *acr, const char *name) {
  return dg_xstrdup(dg_resolve_key_ref(lx, acr, name));
}

int dg_resolve_distance(const char *a, const char *b, int cap) {
  size_t n = strlen(a), m = strlen(b);
  if ((n > m ? n - m : m - n) > (size_t)cap) return cap + 1;
  int *prev = dg_xmalloc((m + 1) * sizeof *prev), *cur = dg_xmalloc((m + 1) * sizeof *cur);
  for (size_t j = 0; j <= m; j++) prev[j] = (int)j;
  for (size_t i = 1; i <= n; i++) {
    cur[0] = (int)i;
    int rowmin = cur[0];
    for (size_t j = 1; j <= m; j++) {
      int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
      if (prev[j] + 1 < c) c = prev[j] + 1;
      if (cur[j - 1] + 1 < c) c = cur[j - 1] + 1;
      cur[j] = c;
      if (c < rowmin) rowmin = c;
    }
    int *t = prev;
    prev = cur, cur = t;
    if (rowmin > cap) {
      free(prev), free(cur);
      return cap + 1;
    }
  }
  int d = prev[m];
  free(prev), free(cur);
  return d > cap ? cap + 1 : d;
}
