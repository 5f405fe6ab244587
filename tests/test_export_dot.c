/* test_export_dot: the DOT writer, checked through Graphviz itself.
 *
 * The sample graph (export_sample.h) is written as DOT, laid out with the
 * real `dot -Tsvg`, and the SVG is read back with libxml2: dot must print
 * nothing on stderr; every entity must be a node with synthetic id whose
 * text is its label and whose tooltip starts with the full label, hostile
 * characters and all; literals sit inside nodes; every fact is an edge
 * labelled with its property; the series is a cluster with its events left
 * to right by date. Also: label wrapping, focus / depth / relation / doc
 * selection, the size limit and the missing-Graphviz path. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_export_dot.h"
#include "export_sample.h"
#include "testhelp.h"

/* ---- reading dot's SVG ---- */

typedef struct svg_item {
  char *cls;    /* node, edge, cluster; or "anchor" for <g id="a_..."> */
  char *id, *title, *tooltip, *text;
  char *parent; /* anchors: id of the node around them */
  double x;     /* of the first text */
} svg_item;

typedef struct svg {
  svg_item *items;
  size_t n;
  dg_buf top_text; /* texts outside nodes, edges and clusters (the legend) */
} svg;

static void gather(xmlNode *n, dg_buf *text, char **tooltip, double *x) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!strcmp((const char *)n->name, "text")) {
      xmlChar *c = xmlNodeGetContent(n);
      if (text->len) dg_buf_addc(text, ' ');
      dg_buf_adds(text, (const char *)c);
      xmlFree(c);
      xmlChar *xs = xmlGetProp(n, (const xmlChar *)"x");
      if (xs && *x < -1e8) *x = atof((const char *)xs);
      xmlFree(xs);
    } else if (!strcmp((const char *)n->name, "a") && !*tooltip) {
      xmlChar *t = xmlGetNsProp(n, (const xmlChar *)"title",
                                (const xmlChar *)"http://www.w3.org/1999/xlink");
      if (t) *tooltip = dg_xstrdup((const char *)t);
      xmlFree(t);
    }
    gather(n->children, text, tooltip, x);
  }
}

static svg_item *add_item(svg *s, xmlNode *n, const char *cls, const char *parent) {
  s->items = dg_xrealloc(s->items, (s->n + 1) * sizeof *s->items);
  svg_item *it = &s->items[s->n++];
  memset(it, 0, sizeof *it);
  it->x = -1e9;
  it->cls = dg_xstrdup(cls);
  it->parent = dg_xstrdup(parent ? parent : "");
  xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
  it->id = dg_xstrdup(id ? (char *)id : "");
  xmlFree(id);
  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "title")) {
      xmlChar *t = xmlNodeGetContent(c);
      it->title = dg_xstrdup((char *)t);
      xmlFree(t);
    }
  dg_buf text;
  dg_buf_init(&text);
  gather(n->children, &text, &it->tooltip, &it->x);
  it->text = dg_buf_steal(&text);
  return it;
}

static void walk(xmlNode *n, svg *s, const char *parent) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class");
    xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
    const char *c = cls ? (const char *)cls : "";
    if (!strcmp(c, "node") || !strcmp(c, "edge") || !strcmp(c, "cluster")) {
      svg_item *it = add_item(s, n, c, NULL);
      char *pid = dg_xstrdup(it->id);
      walk(n->children, s, pid); /* anchors inside */
      free(pid);
    } else if (id && !strncmp((const char *)id, "a_", 2) && !strcmp((const char *)n->name, "g")) {
      add_item(s, n, "anchor", parent);
      walk(n->children, s, parent); /* a box's anchor holds its cells' */
    } else if (!parent && !strcmp((const char *)n->name, "text")) {
      xmlChar *t = xmlNodeGetContent(n);
      dg_buf_printf(&s->top_text, "%s ", (const char *)t);
      xmlFree(t);
    } else {
      walk(n->children, s, parent);
    }
    xmlFree(cls);
    xmlFree(id);
  }
}

