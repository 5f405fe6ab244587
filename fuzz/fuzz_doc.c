/* fuzz_doc: libFuzzer target for the reader stage (dg_doc_from_memory) and
 * the sentence splitter behind it.
 *
 * The first input byte picks the format (text, HTML, XML, sniffed); the rest
 * is the file. Whatever the bytes, the reader must either fail with a one-line
 * message naming the file, or return NUL-free, valid UTF-8 text whose length
 * is doc->len; the sentence spans must be ordered and inside the text.
 * Any breach aborts, which libFuzzer reports as a crash.
 * Built and run by scripts/fuzz. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "dg_doc.h"
#include "dg_sentence.h"

static void require(int ok, const char *what) {
  if (ok) return;
  fprintf(stderr, "fuzz_doc: invariant broken: %s\n", what);
  abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  xmlInitParser();
  return 0;
}

static const char *const names[] = {"fuzz.txt", "fuzz.html", "fuzz.xml", "fuzz.dat"};
static const dg_doc_format formats[] = {DG_FMT_TEXT, DG_FMT_HTML, DG_FMT_XML, DG_FMT_AUTO};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  int which = data[0] & 3;
  dg_doc *doc = NULL;
  dg_error err;
  dg_error_clear(&err);
  int rc = dg_doc_from_memory(names[which], (const char *)data + 1, size - 1, formats[which],
                              &doc, &err);
  if (rc < 0) {
    require(doc == NULL, "no document on error");
    require(err.msg[0] != '\0', "an error has a message");
    require(strchr(err.msg, '\n') == NULL, "an error message is one line");
    require(strncmp(err.msg, names[which], strlen(names[which])) == 0,
            "an error message starts with the file name");
    return 0;
  }
  require(doc && doc->text, "a document has text");
  require(strlen(doc->text) == doc->len, "text has no NUL and len matches");
  const unsigned char *t = (const unsigned char *)doc->text;
  for (size_t i = 0; i < doc->len;) {
    int l = dg_utf8_seq_len(t + i, doc->len - i);
    require(l > 0, "text is valid UTF-8");
    i += (size_t)l;
  }
  if (doc->warning) require(strchr(doc->warning, '\n') == NULL, "a warning is one line");
  dg_sent *s = NULL;
  size_t n = dg_sentence_split(doc->text, doc->len, &s);
  size_t prev = 0;
  for (size_t i = 0; i < n; i++) {
    require(s[i].begin < s[i].end && s[i].end <= doc->len, "a sentence is a non-empty span");
    require(s[i].begin >= prev, "sentences are ordered and do not overlap");
    require((t[s[i].begin] & 0xC0) != 0x80 && (s[i].end == doc->len || (t[s[i].end] & 0xC0) != 0x80),
            "a sentence starts and ends on a character boundary");
    prev = s[i].end;
  }
  free(s);
  dg_doc_free(doc);
  return 0;
}
