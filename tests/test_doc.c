/* test_doc: the reader stage on bad and hostile input (dg_doc_from_memory,
 * dg_doc_read, dg_doc_list_inputs). Every input either gives UTF-8 text or a
 * one-line error that starts with the file's path. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_doc.h"
#include "testhelp.h"

/* Reads bytes as name; returns the document (NULL on error, err filled). */
static dg_doc *mem(const char *name, const char *bytes, size_t n, dg_doc_format fmt, dg_error *err) {
  dg_doc *d = NULL;
  dg_error_clear(err);
  if (dg_doc_from_memory(name, bytes, n, fmt, &d, err) < 0) return NULL;
  return d;
}
#define MEM(name, lit, fmt, err) mem(name, lit, sizeof lit - 1, fmt, err)

static int one_line_naming(const char *msg, const char *path) {
  return msg && !strchr(msg, '\n') && !strchr(msg, '\r') && !strncmp(msg, path, strlen(path));
}

static void test_text(void) {
  dg_error err;
  dg_doc *d = MEM("in/empty.txt", "", DG_FMT_TEXT, &err);
  CHECK(d && d->len == 0 && d->text[0] == '\0' && !d->warning);
  CHECK_STR(d ? d->name : NULL, "empty.txt");
  dg_doc_free(d);

  d = MEM("ws.txt", " \t\n\n  \n", DG_FMT_TEXT, &err);
  CHECK(d && d->len == 7 && !d->warning);
  dg_doc_free(d);

  /* NUL byte: binary, a one-line error with the offset */
  d = MEM("in/nul.txt", "abc\0def", DG_FMT_TEXT, &err);
  CHECK(!d);
  CHECK(err.code == DG_ERR_INPUT);
  CHECK(one_line_naming(err.msg, "in/nul.txt"));
  CHECK(strstr(err.msg, "NUL byte at offset 3") != NULL);

  /* a PNG named .txt */
  d = MEM("image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", DG_FMT_TEXT, &err);
  CHECK(!d && one_line_naming(err.msg, "image.txt") && strstr(err.msg, "binary"));

  /* invalid UTF-8: Windows-1252, with a warning naming file and offset */
  d = MEM("in/cp.txt", "caf\xe9 \x93smart\x94 \x85 \x81.", DG_FMT_TEXT, &err);
  CHECK(d != NULL);
  if (d) {
    CHECK_STR(d->text, "caf\xc3\xa9 \xe2\x80\x9csmart\xe2\x80\x9d \xe2\x80\xa6 \xef\xbf\xbd.");
    CHECK(one_line_naming(d->warning, "in/cp.txt"));
    CHECK(d->warning && strstr(d->warning, "0xE9 at offset 3") && strstr(d->warning, "Windows-1252"));
  }
  dg_doc_free(d);
  /* U+FFFE / U+FFFF (raptor's writers stop at them) become U+FFFD, in
   * UTF-8, in UTF-16 and in the file name; offsets do not move */
  d = MEM("n\xef\xbf\xbf" "c.txt", "a\xef\xbf\xbf b\xef\xbf\xbe c\xef\xbf\xbd \xef\xbe\xbf", DG_FMT_TEXT, &err);
  CHECK(d != NULL);
  if (d) {
    CHECK_STR(d->text, "a\xef\xbf\xbd b\xef\xbf\xbd c\xef\xbf\xbd \xef\xbe\xbf");
    CHECK_STR(d->name, "n\xef\xbf\xbd" "c.txt");
    CHECK(!d->warning);
  }
  dg_doc_free(d);
  d = NULL;
  CHECK(dg_doc_from_memory("u16.txt", "\xff\xfe" "a\0\xff\xff", 6, DG_FMT_TEXT, &d, &err) == 0);
  if (d) CHECK_STR(d->text, "a\xef\xbf\xbd");
  dg_doc_free(d);
  /* a truncated sequence at the very end is invalid too */
  d = MEM("end.txt", "ok \xe2\x80", DG_FMT_TEXT, &err);
  CHECK(d && d->warning && strstr(d->warning, "offset 3"));
  dg_doc_free(d);
  /* a file name with a line break still gives a one-line warning */
  d = MEM("a\nb.txt", "\xff", DG_FMT_TEXT, &err);
  CHECK(d && d->warning && !strchr(d->warning, '\n'));
  dg_doc_free(d);

  /* UTF-8 BOM dropped */
  d = MEM("bom.txt", "\xef\xbb\xbf" "Text.", DG_FMT_TEXT, &err);
  CHECK_STR(d ? d->text : NULL, "Text.");
  CHECK(d && !d->warning);
  dg_doc_free(d);

  /* UTF-16 with BOM, both byte orders, with a surrogate pair (U+1F600) */
  d = MEM("le.txt", "\xff\xfe" "A\0\xe9\0\x3d\xd8\x00\xde\n\0", DG_FMT_TEXT, &err);
  CHECK_STR(d ? d->text : NULL, "A\xc3\xa9\xf0\x9f\x98\x80\n");
  dg_doc_free(d);
  d = MEM("be.txt", "\xfe\xff" "\0A\0\xe9\xd8\x3d\xde\x00\0\n", DG_FMT_TEXT, &err);
  CHECK_STR(d ? d->text : NULL, "A\xc3\xa9\xf0\x9f\x98\x80\n");
  dg_doc_free(d);
  d = MEM("lone.txt", "\xff\xfe" "A\0\x00\xdc", DG_FMT_TEXT, &err);
  CHECK(!d && one_line_naming(err.msg, "lone.txt") && strstr(err.msg, "surrogate"));
  d = MEM("trunc.txt", "\xff\xfe" "A\0\x3d\xd8", DG_FMT_TEXT, &err);
  CHECK(!d && one_line_naming(err.msg, "trunc.txt"));
  d = MEM("nul16.txt", "\xff\xfe" "A\0\0\0B\0", DG_FMT_TEXT, &err);
  CHECK(!d && one_line_naming(err.msg, "nul16.txt") && strstr(err.msg, "NUL"));

  /* line ends: CR LF kept (evidence is the file's text), a lone CR is LF */
  d = MEM("crlf.txt", "One.\r\nTwo.\r\n", DG_FMT_TEXT, &err);
  CHECK_STR(d ? d->text : NULL, "One.\r\nTwo.\r\n");
  dg_doc_free(d);
  d = MEM("cr.txt", "One.\rTwo.\r\rThree\r", DG_FMT_TEXT, &err);
  CHECK_STR(d ? d->text : NULL, "One.\nTwo.\n\nThree\n");
  dg_doc_free(d);
  d = MEM("mixed.txt", "\xff\xfe" "A\0\r\0B\0\r\0\n\0", DG_FMT_TEXT, &err);
  CHECK_STR(d ? d->text : NULL, "A\nB\r\n");
  dg_doc_free(d);
}

