/* dg_doc: see dg_doc.h. */
#include "dg_doc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

void dg_doc_global_init(void) { xmlInitParser(); }

dg_doc_format dg_doc_format_of(const char *path) {
  const char *dot = strrchr(base_name(path), '.');
  if (!dot) return DG_FMT_AUTO;
  if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text")) return DG_FMT_TEXT;
  if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")) return DG_FMT_HTML;
  if (!strcasecmp(dot, ".xml")) return DG_FMT_XML;
  return DG_FMT_AUTO;
}

/* Windows-1252 code points for 0x80..0x9F; 0 where undefined. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static void decode_cp1252(const unsigned char *s, size_t n, dg_buf *out) {
  for (size_t i = 0; i < n; i++) {
    unsigned c = s[i];
    if (c >= 0x80 && c < 0xA0) c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
    dg_utf8_append(out, c);
  }
}

static int decode_utf16(const char *name, const unsigned char *s, size_t n, int big,
                        dg_buf *out, dg_error *err) {
  for (size_t i = 0; i + 1 < n; i += 2) {
    uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= n) return dg_error_set(err, DG_ERR_INPUT, "%s: truncated UTF-16 surrogate at byte %zu", name, i);
      uint32_t lo = big ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
      if (lo < 0xDC00 || lo > 0xDFFF)
        return dg_error_set(err, DG_ERR_INPUT, "%s: invalid UTF-16 surrogate pair at byte %zu", name, i);
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return dg_error_set(err, DG_ERR_INPUT, "%s: invalid UTF-16 surrogate at byte %zu", name, i);
    }
    if (u == 0) return dg_error_set(err, DG_ERR_INPUT, "%s: NUL character at byte %zu", name, i);
    dg_utf8_append(out, u);
  }
  return 0;
}

/* A CR that is not followed by LF (old Mac line ends, &#13;) becomes LF:
 * the sentence splitter and the title lines know lines by LF. CR LF stays
 * as it is, and no offset moves. memchr finds each CR many bytes at a time:
 * most texts have none. */
static void normalize_line_ends(char *s, size_t n) {
  for (char *p = s, *end = s + n; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
    if (p + 1 == end || p[1] != '\n') *p = '\n';
}

/* U+FFFE and U+FFFF (EF BF BE, EF BF BF) are noncharacters at which raptor
 * 2.0.15's writers stop: an N-Quads literal is cut there, and the Turtle
 * writer drops the rest of the subject's statements. Each becomes U+FFFD,
 * three bytes as well, so no offset moves. (Other noncharacters pass
 * through raptor unharmed.) */
static void replace_noncharacters(char *s, size_t n) {
  for (char *p = s; (p = memchr(p, 0xEF, n - (size_t)(p - s))); p++)
    if (n - (size_t)(p - s) >= 3 && (unsigned char)p[1] == 0xBF && ((unsigned char)p[2] & 0xFE) == 0xBE)
      p[2] = (char)0xBD;
}

/* What every decoded text goes through; neither step moves an offset. */
static void normalize_text(char *s, size_t n) {
  if (!n) return; /* s may be NULL: an empty buffer */
  normalize_line_ends(s, n);
  replace_noncharacters(s, n);
}

/* Messages are one line even when a file name holds a line break. */
static void one_line(char *s) {
  for (; *s; s++)
    if (*s == '\n' || *s == '\r') *s = ' ';
}

/* Returns the offset of the first invalid UTF-8 byte, or n if all valid. */
static size_t first_invalid_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    /* sixteen, else eight, ASCII bytes (no high bit) at a time */
    uint64_t w[2];
    if (i + 16 <= n && (memcpy(w, s + i, 16), !((w[0] | w[1]) & 0x8080808080808080ULL))) {
      i += 16;
      continue;
    }
    if (i + 8 <= n && (memcpy(w, s + i, 8), !(w[0] & 0x8080808080808080ULL))) {
      i += 8;
      continue;
    }
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    int l = dg_utf8_seq_len(s + i, n - i);
    if (!l) return i;
    i += (size_t)l;
  }
  return n;
}

