/* test_export_html: the report page, read back with libxml2's HTML parser.
 *
 * On the sample graph (export_sample.h): one timeline row per event, in
 * time order, with venue, co-chairs and reporting statement; referenced
 * documents with their citing documents and stances; programmes and
 * bodies with acronyms; every fact with evidence links to a sentence
 * element holding that sentence; hostile names and evidence text come out
 * as text, never as markup; the diagram is inlined only when this run drew
 * it. (tests/cli/html_chromium.sh renders the corpus report in Chromium.) */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_export_dot.h"
#include "dg_export_html.h"
#include "export_sample.h"
#include "testhelp.h"

static const char *attr(xmlNode *n, const char *name, char *buf, size_t cap) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  snprintf(buf, cap, "%s", v ? (const char *)v : "");
  xmlFree(v);
  return buf;
}

/* Elements with the given tag (and class, if not NULL), in document order. */
static void find_all(xmlNode *n, const char *tag, const char *cls, xmlNode ***out, size_t *nout) {
  char buf[256];
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, tag) &&
        (!cls || !strcmp(attr(n, "class", buf, sizeof buf), cls))) {
      *out = dg_xrealloc(*out, (*nout + 1) * sizeof **out);
      (*out)[(*nout)++] = n;
    }
    find_all(n->children, tag, cls, out, nout);
  }
}

static xmlNode *by_id(xmlNode *n, const char *id) {
  char buf[256];
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && !strcmp(attr(n, "id", buf, sizeof buf), id)) return n;
    xmlNode *r = by_id(n->children, id);
    if (r) return r;
  }
  return NULL;
}

static char *text_of(xmlNode *n) {
  xmlChar *t = xmlNodeGetContent(n);
  char *s = dg_xstrdup(t ? (const char *)t : "");
  xmlFree(t);
  return s;
}

static int contains(xmlNode *n, const char *want) {
  char *t = text_of(n), *a = sample_squash(t), *w = sample_squash(want);
  int r = strstr(a, w) != NULL;
  free(t), free(a), free(w);
  return r;
}

static xmlNode *nth_td(xmlNode *tr, int k) {
  for (xmlNode *c = tr->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "td") && k-- == 0) return c;
  return NULL;
}

static int exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