static void test_html(void) {
  dg_error err;
  static const char page[] =
      "<!DOCTYPE html><html><head><title>Title SECRET_TITLE</title>"
      "<style>.SECRET_STYLE { color: red }</style></head><body>"
      "<script>var SECRET_SCRIPT = \"</p>\";</script><noscript>SECRET_NOSCRIPT</noscript>"
      "<!-- SECRET_COMMENT --><nav>SECRET_NAV</nav>"
      "<p>Caf&eacute; &amp; &lt;b&gt; &#8220;quoted&#x201D; &nbsp;&#13;end &unknown; &amp</p>"
      "<p>Open <b>bold <i>italic</p> after <div><span>unclosed <p>para"
      "<script>document.write('SECRET_LATE')</script></body>";
  dg_doc *d = MEM("in/page.html", page, DG_FMT_HTML, &err);
  CHECK(d != NULL);
  if (d) {
    CHECK(!strstr(d->text, "SECRET"));
    CHECK(strstr(d->text, "Caf\xc3\xa9 & <b> \xe2\x80\x9cquoted\xe2\x80\x9d \xc2\xa0") != NULL);
    CHECK(strstr(d->text, "Open bold italic") != NULL);
    CHECK(strstr(d->text, "unclosed") && strstr(d->text, "para"));
    CHECK(!strchr(d->text, '\r'));
    CHECK(strlen(d->text) == d->len);
  }
  dg_doc_free(d);

  /* 100,000 levels: text inside and after the nesting is kept */
  enum { DEPTH = 100000 };
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_adds(&b, "<html><body><p>Before the nesting.</p>");
  for (int i = 0; i < DEPTH; i++) dg_buf_adds(&b, i % 2 ? "<div>" : "<span>");
  dg_buf_adds(&b, "Deep inside.");
  for (int i = DEPTH; i-- > 0;) dg_buf_adds(&b, i % 2 ? "</div>" : "</span>");
  dg_buf_adds(&b, "<p>After the nesting.</p>");
  for (int i = 0; i < DEPTH; i++) dg_buf_adds(&b, "<b>"); /* never closed */
  dg_buf_adds(&b, "Unclosed deep.</body></html>");
  d = mem("deep.html", b.data, b.len, DG_FMT_HTML, &err);
  CHECK(d && strstr(d->text, "Before the nesting.") && strstr(d->text, "Deep inside.") &&
        strstr(d->text, "After the nesting.") && strstr(d->text, "Unclosed deep."));
  dg_doc_free(d);
  dg_buf_free(&b);

  /* <meta charset> other than UTF-8 */
  d = MEM("w.html", "<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Hi\x94 caf\xe9</p></body></html>",
          DG_FMT_HTML, &err);
  CHECK(d && strstr(d->text, "\xe2\x80\x9cHi\xe2\x80\x9d caf\xc3\xa9"));
  dg_doc_free(d);
  d = MEM("l.htm",
          "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
          "</head><body><p>\xabNa\xefve\xbb</p></body></html>",
          DG_FMT_HTML, &err);
  CHECK(d && strstr(d->text, "\xc2\xab" "Na\xc3\xafve\xc2\xbb"));
  dg_doc_free(d);

  /* empty and markup-free HTML, and a NUL byte */
  d = MEM("e.html", "", DG_FMT_HTML, &err);
  CHECK(d && d->len == 0);
  dg_doc_free(d);
  d = MEM("t.html", "just text", DG_FMT_HTML, &err);
  CHECK(d && strstr(d->text, "just text"));
  dg_doc_free(d);
  d = MEM("n.html", "<p>a\0b</p>", DG_FMT_HTML, &err);
  CHECK(!d && one_line_naming(err.msg, "n.html"));
}