static int decode_text(dg_doc *doc, const unsigned char *s, size_t n, dg_error *err) {
  dg_buf out;
  dg_buf_init(&out);
  int rc = 0;
  if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
    if ((rc = decode_utf16(doc->path, s + 2, n - 2, s[0] == 0xFE, &out, err)) < 0) goto cleanup;
  } else {
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) s += 3, n -= 3;
    const void *nul = memchr(s, 0, n);
    if (nul) {
      rc = dg_error_set(err, DG_ERR_INPUT, "%s: binary content (NUL byte at offset %zu), not text",
                        doc->path, (size_t)((const unsigned char *)nul - s));
      goto cleanup;
    }
    size_t bad = first_invalid_utf8(s, n);
    if (bad == n) {
      dg_buf_add(&out, (const char *)s, n);
    } else {
      decode_cp1252(s, n, &out);
      char w[256];
      snprintf(w, sizeof w, "%s: not UTF-8 (byte 0x%02X at offset %zu); decoded as Windows-1252",
               doc->path, s[bad], bad);
      one_line(w);
      doc->warning = dg_xstrdup(w);
    }
  }
  normalize_text(out.data, out.len);
  doc->len = out.len;
  doc->text = dg_buf_steal(&out);
cleanup:
  dg_buf_free(&out);
  return rc;
}

/* Elements whose text is not part of the statement. */
static int html_skipped(const char *name) {
  static const char *const skip[] = {"script", "style", "nav", "header", "footer", "noscript",
                                     "template", "aside", "form", "button", "select",
                                     "svg", "iframe", "object", "head", NULL};
  for (int i = 0; skip[i]; i++)
    if (!strcasecmp(name, skip[i])) return 1;
  return 0;
}

static int html_block(const char *name) {
  static const char *const blk[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4",
                                    "h5", "h6", "tr", "table", "section", "article", "main",
                                    "blockquote", "pre", "dd", "dt", "dl", "title", "body",
                                    "td", "th", "figcaption", "hr", "para", "section", NULL};
  for (int i = 0; blk[i]; i++)
    if (!strcasecmp(name, blk[i])) return 1;
  return 0;
}

/* XML: a depth-first walk of the tree without recursion. (libxml2 refuses
 * XML nested deeper than 256 elements with a clear error.) */
static void collect_text(xmlNodePtr root, dg_buf *out) {
  xmlNodePtr n = root;
  while (n) {
    int descend = 0;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) dg_buf_adds(out, (const char *)n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      if (html_block((const char *)n->name)) dg_buf_adds(out, "\n\n");
      descend = n->children != NULL;
    } else if (n->type == XML_DOCUMENT_NODE) {
      descend = n->children != NULL;
    }
    /* entity references, comments, PIs, DTD nodes: skipped on purpose */
    if (descend) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n && n->type == XML_ELEMENT_NODE && html_block((const char *)n->name))
        dg_buf_adds(out, "\n\n");
    }
    if (!n || n == root) break;
    n = n->next;
  }
}

/* HTML: SAX events straight into text, no tree. libxml2's tree builder stops
 * (silently, under RECOVER) at 256 levels of nesting; scraped pages nest
 * deeper, and their text must not vanish. The result is what a walk of the
 * tree would give: block elements open and close with a blank line, skipped
 * elements (and everything in them) give nothing. */
typedef struct html_sax {
  dg_buf *out;
  size_t skip; /* > 0: inside a skipped element, at this depth below it */
} html_sax;

static void html_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  (void)atts;
  html_sax *h = ((htmlParserCtxtPtr)ctx)->_private;
  if (h->skip) h->skip++;
  else if (html_skipped((const char *)name)) h->skip = 1;
  else if (html_block((const char *)name)) dg_buf_adds(h->out, "\n\n");
}

static void html_end(void *ctx, const xmlChar *name) {
  html_sax *h = ((htmlParserCtxtPtr)ctx)->_private;
  if (h->skip) h->skip--;
  else if (html_block((const char *)name)) dg_buf_adds(h->out, "\n\n");
}

static void html_chars(void *ctx, const xmlChar *s, int n) {
  html_sax *h = ((htmlParserCtxtPtr)ctx)->_private;
  if (!h->skip) dg_buf_add(h->out, (const char *)s, (size_t)n);
}

static int html_text(dg_doc *doc, const char *s, size_t n, dg_buf *out, dg_error *err) {
  if (!n) return 0;
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(s, (int)n);
  if (!ctxt) return dg_error_set(err, DG_ERR_NOMEM, "%s: cannot start the HTML parser", doc->path);
  htmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.startElement = html_start;
  sax.endElement = html_end;
  sax.characters = html_chars;
  sax.cdataBlock = html_chars;
  html_sax h = {out, 0};
  htmlSAXHandlerPtr saved = ctxt->sax;
  ctxt->sax = &sax;
  ctxt->_private = &h;
  htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
  htmlParseDocument(ctxt);
  ctxt->sax = saved;
  htmlFreeParserCtxt(ctxt);
  return 0;
}