static int svg_read(const char *path, svg *s) {
  memset(s, 0, sizeof *s);
  dg_buf_init(&s->top_text);
  xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
  if (!doc) return -1;
  walk(xmlDocGetRootElement(doc), s, NULL);
  xmlFreeDoc(doc);
  return 0;
}

static void svg_free(svg *s) {
  for (size_t i = 0; i < s->n; i++) {
    svg_item *it = &s->items[i];
    free(it->cls), free(it->id), free(it->title), free(it->tooltip), free(it->text), free(it->parent);
  }
  free(s->items);
  dg_buf_free(&s->top_text);
}

static const svg_item *svg_find(const svg *s, const char *cls, const char *id, const char *title) {
  for (size_t i = 0; i < s->n; i++) {
    const svg_item *it = &s->items[i];
    if (strcmp(it->cls, cls)) continue;
    if (id && strcmp(it->id, id)) continue;
    if (title && (!it->title || strcmp(it->title, title))) continue;
    return it;
  }
  return NULL;
}

/* ---- helpers ---- */

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static int starts_with(const char *s, const char *prefix) {
  return s && !strncmp(s, prefix, strlen(prefix));
}

static int write_dot(const dg_view *v, const dg_dot_part *part, const char *path, dg_dot_stats *drawn) {
  FILE *fp = fopen(path, "wb");
  if (!fp) return -1;
  dg_error err;
  int rc = dg_dot_write(v, part, fp, drawn, &err);
  fclose(fp);
  return rc;
}

/* Runs dot -Tsvg; returns its exit status and its stderr in *errtext. */
static int run_dot(const char *dir, const char *dot, const char *svgpath, char **errtext) {
  dg_buf cmd, errpath;
  dg_buf_init(&cmd), dg_buf_init(&errpath);
  dg_buf_printf(&errpath, "%s/dot.err", dir);
  dg_buf_printf(&cmd, "dot -Tsvg '%s' -o '%s' 2>'%s'", dot, svgpath, errpath.data);
  int st = system(cmd.data);
  *errtext = test_slurp(errpath.data);
  dg_buf_free(&cmd), dg_buf_free(&errpath);
  return st;
}

static int find_label(const dg_view *v, const char *label) {
  for (size_t i = 0; i < v->nnodes; i++)
    if (!strcmp(v->nodes[i].n->label, label)) return (int)i;
  return -1;
}

/* ---- tests ---- */