static void test_xml(void) {
  dg_error err;
  char secret[] = "/tmp/dg-test-doc-XXXXXX";
  int fd = mkstemp(secret);
  CHECK(fd >= 0);
  if (fd >= 0) {
    CHECK(write(fd, "SECRET_FILE_CONTENT", 19) == 19);
    close(fd);
  }
  dg_buf x;
  dg_buf_init(&x);
  dg_buf_printf(&x,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY ext SYSTEM \"file://%s\">"
                "<!ENTITY %% pe SYSTEM \"file://%s\"> %%pe;]>\n"
                "<r><p>The Dialogue was held in Singapore. &ext;</p><![CDATA[Kept <cdata>.]]></r>",
                secret, secret);
  dg_doc *d = mem("in/xxe.xml", x.data, x.len, DG_FMT_XML, &err);
  CHECK(d != NULL); /* parsed, with the entities left unexpanded */
  if (d) {
    CHECK(!strstr(d->text, "SECRET"));
    CHECK(strstr(d->text, "The Dialogue was held in Singapore.") != NULL);
    CHECK(strstr(d->text, "Kept <cdata>.") != NULL);
  }
  dg_doc_free(d);
  /* the same entity in an attribute: refused, and the file not read */
  dg_buf_reset(&x);
  dg_buf_printf(&x,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY ext SYSTEM \"file://%s\">]>"
                "<r a=\"&ext;\">text</r>", secret);
  d = mem("attr.xml", x.data, x.len, DG_FMT_XML, &err);
  CHECK(d ? !strstr(d->text, "SECRET") : one_line_naming(err.msg, "attr.xml"));
  CHECK(!strstr(err.msg, "SECRET"));
  dg_doc_free(d);
  unlink(secret);

  /* a billion laughs: refused or left unexpanded, quickly either way */
  dg_buf_reset(&x);
  dg_buf_adds(&x, "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY l0 \"lol\">");
  for (int i = 1; i < 10; i++) {
    dg_buf_printf(&x, "<!ENTITY l%d \"", i);
    for (int k = 0; k < 10; k++) dg_buf_printf(&x, "&l%d;", i - 1);
    dg_buf_adds(&x, "\">");
  }
  dg_buf_adds(&x, "]>\n<l><p>Before.</p><p>&l9;</p></l>");
  d = mem("laughs.xml", x.data, x.len, DG_FMT_XML, &err);
  CHECK(d ? !strstr(d->text, "lollol") && d->len < 1000 : one_line_naming(err.msg, "laughs.xml"));
  dg_doc_free(d);
  dg_buf_free(&x);

  /* not well-formed: the reason and the line */
  d = MEM("in/bad.xml", "<?xml version=\"1.0\"?>\n<r><p>unclosed</r>", DG_FMT_XML, &err);
  CHECK(!d && one_line_naming(err.msg, "in/bad.xml:2: not well-formed XML: "));
}

