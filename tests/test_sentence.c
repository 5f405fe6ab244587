/* test_sentence: the splitter on line ends (LF, CR LF, and CR alone, which
 * must act as line breaks even though dg_doc normalizes them) and on
 * degenerate input: empty, blank, one 5 MB line, millions of sentences.
 * Every span must be non-empty, ordered, inside the text, trimmed, and
 * start and end on UTF-8 character boundaries. */
#include <stdlib.h>
#include <string.h>

#include "dg_sentence.h"
#include "dg_str.h"
#include "testhelp.h"

static int spans_sane(const char *t, size_t len, const dg_sent *s, size_t n) {
  size_t prev = 0;
  for (size_t i = 0; i < n; i++) {
    size_t b = s[i].begin, e = s[i].end;
    if (b >= e || e > len || b < prev) return 0;
    if ((t[b] & 0xC0) == 0x80 || (e < len && (t[e] & 0xC0) == 0x80)) return 0;
    if (strchr(" \t\r\n", t[b]) || strchr(" \t\r\n", t[e - 1])) return 0;
    prev = e;
  }
  return 1;
}

/* The spans tile the text: none longer than DG_SENTENCE_MAX, and only
 * blanks outside them. */
static int pieces_cover(const char *t, size_t len, const dg_sent *s, size_t n) {
  size_t at = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i].end - s[i].begin > DG_SENTENCE_MAX || s[i].begin < at) return 0;
    for (; at < s[i].begin; at++)
      if (!strchr(" \t\r\n", t[at])) return 0;
    at = s[i].end;
  }
  for (; at < len; at++)
    if (!strchr(" \t\r\n", t[at])) return 0;
  return 1;
}

/* Splits text; returns the number of spans and checks they are sane. */
static size_t split(const char *t, dg_sent **s) {
  size_t n = dg_sentence_split(t, strlen(t), s);
  CHECK(spans_sane(t, strlen(t), *s, n));
  return n;
}

static int span_is(const char *t, const dg_sent *s, const char *want) {
  return s->end - s->begin == strlen(want) && !strncmp(t + s->begin, want, strlen(want));
}

static void test_line_ends(void) {
  static const char *const texts[] = {"Title line\nThe Dialogue was held.\nThe Meeting ended.",
                                      "Title line\r\nThe Dialogue was held.\r\nThe Meeting ended.",
                                      "Title line\rThe Dialogue was held.\rThe Meeting ended.\r"};
  for (size_t k = 0; k < 3; k++) {
    dg_sent *s = NULL;
    const char *t = texts[k];
    size_t n = split(t, &s);
    CHECK(n == 3);
    if (n == 3) {
      CHECK(span_is(t, &s[0], "Title line"));
      CHECK(span_is(t, &s[1], "The Dialogue was held."));
      CHECK(span_is(t, &s[2], "The Meeting ended."));
    }
    free(s);
  }
  /* a wrapped line (continuing in lower case) stays one sentence, whatever the line end */
  static const char *const wrapped[] = {"The Dialogue was\nheld in Singapore.",
                                        "The Dialogue was\r\nheld in Singapore.",
                                        "The Dialogue was\rheld in Singapore."};
  for (size_t k = 0; k < 3; k++) {
    dg_sent *s = NULL;
    CHECK(split(wrapped[k], &s) == 1);
    free(s);
  }
  /* blank lines of each kind end a paragraph */
  dg_sent *s = NULL;
  CHECK(split("first part\r\rsecond part", &s) == 2);
  free(s);
  CHECK(split("first part\r\n\r\nsecond part", &s) == 2);
  free(s);
}

static void test_degenerate(void) {
  dg_sent *s = NULL;
  CHECK(dg_sentence_split("", 0, &s) == 0);
  free(s);
  CHECK(split(" \t\r\n\r \n ", &s) == 0);
  free(s);
  CHECK(split("1.", &s) == 1);
  free(s);
  CHECK(split("...!!!???", &s) >= 1);
  free(s);
  /* non-ASCII right after a break, and a text ending inside a sequence */
  CHECK(split("Caf\xc3\xa9.\n\xe2\x80\x9cQuoted.\xe2\x80\x9d \xc3\xa9t\xc3\xa9", &s) >= 2);
  free(s);
  const char cut[] = "Abc. \xe2\x80";
  size_t n = dg_sentence_split(cut, sizeof cut - 1, &s);
  CHECK(n >= 1 && s[n - 1].end <= sizeof cut - 1);
  free(s);

  /* one line of 5 MB with no sentence end: pieces of at most
   * DG_SENTENCE_MAX bytes, cut at blanks, losing nothing */
  size_t big = 5u << 20;
  char *t = malloc(big + 1);
  for (size_t i = 0; i < big; i++) t[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 26);
  t[0] = 'A', t[big - 1] = 'z', t[big] = '\0';
  n = dg_sentence_split(t, big, &s);
  CHECK(pieces_cover(t, big, s, n));
  CHECK(n >= big / DG_SENTENCE_MAX && n <= 2 * big / DG_SENTENCE_MAX + 1);
  free(s);
  /* the same without any blank (one 5 MB word, multi-byte characters) */
  for (size_t i = 0; i + 2 <= big; i += 2) t[i] = '\xc3', t[i + 1] = '\xa9';
  n = dg_sentence_split(t, big, &s);
  CHECK(pieces_cover(t, big, s, n) && spans_sane(t, big, s, n));
  free(s);
  /* initials that never end a sentence: "A. A. A. ..." */
  for (size_t i = 0; i + 3 <= big; i += 3) memcpy(t + i, "A. ", 3);
  t[big] = '\0';
  n = dg_sentence_split(t, strlen(t), &s);
  CHECK(pieces_cover(t, strlen(t), s, n) && spans_sane(t, strlen(t), s, n));
  free(s);
  /* the same length of short sentences on one line */
  dg_buf b;
  dg_buf_init(&b);
  for (size_t i = 0; b.len < big; i++) dg_buf_adds(&b, i % 3 ? "It rose. " : "Dr. Smith spoke. ");
  n = dg_sentence_split(b.data, b.len, &s);
  CHECK(n > big / 20);
  CHECK(spans_sane(b.data, b.len, s, n));
  free(s);
  dg_buf_free(&b);
  free(t);
}

int main(void) {
  test_line_ends();
  test_degenerate();
  return TEST_REPORT();
}