static int xml_text(dg_doc *doc, const char *s, size_t n, dg_buf *out, dg_error *err) {
  xmlResetLastError();
  xmlDocPtr x = xmlReadMemory(s, (int)n, doc->name, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                  XML_PARSE_NOCDATA);
  if (!x) {
    /* libxml2 keeps the last error per thread; its message ends in a newline */
    const xmlError *e = xmlGetLastError();
    const char *why = e && e->message ? e->message : "";
    int wlen = (int)strcspn(why, "\n");
    if (e && wlen)
      return dg_error_set(err, DG_ERR_INPUT, "%s:%d: not well-formed XML: %.*s", doc->path,
                          e->line, wlen, why);
    return dg_error_set(err, DG_ERR_INPUT, "%s: not well-formed XML", doc->path);
  }
  collect_text((xmlNodePtr)x, out);
  xmlFreeDoc(x);
  return 0;
}

static int decode_markup(dg_doc *doc, const char *s, size_t n, int html, dg_error *err) {
  if (n > (size_t)0x7FFFFFFF)
    return dg_error_set(err, DG_ERR_INPUT, "%s: too large for the markup parser", doc->path);
  dg_buf out;
  dg_buf_init(&out);
  int rc = html ? html_text(doc, s, n, &out, err) : xml_text(doc, s, n, &out, err);
  if (rc < 0) {
    dg_buf_free(&out);
    return rc;
  }
  /* libxml2 hands back UTF-8; HTML entities are already decoded. */
  size_t bad = first_invalid_utf8((const unsigned char *)dg_buf_cstr(&out), out.len);
  if (bad != out.len) out.len = bad, out.data[bad] = '\0';
  normalize_text(out.data, out.len);
  doc->len = out.len;
  doc->text = dg_buf_steal(&out);
  return 0;
}

static int sniff_markup(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB) i = 3;
  while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
  if (i < n && s[i] == '<') {
    if (n - i >= 5 && !strncasecmp(s + i, "<?xml", 5)) return DG_FMT_XML;
    return DG_FMT_HTML;
  }
  return DG_FMT_TEXT;
}

int dg_doc_from_memory(const char *name, const char *bytes, size_t n, dg_doc_format fmt,
                       dg_doc **out, dg_error *err) {
  *out = NULL;
  dg_doc *doc = dg_xcalloc(1, sizeof *doc);
  doc->path = dg_xstrdup(name);
  doc->name = dg_xstrdup(base_name(name)); /* the dg:sourceFile literal */
  replace_noncharacters(doc->name, strlen(doc->name));
  if (fmt == DG_FMT_AUTO) fmt = sniff_markup(bytes, n);
  int rc;
  if (fmt == DG_FMT_HTML || fmt == DG_FMT_XML) {
    if (memchr(bytes, 0, n) && !(n >= 2 && ((unsigned char)bytes[0] == 0xFF || (unsigned char)bytes[0] == 0xFE)))
      rc = dg_error_set(err, DG_ERR_INPUT, "%s: binary content (NUL byte), not %s", doc->path,
                        fmt == DG_FMT_HTML ? "HTML" : "XML");
    else
      rc = decode_markup(doc, bytes, n, fmt == DG_FMT_HTML, err);
  } else {
    rc = decode_text(doc, (const unsigned char *)bytes, n, err);
  }
  if (rc < 0) {
    dg_doc_free(doc);
    return rc;
  }
  *out = doc;
  return 0;
}

int dg_doc_read(const char *path, dg_doc **out, dg_error *err) {
  *out = NULL;
  int rc = 0, fd = -1;
  char *bytes = NULL;
  struct stat st;
  /* O_NONBLOCK: a FIFO (or a device) must not hang the run; it is refused
   * below, and a regular file reads the same either way */
  fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(errno));
    goto cleanup;
  }
  if (fstat(fd, &st) < 0) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(errno));
    goto cleanup;
  }
  if (S_ISDIR(st.st_mode)) {
    rc = dg_error_set(err, DG_ERR_INPUT, "%s: is a directory", path);
    goto cleanup;
  }
  if (!S_ISREG(st.st_mode)) {
    rc = dg_error_set(err, DG_ERR_INPUT, "%s: not a regular file", path);
    goto cleanup;
  }
  if ((size_t)st.st_size > DG_DOC_MAX_BYTES) {
    rc = dg_error_set(err, DG_ERR_INPUT, "%s: file too large (%lld bytes, limit %zu)", path,
                      (long long)st.st_size, DG_DOC_MAX_BYTES);
    goto cleanup;
  }
  size_t cap = (size_t)st.st_size, n = 0;
  bytes = dg_xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap >= DG_DOC_MAX_BYTES) {
        rc = dg_error_set(err, DG_ERR_INPUT, "%s: file too large", path);
        goto cleanup;
      }
      cap = cap ? cap * 2 : 4096;
      bytes = dg_xrealloc(bytes, cap + 1);
    }
    ssize_t r = read(fd, bytes + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      rc = dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(errno));
      goto cleanup;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  rc = dg_doc_from_memory(path, bytes, n, dg_doc_format_of(path), out, err);
  if (rc == 0) {
    free((*out)->path);
    (*out)->path = dg_xstrdup(path);
  }
