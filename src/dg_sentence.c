/* dg_sentence: see dg_sentence.h. */
#include "dg_sentence.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dg_str.h"

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
static int is_nl(unsigned char c) { return c == '\n' || c == '\r'; }

/* Words after which a period does not end a sentence. */
static int abbreviation_before(const char *t, size_t dot) {
  size_t b = dot;
  while (b > 0 && !is_space((unsigned char)t[b - 1]) && !is_nl((unsigned char)t[b - 1]) &&
         t[b - 1] != '(' && t[b - 1] != '"')
    b--;
  size_t n = dot - b;
  if (n == 0) return 0;
  /* "1. The Dialogue ...": a paragraph number at the start of a line */
  if (n <= 3 && (b == 0 || t[b - 1] == '\n' || t[b - 1] == '\r')) {
    size_t k = b;
    while (k < dot && isdigit((unsigned char)t[k])) k++;
    if (k == dot) return 1;
  }
  /* "U.S." "U.K." "e.g." "i.e.": a period inside the word */
  if (memchr(t + b, '.', n)) return 1;
  /* single capital initial: "S. Iswaran" */
  if (n == 1 && isupper((unsigned char)t[b])) return 1;
  /* (with their lengths: most entries fail on that alone) */
#define A(s) {s, sizeof s - 1}
  static const struct { const char *s; size_t n; } abbr[] = {
      A("Mr"),  A("Mrs"), A("Ms"),  A("Dr"),  A("Prof"), A("St"),   A("No"),   A("Nos"),  A("Jr"),
      A("Sr"),  A("Gen"), A("Lt"),  A("Col"), A("Ret"),  A("Amb"),  A("H.E"),  A("Hon"),  A("vs"),
      A("etc"), A("Inc"), A("Ltd"), A("Co"),  A("Corp"), A("Art"),  A("para"), A("Fri"),  A("Mon"),
      A("Tue"), A("Wed"), A("Thu"), A("Sat"), A("Sun"),  A("Jan"),  A("Feb"),  A("Mar"),  A("Apr"),
      A("Jun"), A("Jul"), A("Aug"), A("Sep"), A("Sept"), A("Oct"),  A("Nov"),  A("Dec"),  A("Govt"),
      A("Dept")};
#undef A
  for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
    if (abbr[i].n == n && !strncmp(t + b, abbr[i].s, n)) return 1;
  return 0;
}

static int starts_sentence(const char *t, size_t len, size_t i) {
  while (i < len && is_space((unsigned char)t[i])) i++;
  if (i >= len) return 1;
  unsigned char c = (unsigned char)t[i];
  if (isupper(c) || isdigit(c) || c == '"' || c == '(' || c == '[' || c == '*') return 1;
  /* curly quotes and other non-ASCII openers */
  if (c >= 0x80) return 1;
  return 0;
}

static size_t skip_list_marker(const char *t, size_t b, size_t e) {
  size_t i = b;
  /* "1." "12)" "(a)" "·" "•" "-" "*" markers */
  if (i < e && (t[i] == '*' || t[i] == '-')) i++;
  else if (e - i >= 2 && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xB7) i += 2;
  else if (e - i >= 3 && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
           (unsigned char)t[i + 2] == 0xA2) i += 3;
  else {
    size_t j = i;
    while (j < e && isdigit((unsigned char)t[j])) j++;
    if (j > i && j - i <= 3 && j < e && (t[j] == '.' || t[j] == ')') && j + 1 < e &&
        is_space((unsigned char)t[j + 1]))
      i = j + 1;
  }
  while (i < e && (is_space((unsigned char)t[i]))) i++;
  return i == e ? b : i;
}

static int is_blank(unsigned char c) { return is_space(c) || is_nl(c); }