static htmlDocPtr read_page(const char *dir) {
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/index.html", dir);
  htmlDocPtr doc = htmlReadFile(p.data, "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  dg_buf_free(&p);
  return doc;
}

static void test_page(const char *dir) {
  dg_graph *g = sample_graph();
  dg_build_opts o;
  memset(&o, 0, sizeof o);
  o.verbose = -1;
  dg_build_stats st;
  memset(&st, 0, sizeof st);
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_export_dot_files(g, dir, &o, &st, &err) == 0);
  CHECK(dg_export_html(g, dir, &o, &st, &err) == 0);
  CHECK(st.nwritten == 3 && !strcmp(st.written[2], "index.html"));

  htmlDocPtr doc = read_page(dir);
  CHECK(doc != NULL);
  if (!doc) return;
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlNode **rows = NULL;
  size_t n = 0;

  /* timeline: one row per event, earliest first */
  find_all(root, "tr", "event", &rows, &n);
  CHECK(n == 4);
  if (n == 4) {
    CHECK(contains(rows[0], "1st ASEAN-U.S. Cyber Policy Dialogue"));
    CHECK(contains(nth_td(rows[0], 0), "2019-10-03"));
    CHECK(contains(nth_td(rows[0], 3), "1"));
    CHECK(contains(nth_td(rows[0], 4), "Singapore"));
    CHECK(contains(nth_td(rows[0], 5), "Lao PDR") && contains(nth_td(rows[0], 5), "United States"));
    CHECK(contains(nth_td(rows[0], 6), "Co-Chairs' Statement on the Inaugural ASEAN-U.S. Cyber Policy Dialogue"));
    CHECK(contains(rows[1], "Meeting of \"the <Parties>\" {x|y}"));
    CHECK(contains(rows[2], "2nd ASEAN-U.S. Cyber Policy Dialogue") && contains(nth_td(rows[2], 4), "virtual"));
    CHECK(contains(nth_td(rows[2], 5), "Malaysia"));
    CHECK(contains(rows[3], "3rd ASEAN-U.S. Cyber Policy Dialogue") && contains(nth_td(rows[3], 0), "planned 2022"));
    for (size_t h = 0; h < SAMPLE_NHOSTILE; h++) CHECK(contains(nth_td(rows[1], 5), sample_hostile[h]));
  }
  free(rows), rows = NULL, n = 0;

  /* referenced documents: cited by two statements, with their stances */
  find_all(root, "tr", "reference", &rows, &n);
  CHECK(n == 1);
  if (n == 1) {
    CHECK(contains(nth_td(rows[0], 0), "ASEAN-U.S. Leaders' Statement on Cybersecurity Cooperation"));
    CHECK(contains(nth_td(rows[0], 2), "2"));
    CHECK(contains(nth_td(rows[0], 3), "recalls") && contains(nth_td(rows[0], 3), "reaffirms"));
  }
  free(rows), rows = NULL, n = 0;

  /* programmes and bodies, acronyms shown */
  find_all(root, "tr", "programme", &rows, &n);
  CHECK(n == 2 + SAMPLE_NMENTIONED);
  int amcc = 0;
  for (size_t i = 0; i < n; i++)
    amcc |= contains(rows[i], "ASEAN Ministerial Conference on Cybersecurity") && contains(rows[i], "AMCC");
  CHECK(amcc);
  for (size_t h = 0; h < SAMPLE_NMENTIONED; h++) {
    int found = 0;
    for (size_t i = 0; i < n; i++) found |= contains(nth_td(rows[i], 0), sample_hostile_mentioned[h]);
    CHECK(found);
  }
  free(rows), rows = NULL, n = 0;

  /* every fact with evidence links to a sentence that holds its text */
  size_t ne;
  const dg_edge *edges = dg_graph_edges(g, &ne);
  find_all(root, "tr", "fact", &rows, &n);
  CHECK(n == ne);
  size_t linked = 0;
  char buf[256];
  for (size_t i = 0; i < n; i++) {
    xmlNode **links = NULL;
    size_t nl = 0;
    find_all(nth_td(rows[i], 3), "a", NULL, &links, &nl);
    for (size_t k = 0; k < nl; k++) {
      const char *href = attr(links[k], "href", buf, sizeof buf);
      CHECK(href[0] == '#');
      xmlNode *s = by_id(root, href + 1);
      CHECK(s != NULL && !strcmp((const char *)s->name, "li"));
      int matches = 0;
      for (size_t e = 0; s && e < ne; e++) matches |= edges[e].ev_text && contains(s, edges[e].ev_text);
      CHECK(matches);
      linked++;
    }
    free(links);
  }
  CHECK(linked == ne); /* every sample fact has evidence */
  free(rows), rows = NULL, n = 0;

  /* hostile evidence is text: no <b> element came out of "<b>markup</b>" */
  find_all(root, "li", "sentence", &rows, &n);
  int hostile_sentence = 0;
  for (size_t i = 0; i < n; i++) hostile_sentence |= contains(rows[i], "A sentence with <b>markup</b>, \"quotes\"");
  CHECK(hostile_sentence);
  free(rows), rows = NULL, n = 0;
  find_all(root, "b", NULL, &rows, &n);
  for (size_t i = 0; i < n; i++) CHECK(!contains(rows[i], "markup"));
  free(rows), rows = NULL, n = 0;

  /* the diagram is inlined */
  xmlNode *diagram = by_id(root, "diagram");
  CHECK(diagram != NULL);
  find_all(diagram, "svg", NULL, &rows, &n);
  CHECK(n == 1);
  free(rows), rows = NULL, n = 0;
  xmlFreeDoc(doc);

  /* a stale graph.svg from an earlier run is never inlined */
  memset(&st, 0, sizeof st);
  o.no_dot = 1;
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/graph.svg", dir);
  CHECK(exists(p.data));
  dg_buf_free(&p);
  CHECK(dg_export_html(g, dir, &o, &st, &err) == 0);
  doc = read_page(dir);
  root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (root) find_all(root, "svg", NULL, &rows, &n);
  CHECK(root && n == 0);
  CHECK(root && contains(by_id(root, "diagram"), "--no-dot"));
  free(rows);
  xmlFreeDoc(doc);
  dg_graph_free(g);
}

/* A large graph: the facts table stops at its limit and says how many
 * more there are; long lists of names end in "and N more". */
static void test_large(const char *dir) {
  dg_result *r = dg_result_new("big.txt", "big");
  int ev = dg_result_entity(r, DG_K_EVENT, "big meeting", "Big Meeting");
  int s = sample_span(r, 0, "Everyone came.");
  int n = 5000 + 50;
  for (int i = 0; i < n; i++) {
    char key[32];
    snprintf(key, sizeof key, "organisation %d", i);
    dg_result_fact(r, ev, DG_P_COCHAIR, dg_result_entity(r, DG_K_ORG, key, key), s);
  }
  dg_graph *g = dg_graph_new(NULL);
  dg_error err;
  CHECK(dg_graph_add(g, r, &err) == 0);
  dg_result_free(r);
  dg_graph_finalize(g);
  dg_build_opts o;
  memset(&o, 0, sizeof o);
  o.no_dot = 1;
  dg_build_stats st;
  memset(&st, 0, sizeof st);
  CHECK(dg_export_html(g, dir, &o, &st, &err) == 0);
  htmlDocPtr doc = read_page(dir);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  xmlNode **rows = NULL;
  size_t nr = 0;
  if (root) find_all(root, "tr", "fact", &rows, &nr);
  CHECK(nr > 0 && nr < (size_t)n);
  CHECK(root && by_id(root, "facts-more") && contains(by_id(root, "facts-more"), "more facts"));
  free(rows), rows = NULL, nr = 0;
  if (root) find_all(root, "tr", "event", &rows, &nr);
  CHECK(nr == 1 && contains(nth_td(rows[0], 5), "more"));
  free(rows);
  xmlFreeDoc(doc);
  dg_graph_free(g);
}

int main(void) {
  char dir[] = "/tmp/dg-test-html-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_page(dir);
  test_large(dir);
  dg_buf cmd;
  dg_buf_init(&cmd);
  dg_buf_printf(&cmd, "rm -rf '%s'", dir);
  if (system(cmd.data) != 0) fprintf(stderr, "could not remove %s\n", dir);
  dg_buf_free(&cmd);
  xmlCleanupParser();
  return TEST_REPORT();
}