cleanup:
  if (fd >= 0) close(fd);
  free(bytes);
  return rc;
}

void dg_doc_free(dg_doc *doc) {
  if (!doc) return;
  free(doc->path);
  free(doc->name);
  free(doc->text);
  free(doc->warning);
  free(doc);
}

/* ---- input listing ---- */

static int wanted_file(const char *name) {
  return name[0] != '.' && dg_doc_format_of(name) != DG_FMT_AUTO;
}

typedef struct seen_dir {
  dev_t dev;
  ino_t ino;
} seen_dir;

typedef struct walk {
  dg_strvec *files;
  seen_dir *seen;
  size_t nseen;
  dg_warn_fn warn;
  void *wctx;
  int skipped; /* entries that may hold input but could not be listed */
} walk;

/* Reports one listing problem on one line; lost counts it as skipped input. */
static void note(walk *w, int lost, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(walk *w, int lost, const char *fmt, ...) {
  char msg[1200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  one_line(msg);
  if (lost) w->skipped++;
  if (w->warn) w->warn(w->wctx, lost, msg);
}

static void walk_dir(walk *w, const char *dir, int depth) {
  if (depth > 64) {
    note(w, 1, "%s: directory nesting too deep", dir);
    return;
  }
  struct stat st;
  if (stat(dir, &st) < 0) {
    note(w, 1, "%s: %s", dir, strerror(errno));
    return;
  }
  for (size_t i = 0; i < w->nseen; i++)
    if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino) {
      note(w, 0, "%s: directory loop, not followed", dir);
      return;
    }
  w->seen = dg_xrealloc(w->seen, (w->nseen + 1) * sizeof *w->seen);
  w->seen[w->nseen++] = (seen_dir){st.st_dev, st.st_ino};
  DIR *d = opendir(dir);
  if (!d) {
    note(w, 1, "%s: %s", dir, strerror(errno));
    return;
  }
  dg_strvec names;
  dg_strvec_init(&names);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue; /* ".", ".." and hidden entries */
    dg_strvec_push(&names, e->d_name);
  }
  closedir(d);
  dg_strvec_sort(&names);
  dg_buf p;
  dg_buf_init(&p);
  for (size_t i = 0; i < names.n; i++) {
    dg_buf_reset(&p);
    dg_buf_printf(&p, "%s/%s", dir, names.v[i]);
    struct stat es;
    if (stat(p.data, &es) < 0) {
      /* a dangling link, a link loop, or an entry gone since readdir */
      if (wanted_file(names.v[i]) || (lstat(p.data, &es) == 0 && S_ISLNK(es.st_mode)))
        note(w, 1, "%s: %s", p.data, strerror(errno));
    } else if (S_ISDIR(es.st_mode)) {
      walk_dir(w, p.data, depth + 1);
    } else if (wanted_file(names.v[i])) {
      if (S_ISREG(es.st_mode)) dg_strvec_push(w->files, p.data);
      else note(w, 1, "%s: not a regular file", p.data);
    }
  }
  dg_buf_free(&p);
  dg_strvec_free(&names);
}

static int cmp_input(const void *a, const void *b) {
  const char *x = *(char *const *)a, *y = *(char *const *)b;
  int c = strcmp(base_name(x), base_name(y));
  return c ? c : strcmp(x, y);
}

int dg_doc_list_inputs(char *const *args, size_t nargs, dg_strvec *files, dg_warn_fn warn,
                       void *warn_ctx) {
  int skipped = 0;
  for (size_t i = 0; i < nargs; i++) {
    struct stat st;
    walk w = {files, NULL, 0, warn, warn_ctx, 0};
    if (stat(args[i], &st) < 0) note(&w, 1, "%s: %s", args[i], strerror(errno));
    else if (S_ISDIR(st.st_mode)) walk_dir(&w, args[i], 0);
    else dg_strvec_push(files, args[i]);
    free(w.seen);
    skipped += w.skipped;
  }
  if (files->n > 1) qsort(files->v, files->n, sizeof *files->v, cmp_input);
  /* the same file named twice is read once */
  size_t w = 0;
  for (size_t i = 0; i < files->n; i++) {
    if (w && !strcmp(files->v[w - 1], files->v[i])) {
      free(files->v[i]);
      continue;
    }
    files->v[w++] = files->v[i];
  }
  files->n = w;
  return skipped;
}