static void test_wrap(void) {
  dg_strvec l;
  dg_strvec_init(&l);
  CHECK(dg_view_wrap("ASEAN Ministerial Conference on Cybersecurity", 26, 3, &l) == 0);
  CHECK(l.n == 3);
  if (l.n == 3) CHECK_STR(l.v[0], "ASEAN Ministerial");
  dg_strvec_free(&l);
  dg_strvec_init(&l);
  CHECK(dg_view_wrap("one two three four five six seven eight nine ten", 10, 2, &l) == 1);
  CHECK(l.n == 2);
  if (l.n == 2) CHECK_STR(l.v[1], "three\xE2\x80\xA6"); /* whole words where it can */
  dg_strvec_free(&l);
  dg_strvec_init(&l);
  /* cuts only between code points */
  dg_view_wrap("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 4, 1, &l);
  CHECK(l.n == 1);
  if (l.n == 1) CHECK_STR(l.v[0], "\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  dg_strvec_free(&l);
  dg_strvec_init(&l);
  dg_view_wrap("", 10, 2, &l);
  CHECK(l.n == 1 && !strcmp(l.v[0], ""));
  dg_strvec_free(&l);
  const char *bad = "a\xFF" "b";
  CHECK(dg_view_next_cp(&bad) == 'a' && dg_view_next_cp(&bad) == 0xFFFD && dg_view_next_cp(&bad) == 'b' &&
        dg_view_next_cp(&bad) == 0);
}

/* The label in the drawing: whole, or shortened with an ellipsis. */
static int shows_label(const char *text, const char *label) {
  char *lab = sample_squash(label), *txt = sample_squash(text);
  const char *ell = strstr(txt, "\xE2\x80\xA6");
  int ok;
  if (ell) {
    size_t n = (size_t)(ell - txt);
    while (n && txt[n - 1] == ' ') n--;
    ok = n > 0 && !strncmp(txt, lab, n);
  } else {
    ok = starts_with(txt, lab);
  }
  if (!ok) fprintf(stderr, "  text [%s] does not show label [%s]\n", txt, lab);
  free(lab), free(txt);
  return ok;
}

static void test_render(const char *dir) {
  dg_graph *g = sample_graph();
  dg_view *v = dg_view_new(g, getenv("DIPLOGRAPH_ONTOLOGY"));
  dg_buf dot, out;
  dg_buf_init(&dot), dg_buf_init(&out);
  dg_buf_printf(&dot, "%s/sample.dot", dir);
  dg_buf_printf(&out, "%s/sample.svg", dir);
  dg_dot_stats ds = {0, 0};
  const char *title = "Title with <markup> & \"quotes\" \\N";
  dg_dot_part part = {NULL, NULL, title};
  CHECK(write_dot(v, &part, dot.data, &ds) == 0);
  char *errtext = NULL;
  CHECK(run_dot(dir, dot.data, out.data, &errtext) == 0);
  CHECK(errtext && errtext[0] == '\0');
  if (errtext && *errtext) fprintf(stderr, "dot said: %s\n", errtext);
  free(errtext);

  svg s;
  CHECK(svg_read(out.data, &s) == 0);
  /* every entity but the series (drawn as its cluster) is shown, with an
   * anchor a_nK carrying its text, tooltip and URL */
  size_t anchors = 0;
  for (size_t i = 0; i < s.n; i++)
    anchors += !strcmp(s.items[i].cls, "anchor") && s.items[i].id[2] == 'n' && atoi(s.items[i].id + 3) > 0;
  CHECK(ds.entities == v->nnodes - 1);
  CHECK(anchors == ds.entities);
  CHECK(ds.layout_nodes < ds.entities); /* the mentioned-only programmes share a box */
  char idbuf[32];
  size_t packed = 0;
  for (size_t i = 0; i < v->nnodes; i++) {
    const dg_view_node *vn = &v->nodes[i];
    snprintf(idbuf, sizeof idbuf, "a_n%zu", i + 1);
    const svg_item *it = svg_find(&s, "anchor", idbuf, NULL);
    if (vn->n->kind == DG_K_SERIES) {
      CHECK(it == NULL);
      snprintf(idbuf, sizeof idbuf, "c%zu", i + 1);
      const svg_item *c = svg_find(&s, "cluster", idbuf, NULL);
      CHECK(c && starts_with(c->text, vn->n->label));
      continue;
    }
    CHECK(it != NULL);
    if (!it) continue;
    packed += it->parent[0] == 'm';
    /* tooltip: the full label, exactly, then details, then the IRI */
    dg_buf want;
    dg_buf_init(&want);
    dg_buf_printf(&want, "%s\n", vn->n->label);
    CHECK(starts_with(it->tooltip, want.data));
    if (!starts_with(it->tooltip, want.data))
      fprintf(stderr, "  tooltip of %s: [%s] want [%s]\n", idbuf, it->tooltip ? it->tooltip : "", want.data);
    CHECK(it->tooltip && strstr(it->tooltip, vn->n->iri));
    dg_buf_free(&want);
    CHECK(shows_label(it->text, vn->n->label));
    if (vn->date) CHECK(strstr(it->text, vn->date) != NULL);
  }
  CHECK(packed == 4); /* two programmes of 001, two of 003 */
  /* hostile names are among the labels, exactly (and were checked above) */
  for (size_t h = 0; h < SAMPLE_NHOSTILE; h++) CHECK(find_label(v, sample_hostile[h]) >= 0);
  for (size_t h = 0; h < SAMPLE_NMENTIONED; h++) CHECK(find_label(v, sample_hostile_mentioned[h]) >= 0);

  /* literals are inside nodes: no node is a bare date or ordinal; ids are ours */
  for (size_t i = 0; i < s.n; i++)
    if (!strcmp(s.items[i].cls, "node")) {
      CHECK(strcmp(s.items[i].text, "2019-10-03") != 0);
      CHECK(strcmp(s.items[i].text, "1") != 0);
      CHECK((s.items[i].id[0] == 'n' || s.items[i].id[0] == 'm') && atoi(s.items[i].id + 1) > 0);
    }
  int e1 = find_label(v, "1st ASEAN-U.S. Cyber Policy Dialogue");
  int e2 = find_label(v, "2nd ASEAN-U.S. Cyber Policy Dialogue");
  int e3 = find_label(v, "3rd ASEAN-U.S. Cyber Policy Dialogue");
  CHECK(e1 >= 0 && e2 >= 0 && e3 >= 0);
  if (e1 >= 0 && e2 >= 0 && e3 >= 0) {
    /* IRI order is 2nd, 3rd, 1st; the layout must follow time */
    CHECK(e2 < e3 && e3 < e1);
    snprintf(idbuf, sizeof idbuf, "n%d", e1 + 1);
    const svg_item *a = svg_find(&s, "node", idbuf, NULL);
    snprintf(idbuf, sizeof idbuf, "n%d", e2 + 1);
    const svg_item *b = svg_find(&s, "node", idbuf, NULL);
    snprintf(idbuf, sizeof idbuf, "n%d", e3 + 1);
    const svg_item *c = svg_find(&s, "node", idbuf, NULL);
    CHECK(a && b && c && a->x < b->x && b->x < c->x);
    CHECK(b && strstr(b->text, "virtual"));
    CHECK(c && strstr(c->text, "planned 2022"));
  }
  /* every fact is an edge labelled with its property; inSeries is the
   * cluster, and mentions of packed entities are one edge to their box */
  for (size_t f = 0; f < v->nfacts; f++) {
    const dg_view_fact *x = &v->facts[f];
    char title[64], aid[32];
    snprintf(aid, sizeof aid, "a_n%d", x->obj + 1);
    const svg_item *target = svg_find(&s, "anchor", aid, NULL);
    if (target && target->parent[0] == 'm')
      snprintf(title, sizeof title, "n%d->%s", x->subj + 1, target->parent);
    else
      snprintf(title, sizeof title, "n%d->n%d", x->subj + 1, x->obj + 1);
    const svg_item *it = svg_find(&s, "edge", NULL, title);
    if (x->pred == DG_P_INSERIES) {
      CHECK(it == NULL);
      continue;
    }
    CHECK(it && !strcmp(it->text, dg_view_pred_label(v, x->pred)));
    if (!it) fprintf(stderr, "  no edge %s\n", title);
  }
  /* the title and legend: every class drawn, every property drawn */
  CHECK(strstr(s.top_text.data, "Title with <markup> & \"quotes\" \\N") != NULL);
  for (size_t i = 0; i < v->nnodes; i++)
    if (v->nodes[i].cls >= 0) CHECK(strstr(s.top_text.data, dg_view_class_label(v, (unsigned)v->nodes[i].cls)) != NULL);
  for (size_t f = 0; f < v->nfacts; f++)
    if (v->facts[f].pred != DG_P_INSERIES) CHECK(strstr(s.top_text.data, dg_view_pred_label(v, v->facts[f].pred)) != NULL);
  svg_free(&s);

  /* deterministic, and independent of the order documents were added */
  char *first = test_slurp(dot.data);
  dg_graph *g2 = sample_graph_order(1);
  dg_view *v2 = dg_view_new(g2, getenv("DIPLOGRAPH_ONTOLOGY"));
  CHECK(write_dot(v2, &part, dot.data, NULL) == 0);
  char *second = test_slurp(dot.data);
  CHECK(first && second && !strcmp(first, second));
  free(first), free(second);
  dg_view_free(v2);
  dg_graph_free(g2);

  dg_buf_free(&dot), dg_buf_free(&out);
  dg_view_free(v);
  dg_graph_free(g);
}

static void test_select(void) {
  dg_graph *g = sample_graph();
  dg_view *v = dg_view_new(g, NULL);
  unsigned char *kn = dg_xmalloc(v->nnodes), *kf = dg_xmalloc(v->nfacts ? v->nfacts : 1);
  int e1 = find_label(v, "1st ASEAN-U.S. Cyber Policy Dialogue");
  int us = find_label(v, "United States"), lao = find_label(v, "Lao PDR"),
      my = find_label(v, "Malaysia"), sg = find_label(v, "Singapore"), ser = find_label(v, "ASEAN-U.S. Cyber Policy Dialogue");
  int *m = NULL;
  /* matching: label ignoring case, IRI tail, substring */
  CHECK(dg_view_match(v, "lao pdr", &m) == 1 && m[0] == lao);
  free(m);
  CHECK(dg_view_match(v, "country/malaysia", &m) == 1 && m[0] == my);
  free(m);
  CHECK(dg_view_match(v, "CYBER POLICY DIALOGUE", &m) >= 1);
  free(m);
  CHECK(dg_view_match(v, "Cyber Policy", &m) >= 4); /* the series and its three events */
  free(m);
  CHECK(dg_view_match(v, "no such thing", &m) == 0);
  free(m);

  int focus[1] = {e1};
  size_t n = dg_view_select(v, focus, 1, 1, 0, -1, kn, kf);
  CHECK(kn[e1] && kn[us] && kn[lao] && kn[sg] && kn[ser] && !kn[my]);
  CHECK(n >= 6 && n < v->nnodes);
  n = dg_view_select(v, focus, 1, 1, 1u << DG_P_COCHAIR, -1, kn, kf);
  CHECK(n == 3 && kn[us] && kn[lao] && !kn[sg]);
  n = dg_view_select(v, focus, 1, 2, 1u << DG_P_COCHAIR, -1, kn, kf);
  CHECK(n == 4 && !kn[my]); /* through the United States to the 2nd dialogue */
  n = dg_view_select(v, focus, 1, 3, 1u << DG_P_COCHAIR, -1, kn, kf);
  CHECK(n == 5 && kn[my]); /* and on to its other co-chair */
  n = dg_view_select(v, focus, 1, 0, 0, -1, kn, kf);
  CHECK(n == 1);
  int doc2 = find_label(v, "Co-Chairs' Statement on the Second ASEAN-U.S. Cyber Policy Dialogue");
  n = dg_view_select(v, NULL, 0, 0, 0, doc2, kn, kf);
  CHECK(kn[doc2] && kn[my] && kn[us] && !kn[lao]);
  for (size_t f = 0; f < v->nfacts; f++)
    if (kf[f]) CHECK(kn[v->facts[f].subj] && kn[v->facts[f].obj]);
  n = dg_view_select(v, NULL, 0, 0, 0, -1, kn, kf);
  CHECK(n == v->nnodes);
  free(kn), free(kf);
  dg_view_free(v);
  dg_graph_free(g);
}

static void test_files(const char *dir) {
  dg_build_opts o;
  memset(&o, 0, sizeof o);
  o.verbose = -1;
  dg_build_stats st;
  memset(&st, 0, sizeof st);
  dg_error err;
  dg_error_clear(&err);
  dg_buf p;
  dg_buf_init(&p);

  dg_graph *g = sample_graph();
  CHECK(dg_export_dot_files(g, dir, &o, &st, &err) == 0);
  dg_buf_printf(&p, "%s/graph.svg", dir);
  CHECK(exists(p.data));
  CHECK(st.nwritten == 2 && !strcmp(st.written[1], "graph.svg"));
  dg_graph_free(g);

  /* Graphviz missing: graph.dot still written, graph.svg not, no error */
  unlink(p.data);
  char *path = dg_xstrdup(getenv("PATH") ? getenv("PATH") : "");
  setenv("PATH", "/nonexistent", 1);
  g = sample_graph();
  memset(&st, 0, sizeof st);
  CHECK(dg_export_dot_files(g, dir, &o, &st, &err) == 0);
  CHECK(!exists(p.data) && st.nwritten == 1);
  setenv("PATH", path, 1);
  free(path);
  dg_graph_free(g);

  /* too large for dot: DOT yes, SVG no */
  dg_result *r = dg_result_new("big.txt", "big");
  int ev = dg_result_entity(r, DG_K_EVENT, "big meeting", "Big Meeting");
  for (int i = 0; i < DG_DOT_MAX_NODES + 10; i++) {
    char key[32];
    snprintf(key, sizeof key, "organisation %d", i);
    int e = dg_result_entity(r, DG_K_ORG, key, key);
    r->ents[e].classes |= DG_C_ORG;
    dg_result_fact(r, ev, DG_P_COCHAIR, e, -1);
  }
  g = dg_graph_new(NULL);
  CHECK(dg_graph_add(g, r, &err) == 0);
  dg_result_free(r);
  dg_graph_finalize(g);
  memset(&st, 0, sizeof st);
  CHECK(dg_export_dot_files(g, dir, &o, &st, &err) == 0);
  CHECK(!exists(p.data) && st.nwritten == 1);
  dg_buf_reset(&p);
  dg_buf_printf(&p, "%s/graph.dot", dir);
  char *text = test_slurp(p.data);
  CHECK(text && strstr(text, "organisation 409") != NULL);
  free(text);
  dg_graph_free(g);
  dg_buf_free(&p);
}

/* A whole-graph drawing leaves out entities no fact touches, and says so;
 * a focused one draws what it is asked for. */
static void test_unconnected(const char *dir) {
  dg_result *r = dg_result_new("u.txt", "u");
  int ev = dg_result_entity(r, DG_K_EVENT, "lonely meeting", "Lonely Meeting");
  dg_result_entity(r, DG_K_ORG, "nobody", "Nobody In Particular");
  int c = dg_result_entity(r, DG_K_COUNTRY, "chair", "Chairland");
  dg_result_fact(r, ev, DG_P_COCHAIR, c, -1);
  dg_graph *g = dg_graph_new(NULL);
  dg_error err;
  CHECK(dg_graph_add(g, r, &err) == 0);
  dg_result_free(r);
  dg_graph_finalize(g);
  dg_view *v = dg_view_new(g, NULL);
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/u.dot", dir);
  dg_dot_stats ds;
  CHECK(write_dot(v, NULL, p.data, &ds) == 0);
  char *text = test_slurp(p.data);
  CHECK(text && !strstr(text, "Nobody In Particular") && strstr(text, "Chairland") &&
        strstr(text, "1 entity without facts not drawn"));
  free(text);
  CHECK(ds.entities == 3); /* the source document, the meeting, its chair */
  int *m = NULL;
  CHECK(dg_view_match(v, "Nobody in particular", &m) == 1);
  unsigned char *kn = dg_xmalloc(v->nnodes), *kf = dg_xmalloc(v->nfacts + 1);
  dg_view_select(v, m, 1, 0, 0, -1, kn, kf);
  dg_dot_part part = {kn, kf, NULL};
  CHECK(write_dot(v, &part, p.data, &ds) == 0 && ds.entities == 1);
  text = test_slurp(p.data);
  CHECK(text && strstr(text, "Nobody In Particular"));
  free(text), free(m), free(kn), free(kf);
  dg_buf_free(&p);
  dg_view_free(v);
  dg_graph_free(g);
}

int main(void) {
  char dir[] = "/tmp/dg-test-dot-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_wrap();
  test_render(dir);
  test_select();
  test_files(dir);
  test_unconnected(dir);
  dg_buf cmd;
  dg_buf_init(&cmd);
  dg_buf_printf(&cmd, "rm -rf '%s'", dir);
  if (system(cmd.data) != 0) fprintf(stderr, "could not remove %s\n", dir);
  dg_buf_free(&cmd);
  xmlCleanupParser();
  return TEST_REPORT();
}