static void push(dg_sent **v, size_t *n, size_t *cap, const char *t, size_t b, size_t e) {
  while (b < e && is_blank((unsigned char)t[b])) b++;
  while (e > b && is_blank((unsigned char)t[e - 1])) e--;
  b = skip_list_marker(t, b, e);
  while (b < e) {
    /* an overlong span is cut at its last blank before the limit (else at a
     * character boundary): the pieces keep every byte, in order */
    size_t cut = e;
    if (e - b > DG_SENTENCE_MAX) {
      cut = b + DG_SENTENCE_MAX;
      while (cut > b + DG_SENTENCE_MAX / 2 && !is_blank((unsigned char)t[cut])) cut--;
      if (!is_blank((unsigned char)t[cut]))
        for (cut = b + DG_SENTENCE_MAX; cut > b + 1 && ((unsigned char)t[cut] & 0xC0) == 0x80;)
          cut--;
    }
    size_t end = cut;
    while (end > b && is_blank((unsigned char)t[end - 1])) end--;
    if (*n == *cap) {
      *cap = *cap ? *cap * 2 : 64;
      *v = dg_xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[(*n)++] = (dg_sent){b, end};
    for (b = cut; b < e && is_blank((unsigned char)t[b]);) b++;
  }
}

/* The bytes at which a sentence may end, and where the next of each is
 * from some offset on: each found by memchr, which reads many bytes a
 * step, and kept until the text is read past it. Most bytes are never
 * looked at one by one. */
static const char end_bytes[] = {'.', '\n', '!', '?', '\r'};
enum { N_END = sizeof end_bytes };
typedef struct next_ends {
  size_t at[N_END]; /* offset of the next such byte, len if none */
} next_ends;

static size_t next_end(next_ends *ne, const char *t, size_t i, size_t len) {
  size_t best = len;
  for (int k = 0; k < N_END; k++) {
    if (ne->at[k] < i) {
      const char *p = memchr(t + i, end_bytes[k], len - i);
      ne->at[k] = p ? (size_t)(p - t) : len;
    }
    if (ne->at[k] < best) best = ne->at[k];
  }
  return best;
}

size_t dg_sentence_split(const char *t, size_t len, dg_sent **out) {
  dg_sent *v = NULL;
  size_t n = 0, cap = 0, start = 0;
  next_ends ne;
  for (int k = 0; k < N_END; k++) {
    const char *p = memchr(t, end_bytes[k], len);
    ne.at[k] = p ? (size_t)(p - t) : len;
  }
  for (size_t i = 0; i < len; i++) {
    i = next_end(&ne, t, i, len);
    if (i >= len) break;
    unsigned char c = (unsigned char)t[i];
    if (is_nl(c)) {
      size_t j = i + 1;
      if (c == '\r' && j < len && t[j] == '\n') j++;
      /* a wrapped line continues in lower case; any other line break ends */
      size_t k = j;
      while (k < len && is_space((unsigned char)t[k])) k++;
      int blank = k < len && is_nl((unsigned char)t[k]);
      if (!blank && k < len && islower((unsigned char)t[k])) {
        i = j - 1;
        continue;
      }
      push(&v, &n, &cap, t, start, i);
      start = j;
      i = j - 1;
      continue;
    }
    if ((c == '.' || c == '!' || c == '?') && i + 1 < len) {
      size_t j = i + 1;
      /* closing quotes/brackets stay with the sentence */
      while (j < len && (t[j] == '"' || t[j] == ')' || t[j] == '\'')) j++;
      while (j + 2 < len && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
             ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99))
        j += 3;
      if (j + 1 < len && (unsigned char)t[j] == 0xC2 && (unsigned char)t[j + 1] == 0xA0) {
        /* a no-break space after the period counts as space */
      } else if (j < len && !is_space((unsigned char)t[j])) continue;
      if (c == '.' && abbreviation_before(t, i)) continue;
      if (!starts_sentence(t, len, j)) continue;
      push(&v, &n, &cap, t, start, j);
      start = j;
      i = j - 1;
    }
  }
  push(&v, &n, &cap, t, start, len);
  *out = v;
  return n;
}