static int msgs_skipped, msgs_noted;
static char msgs[4096];
static void collect(void *ctx, int skipped, const char *msg) {
  (void)ctx;
  if (skipped) msgs_skipped++;
  else msgs_noted++;
  if (strchr(msg, '\n')) msgs_skipped += 1000; /* must be one line */
  strncat(msgs, msg, sizeof msgs - strlen(msgs) - 2);
  strcat(msgs, "|");
}

static void put(const char *dir, const char *name, const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "w");
  if (f) fputs(text, f), fclose(f);
}

static void test_read_and_list(void) {
  char dir[] = "/tmp/dg-test-list-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char p[512], q[512];
  put(dir, "b.txt", "B.");
  snprintf(p, sizeof p, "%s/sub", dir);
  mkdir(p, 0755);
  put(p, "a.html", "<p>A.</p>");
  put(p, "notes.md", "not an input");
  put(dir, ".hidden.txt", "hidden");
  snprintf(p, sizeof p, "%s/fifo.txt", dir);
  CHECK(mkfifo(p, 0644) == 0);
  snprintf(p, sizeof p, "%s/loop.txt", dir);
  CHECK(symlink("loop.txt", p) == 0);
  snprintf(p, sizeof p, "%s/gone.txt", dir);
  CHECK(symlink("no-such-target.txt", p) == 0);
  snprintf(p, sizeof p, "%s/sub/up", dir);
  CHECK(symlink("..", p) == 0);

  /* reading: a FIFO is refused at once (never waited on), a directory too */
  dg_doc *d = NULL;
  dg_error err;
  snprintf(p, sizeof p, "%s/fifo.txt", dir);
  alarm(20); /* a hang fails the test instead of blocking ctest */
  CHECK(dg_doc_read(p, &d, &err) < 0 && !d && one_line_naming(err.msg, p) &&
        strstr(err.msg, "not a regular file"));
  alarm(0);
  CHECK(dg_doc_read(dir, &d, &err) < 0 && one_line_naming(err.msg, dir));
  snprintf(p, sizeof p, "%s/gone.txt", dir);
  CHECK(dg_doc_read(p, &d, &err) < 0 && one_line_naming(err.msg, p) && strstr(err.msg, strerror(ENOENT)));
  snprintf(p, sizeof p, "%s/b.txt", dir);
  CHECK(dg_doc_read(p, &d, &err) == 0 && d && !strcmp(d->text, "B.") && !strcmp(d->path, p));
  dg_doc_free(d);

  /* listing: what may hold input but cannot be read is skipped and said */
  dg_strvec files;
  dg_strvec_init(&files);
  snprintf(q, sizeof q, "%s/missing-arg.txt", dir);
  char *args[] = {dir, q};
  int skipped = dg_doc_list_inputs(args, 2, &files, collect, NULL);
  CHECK(skipped == 4); /* fifo.txt, loop.txt, gone.txt, missing-arg.txt */
  CHECK(msgs_skipped == 4);
  CHECK(msgs_noted == 1); /* sub/up: a directory loop, not followed */
  CHECK(strstr(msgs, "fifo.txt: not a regular file") && strstr(msgs, "loop.txt: ") &&
        strstr(msgs, "gone.txt: ") && strstr(msgs, "missing-arg.txt: ") &&
        strstr(msgs, "directory loop"));
  CHECK(files.n == 2);
  if (files.n == 2) {
    snprintf(p, sizeof p, "%s/sub/a.html", dir);
    CHECK_STR(files.v[0], p); /* sorted by base name */
    snprintf(p, sizeof p, "%s/b.txt", dir);
    CHECK_STR(files.v[1], p);
  }
  dg_strvec_free(&files);

  const char *rm[] = {"b.txt", "sub/a.html", "sub/notes.md", "sub/up", ".hidden.txt",
                      "fifo.txt", "loop.txt", "gone.txt"};
  for (size_t i = 0; i < sizeof rm / sizeof *rm; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, rm[i]);
    unlink(p);
  }
  snprintf(p, sizeof p, "%s/sub", dir);
  rmdir(p);
  rmdir(dir);
}

int main(void) {
  test_text();
  test_html();
  test_xml();
  test_read_and_list();
  return TEST_REPORT();
}
