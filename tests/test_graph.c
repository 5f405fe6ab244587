/* test_graph: dg_graph merging, labels, IRIs, quad tables and evidence,
 * on dg_results built here by hand (no extractor involved). */
#include <stdlib.h>
#include <string.h>

#include "dg_graph.h"
#include "testhelp.h"

#define BASE "http://example.org/kg/"
#define RDF_TYPE DG_NS_RDF "type"

/* ---- helpers over the graph's tables ---- */

static int cmp_term(const dg_term *x, const dg_term *y) {
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  int c = strcmp(x->value, y->value);
  if (c) return c;
  c = strcmp(x->datatype ? x->datatype : "", y->datatype ? y->datatype : "");
  if (c) return c;
  return strcmp(x->lang ? x->lang : "", y->lang ? y->lang : "");
}

/* Compares quads by the values of graph, subject, predicate, object. */
static int cmp_quad_values(const dg_graph *g, const dg_quad *a, const dg_quad *b, int with_g) {
  uint32_t ka[4] = {a->g, a->s, a->p, a->o}, kb[4] = {b->g, b->s, b->p, b->o};
  for (int i = with_g ? 0 : 1; i < 4; i++) {
    int c = cmp_term(dg_graph_term(g, ka[i]), dg_graph_term(g, kb[i]));
    if (c) return c;
  }
  return 0;
}

/* Strictly increasing: sorted and without duplicates. */
static int strictly_sorted(const dg_graph *g, const dg_quad *q, size_t n, int with_g) {
  for (size_t i = 1; i < n; i++)
    if (cmp_quad_values(g, &q[i - 1], &q[i], with_g) >= 0) return 0;
  return 1;
}

static int term_is(const dg_graph *g, uint32_t id, const char *value) {
  return !value || !strcmp(dg_graph_term(g, id)->value, value);
}

/* Number of quads matching; NULL matches anything. */
static size_t count(const dg_graph *g, const dg_quad *q, size_t n, const char *s, const char *p,
                    const char *o, const char *gr) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += term_is(g, q[i].s, s) && term_is(g, q[i].p, p) && term_is(g, q[i].o, o) &&
         term_is(g, q[i].g, gr);
  return c;
}

static size_t nfacts(const dg_graph *g, const char *s, const char *p, const char *o,
                     const char *gr) {
  size_t n;
  const dg_quad *q = dg_graph_quads(g, &n);
  return count(g, q, n, s, p, o, gr);
}

static size_t nevidence(const dg_graph *g, const char *s, const char *p, const char *o,
                        const char *gr) {
  size_t n;
  const dg_quad *q = dg_graph_evidence(g, &n);
  return count(g, q, n, s, p, o, gr);
}

static void dump_term(const dg_term *t, dg_buf *b) {
  if (t->kind == DG_TERM_IRI) {
    dg_buf_printf(b, "<%s>", t->value);
    return;
  }
  dg_buf_printf(b, "\"%s\"", t->value);
  if (t->datatype) dg_buf_printf(b, "^^<%s>", t->datatype);
  if (t->lang) dg_buf_printf(b, "@%s", t->lang);
}

static void dump_table(const dg_graph *g, const dg_quad *q, size_t n, dg_buf *b) {
  for (size_t i = 0; i < n; i++) {
    uint32_t k[4] = {q[i].s, q[i].p, q[i].o, q[i].g};
    for (int j = 0; j < 4; j++) {
      dump_term(dg_graph_term(g, k[j]), b);
      dg_buf_addc(b, ' ');
    }
    dg_buf_adds(b, ".\n");
  }
}

/* Every table of a finalized graph as text, for comparing two graphs. */
static char *dump(const dg_graph *g) {
  dg_buf b;
  size_t n;
  dg_buf_init(&b);
  const dg_quad *q = dg_graph_quads(g, &n);
  dump_table(g, q, n, &b);
  dg_buf_adds(&b, "--\n");
  q = dg_graph_evidence(g, &n);
  dump_table(g, q, n, &b);
  dg_buf_adds(&b, "--\n");
  q = dg_graph_union(g, &n);
  for (size_t i = 0; i < n; i++) {
    dump_term(dg_graph_term(g, q[i].s), &b);
    dump_term(dg_graph_term(g, q[i].p), &b);
    dump_term(dg_graph_term(g, q[i].o), &b);
    dg_buf_addc(&b, '\n');
  }
  return dg_buf_steal(&b);
}

/* The first call keeps g's dump in *first; later calls check theirs equal. */
static void same_as_first(const dg_graph *g, char **first) {
  char *d = dump(g);
  if (!*first) {
    *first = d;
    return;
  }
  CHECK_STR(d, *first);
  free(d);
}

/* The live node (after merges) with this kind and key, or NULL. */
static const dg_node *node(const dg_graph *g, dg_kind kind, const char *key) {
  size_t n;
  const dg_node *nodes = dg_graph_nodes(g, &n);
  for (size_t i = 0; i < n; i++)
    if (nodes[i].kind == kind && !strcmp(nodes[i].key, key))
      return &nodes[dg_graph_canonical(g, (int)i)];
  return NULL;
}

static size_t nnodes_of(const dg_graph *g, dg_kind kind) {
  size_t n, c = 0;
  const dg_node *nodes = dg_graph_nodes(g, &n);
  for (size_t i = 0; i < n; i++) c += nodes[i].kind == kind && nodes[i].alias_of < 0;
  return c;
}

static dg_graph *graph_of(dg_result **rs, size_t n, const int *order) {
  dg_graph *g = dg_graph_new(BASE);
  for (size_t i = 0; i < n; i++) {
    dg_error err;
    dg_error_clear(&err);
    CHECK(dg_graph_add(g, rs[order ? order[i] : (int)i], &err) == 0);
  }
  dg_graph_finalize(g);
  return g;
}

/* ---- the documents ---- */

static const char S1[] = "The Second Canada-Viet Nam Dialogue was co-chaired by Canada and Viet Nam.";
static const char S2[] = "Vietnam and Canada met again.";

/* a.txt: an event co-chaired by canada and viet-nam, with evidence */
static dg_result *doc_a(void) {
  dg_result *r = dg_result_new("a.txt", "a");
  int ev = dg_result_entity(r, DG_K_EVENT, "canada-viet-nam-dialogue-2", "Second Canada-Viet Nam Dialogue");
  int se = dg_result_entity(r, DG_K_SERIES, "canada viet nam dialogue", "Canada-Viet Nam Dialogue");
  int ca = dg_result_entity(r, DG_K_COUNTRY, "canada", "Canada");
  int vn = dg_result_entity(r, DG_K_COUNTRY, "viet nam", "Viet Nam");
  r->ents[ev].classes = DG_C_EVENT | DG_C_DIALOGUE;
  r->ents[ev].series = se;
  r->ents[ev].ordinal = 2;
  r->ents[se].classes = DG_C_SERIES;
  r->ents[ca].classes = r->ents[vn].classes = DG_C_COUNTRY;
  int sp = dg_result_span(r, 10, 10 + sizeof S1 - 1, S1, sizeof S1 - 1);
  dg_result_fact(r, ev, DG_P_COCHAIR, ca, sp);
  dg_result_fact(r, ev, DG_P_COCHAIR, vn, sp);
  dg_result_fact(r, ev, DG_P_INSERIES, se, sp);
  dg_result_literal(r, ev, DG_P_ORDINAL, DG_L_INTEGER, "2", sp);
  dg_result_fact(r, 0, DG_P_REPORTSON, ev, -1); /* no evidence span */
  return r;
}

/* b.txt: the same countries under other names, one fact shared with a.txt */
static dg_result *doc_b(void) {
  dg_result *r = dg_result_new("b.txt", "b");
  int ev = dg_result_entity(r, DG_K_EVENT, "canada-viet-nam-dialogue-2", "Canada-Viet Nam Dialogue");
  int ca = dg_result_entity(r, DG_K_COUNTRY, "canada", "Canada");
  int vn = dg_result_entity(r, DG_K_COUNTRY, "viet nam", "Vietnam");
  dg_result_entity(r, DG_K_COUNTRY, "viet nam", "VIET NAM");
  r->ents[ev].classes = DG_C_EVENT;
  r->ents[ca].classes = r->ents[vn].classes = DG_C_COUNTRY;
  int sp = dg_result_span(r, 0, sizeof S2 - 1, S2, sizeof S2 - 1);
  dg_result_fact(r, ev, DG_P_COCHAIR, ca, sp);
  dg_result_literal(r, ev, DG_P_DATE, DG_L_DATE, "2022-05-04", sp);
  return r;
}

/* c.txt: a third document naming Viet Nam "Vietnam" too */
static dg_result *doc_c(void) {
  dg_result *r = dg_result_new("c.txt", "c");
  int vn = dg_result_entity(r, DG_K_COUNTRY, "viet nam", "Vietnam");
  r->ents[vn].classes = DG_C_COUNTRY;
  dg_result_fact(r, 0, DG_P_MENTIONS, vn, -1);
  return r;
}

#define EVENT BASE "event/canada-viet-nam-dialogue-2"
#define CANADA BASE "country/canada"
#define VIETNAM BASE "country/viet-nam"
#define DOC_A BASE "doc/a"
#define DOC_B BASE "doc/b"

static void test_merge(void) {
  dg_result *rs[3] = {doc_a(), doc_b(), doc_c()};
  dg_graph *g = graph_of(rs, 3, NULL);
  CHECK(dg_graph_ndocs(g) == 3);
  CHECK(nnodes_of(g, DG_K_COUNTRY) == 2);
  CHECK(nnodes_of(g, DG_K_EVENT) == 1);
  CHECK(nnodes_of(g, DG_K_DOC) == 3);
  const dg_node *vn = node(g, DG_K_COUNTRY, "viet nam");
  CHECK(vn && vn->names.n == 3); /* Viet Nam, Vietnam, VIET NAM */
  CHECK(vn && !strcmp(vn->iri, VIETNAM));
  /* one IRI, typed in each document's graph that mentions it */
  CHECK(nfacts(g, CANADA, RDF_TYPE, DG_NS "Country", DOC_A) == 1);
  CHECK(nfacts(g, CANADA, RDF_TYPE, DG_NS "Country", DOC_B) == 1);
  CHECK(nfacts(g, EVENT, DG_NS "coChair", CANADA, NULL) == 2); /* stated by a and b */
  CHECK(nfacts(g, EVENT, DG_NS "coChair", VIETNAM, DOC_A) == 1);
  CHECK(nfacts(g, EVENT, DG_NS "coChair", VIETNAM, DOC_B) == 0);
  /* classes are per document: b asserts only dg:Event */
  CHECK(nfacts(g, EVENT, RDF_TYPE, DG_NS "Dialogue", DOC_A) == 1);
  CHECK(nfacts(g, EVENT, RDF_TYPE, DG_NS "Dialogue", DOC_B) == 0);
  /* every document: its graph names it, with dg:sourceFile */
  CHECK(nfacts(g, DOC_A, DG_NS "sourceFile", "a.txt", DOC_A) == 1);
  CHECK(nfacts(g, BASE "doc/c", DG_NS "sourceFile", "c.txt", BASE "doc/c") == 1);
  CHECK(nfacts(g, DOC_A, DG_NS "reportsOn", EVENT, DOC_A) == 1);
  CHECK(nfacts(g, DOC_A, RDF_TYPE, DG_NS "Document", DOC_A) == 1);
  /* a document added twice is refused */
  dg_graph *g2 = dg_graph_new(BASE);
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_graph_add(g2, rs[0], &err) == 0);
  CHECK(dg_graph_add(g2, rs[0], &err) == DG_ERR_INPUT);
  CHECK(strstr(err.msg, "a.txt") != NULL);
  dg_graph_free(g2);
  dg_graph_free(g);
  for (int i = 0; i < 3; i++) dg_result_free(rs[i]);
}

static void test_labels_and_order(void) {
  dg_result *rs[3] = {doc_a(), doc_b(), doc_c()};
  static const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {1, 2, 0}};
  char *first = NULL;
  for (size_t k = 0; k < sizeof orders / sizeof *orders; k++) {
    dg_graph *g = graph_of(rs, 3, orders[k]);
    /* "Vietnam" is used by two documents, "Viet Nam" and "VIET NAM" by one */
    const dg_node *vn = node(g, DG_K_COUNTRY, "viet nam");
    CHECK(vn && !strcmp(vn->label, "Vietnam"));
    CHECK(nfacts(g, VIETNAM, DG_NS_RDFS "label", "Vietnam", NULL) == 3); /* a, b, c */
    CHECK(nfacts(g, VIETNAM, DG_NS_SKOS "altLabel", "Viet Nam", DOC_A) == 1);
    CHECK(nfacts(g, VIETNAM, DG_NS_SKOS "altLabel", "VIET NAM", DOC_B) == 1);
    CHECK(nfacts(g, VIETNAM, DG_NS_SKOS "altLabel", "Vietnam", NULL) == 0);
    /* a numbered event is named after its series */
    const dg_node *ev = node(g, DG_K_EVENT, "canada-viet-nam-dialogue-2");
    CHECK(ev && !strcmp(ev->label, "2nd Canada-Viet Nam Dialogue"));
    /* the whole output does not depend on the order documents are added */
    same_as_first(g, &first);
    dg_graph_free(g);
  }
  free(first);
  for (int i = 0; i < 3; i++) dg_result_free(rs[i]);

  /* ties: not an acronym, then not all capitals, then byte order */
  dg_result *r1 = dg_result_new("x.txt", "x"), *r2 = dg_result_new("y.txt", "y");
  int o1 = dg_result_entity(r1, DG_K_ORG, "wto", "WTO");
  dg_result_entity(r1, DG_K_ORG, "wto", "World Trade Organisation");
  dg_result_acronym(r1, o1, "WTO");
  r1->ents[o1].classes = DG_C_ORG;
  int o2 = dg_result_entity(r2, DG_K_ORG, "wto", "WTO");
  dg_result_entity(r2, DG_K_ORG, "wto", "World Trade Organization");
  dg_result_entity(r2, DG_K_ORG, "wto", "WORLD TRADE ORGANIZATION");
  r2->ents[o2].classes = DG_C_ORG;
  dg_result *pair[2] = {r1, r2};
  static const int fwd[] = {0, 1}, rev[] = {1, 0};
  dg_graph *ga = graph_of(pair, 2, fwd), *gb = graph_of(pair, 2, rev);
  const dg_node *na = node(ga, DG_K_ORG, "wto"), *nb = node(gb, DG_K_ORG, "wto");
  /* "WTO" is used twice but is the acronym; both spellings once: byte order */
  CHECK(na && !strcmp(na->label, "World Trade Organisation"));
  CHECK(nb && !strcmp(nb->label, "World Trade Organisation"));
  CHECK(nfacts(ga, BASE "org/wto", DG_NS "acronym", "WTO", BASE "doc/x") == 1);
  CHECK(nfacts(ga, BASE "org/wto", DG_NS_SKOS "altLabel", "WTO", NULL) == 0);
  char *da = dump(ga), *db = dump(gb);
  CHECK_STR(da, db);
  free(da), free(db);
  dg_graph_free(ga), dg_graph_free(gb);
  dg_result_free(r1), dg_result_free(r2);
}

static void slug_is(const char *key, const char *want) {
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_adds(&b, "pre/"); /* appends to what is there */
  dg_slug(key, &b);
  CHECK(!strncmp(b.data, "pre/", 4));
  CHECK_STR(b.data + 4, want);
  dg_buf_free(&b);
}

/* A slug is IRI-safe: [a-z0-9-] and well-formed %XX escapes whose bytes
 * decode to valid UTF-8. */
static int slug_ok(const char *s) {
  dg_buf dec;
  dg_buf_init(&dec);
  int ok = *s != '\0';
  for (const char *p = s; *p && ok; p++) {
    if (*p == '%') {
      ok = strchr("0123456789ABCDEF", p[1]) && p[1] && strchr("0123456789ABCDEF", p[2]) && p[2];
      if (ok) {
        char hex[3] = {p[1], p[2], 0};
        dg_buf_addc(&dec, (char)strtol(hex, NULL, 16));
        p += 2;
      }
    } else {
      ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
      dg_buf_addc(&dec, *p);
    }
  }
  for (size_t i = 0; ok && i < dec.len;) {
    int l = dg_utf8_seq_len((const unsigned char *)dec.data + i, dec.len - i);
    ok = l > 0;
    i += (size_t)(l > 0 ? l : 1);
  }
  dg_buf_free(&dec);
  return ok;
}

static void test_slugs_and_iris(void) {
  slug_is("ASEAN-U.S. Cyber Policy Dialogue", "asean-u-s-cyber-policy-dialogue");
  slug_is("canada viet nam dialogue", "canada-viet-nam-dialogue");
  slug_is("  --Leading and trailing!!  ", "leading-and-trailing");
  slug_is("001_2793f0ddd5c9fca8", "001-2793f0ddd5c9fca8");
  slug_is("Caf\xC3\xA9 \xC3\x91", "caf%C3%A9-%C3%91");
  slug_is("S\xC3\xA3o Tom\xC3\xA9", "s%C3%A3o-tom%C3%A9");
  slug_is("", "x");
  slug_is("!!!", "x");
  /* long keys: bounded, distinct, still IRI-safe, also when cut among escapes */
  char k1[400], k2[400];
  memset(k1, 'a', 300), k1[300] = '\0';
  memcpy(k2, k1, 301), k2[299] = 'b';
  dg_buf b1, b2;
  dg_buf_init(&b1), dg_buf_init(&b2);
  dg_slug(k1, &b1), dg_slug(k2, &b2);
  CHECK(b1.len <= 120 && b2.len <= 120);
  CHECK(strcmp(b1.data, b2.data) != 0);
  CHECK(slug_ok(b1.data) && slug_ok(b2.data));
  dg_buf_free(&b1), dg_buf_free(&b2);
  /* non-ASCII keys of every alignment: a cut never splits an escape or a
   * UTF-8 sequence */
  for (int shift = 0; shift < 6; shift++) {
    char k[400];
    memset(k, 'a', (size_t)shift);
    k[shift] = '\0';
    for (int i = 0; i < 60; i++) strcat(k, i % 2 ? "\xC3\xA9" : "\xE2\x82\xAC");
    dg_buf b;
    dg_buf_init(&b);
    dg_slug(k, &b);
    CHECK(b.len <= 120);
    CHECK(slug_ok(b.data));
    dg_buf_free(&b);
  }

  /* IRIs are {base}{kind}/{slug of key}, for every node */
  dg_result *r = dg_result_new("001_x y.txt", "001_x y");
  int e = dg_result_entity(r, DG_K_PROGRAMME, "Mekong Digital Resilience Programme", "Mekong DRP");
  int p = dg_result_entity(r, DG_K_PLACE, "H\xC3\xA0 N\xE1\xBB\x99i", "H\xC3\xA0 N\xE1\xBB\x99i");
  r->ents[e].classes = DG_C_PROGRAMME;
  r->ents[p].classes = DG_C_PLACE;
  dg_result_fact(r, 0, DG_P_MENTIONS, e, -1);
  dg_graph *g = graph_of(&r, 1, NULL);
  CHECK_STR(node(g, DG_K_PROGRAMME, "Mekong Digital Resilience Programme")->iri,
            BASE "programme/mekong-digital-resilience-programme");
  CHECK_STR(node(g, DG_K_PLACE, "H\xC3\xA0 N\xE1\xBB\x99i")->iri, BASE "place/h%C3%A0-n%E1%BB%99i");
  CHECK_STR(node(g, DG_K_DOC, "001_x y")->iri, BASE "doc/001-x-y");
  CHECK(nfacts(g, BASE "doc/001-x-y", DG_NS "mentions",
               BASE "programme/mekong-digital-resilience-programme", BASE "doc/001-x-y") == 1);
  CHECK_STR(dg_graph_base(g), BASE);
  size_t nt;
  const dg_node *nodes = dg_graph_nodes(g, &nt);
  int all = 1;
  for (size_t i = 0; i < nt; i++) all &= !strncmp(nodes[i].iri, BASE, strlen(BASE));
  CHECK(all);
  dg_graph_free(g);
  /* the default base */
  dg_graph *gd = dg_graph_new(NULL);
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_graph_add(gd, r, &err) == 0);
  dg_graph_finalize(gd);
  CHECK_STR(node(gd, DG_K_DOC, "001_x y")->iri, DG_DEFAULT_BASE "doc/001-x-y");
  dg_graph_free(gd);
  dg_result_free(r);
}

static void test_tables(void) {
  dg_result *rs[3] = {doc_a(), doc_b(), doc_c()};
  dg_graph *g = graph_of(rs, 3, NULL);
  size_t nq, nu, ne;
  const dg_quad *q = dg_graph_quads(g, &nq);
  const dg_quad *u = dg_graph_union(g, &nu);
  const dg_quad *ev = dg_graph_evidence(g, &ne);
  CHECK(nq > 0 && nu > 0 && ne > 0);
  CHECK(strictly_sorted(g, q, nq, 1));
  CHECK(strictly_sorted(g, ev, ne, 1));
  CHECK(strictly_sorted(g, u, nu, 0));
  /* the union is exactly the distinct triples of the quads */
  dg_quad *t = malloc(nq * sizeof *t);
  size_t nt = 0;
  for (size_t i = 0; i < nq; i++) {
    int dup = 0;
    for (size_t j = 0; j < nt && !dup; j++)
      dup = t[j].s == q[i].s && t[j].p == q[i].p && t[j].o == q[i].o;
    if (!dup) t[nt++] = q[i];
  }
  CHECK(nu == nt);
  CHECK(nu < nq); /* canada's type and the shared co-chair fact are in two graphs */
  int all_in = 1;
  for (size_t i = 0; i < nt; i++) {
    int found = 0;
    for (size_t j = 0; j < nu && !found; j++)
      found = u[j].s == t[i].s && u[j].p == t[i].p && u[j].o == t[i].o;
    all_in &= found;
  }
  CHECK(all_in);
  free(t);
  /* typed literals */
  CHECK(nfacts(g, EVENT, DG_NS "ordinal", "2", DOC_A) == 1);
  for (size_t i = 0; i < nq; i++)
    if (term_is(g, q[i].p, DG_NS "ordinal"))
      CHECK_STR(dg_graph_term(g, q[i].o)->datatype, DG_NS_XSD "integer");
    else if (term_is(g, q[i].p, DG_NS "date"))
      CHECK_STR(dg_graph_term(g, q[i].o)->datatype, DG_NS_XSD "date");
    else if (term_is(g, q[i].p, DG_NS_RDFS "label"))
      CHECK_STR(dg_graph_term(g, q[i].o)->lang, "en");
  dg_graph_free(g);
  for (int i = 0; i < 3; i++) dg_result_free(rs[i]);
}

static void test_evidence(void) {
  dg_result *rs[2] = {doc_a(), doc_b()};
  dg_graph *g = graph_of(rs, 2, NULL);
  char sa[256], sb[256];
  snprintf(sa, sizeof sa, "%s#char=%zu,%zu", DOC_A, (size_t)10, (size_t)10 + sizeof S1 - 1);
  snprintf(sb, sizeof sb, "%s#char=0,%zu", DOC_B, sizeof S2 - 1);
  /* each fact with a span is repeated in the sentence's graph */
  CHECK(nevidence(g, EVENT, DG_NS "coChair", CANADA, sa) == 1);
  CHECK(nevidence(g, EVENT, DG_NS "coChair", VIETNAM, sa) == 1);
  CHECK(nevidence(g, EVENT, DG_NS "inSeries", NULL, sa) == 1);
  CHECK(nevidence(g, EVENT, DG_NS "ordinal", "2", sa) == 1);
  CHECK(nevidence(g, EVENT, DG_NS "coChair", CANADA, sb) == 1);
  CHECK(nevidence(g, EVENT, DG_NS "date", "2022-05-04", sb) == 1);
  /* a fact without a span has no evidence quad */
  CHECK(nevidence(g, DOC_A, DG_NS "reportsOn", EVENT, NULL) == 0);
  /* the sentence, described in the document's graph (NIF) */
  CHECK(nevidence(g, sa, RDF_TYPE, DG_NS_NIF "Sentence", DOC_A) == 1);
  CHECK(nevidence(g, sa, DG_NS_NIF "beginIndex", "10", DOC_A) == 1);
  char end[32];
  snprintf(end, sizeof end, "%zu", (size_t)10 + sizeof S1 - 1);
  CHECK(nevidence(g, sa, DG_NS_NIF "endIndex", end, DOC_A) == 1);
  CHECK(nevidence(g, sa, DG_NS_NIF "anchorOf", S1, DOC_A) == 1);
  CHECK(nevidence(g, sa, DG_NS_NIF "referenceContext", DOC_A, DOC_A) == 1);
  CHECK(nevidence(g, sb, DG_NS_NIF "anchorOf", S2, DOC_B) == 1);
  /* every evidence fact is also a fact of its document; every sentence
   * graph is described once */
  size_t ne, nq;
  const dg_quad *ev = dg_graph_evidence(g, &ne);
  const dg_quad *q = dg_graph_quads(g, &nq);
  int consistent = 1;
  size_t nsent = 0;
  for (size_t i = 0; i < ne; i++) {
    const char *gname = dg_graph_term(g, ev[i].g)->value;
    const char *hash = strstr(gname, "#char=");
    if (!hash) {
      nsent += term_is(g, ev[i].p, RDF_TYPE);
      continue;
    }
    int found = 0;
    for (size_t j = 0; j < nq && !found; j++)
      found = q[j].s == ev[i].s && q[j].p == ev[i].p && q[j].o == ev[i].o &&
              !strncmp(dg_graph_term(g, q[j].g)->value, gname, (size_t)(hash - gname)) &&
              dg_graph_term(g, q[j].g)->value[hash - gname] == '\0';
    consistent &= found;
  }
  CHECK(consistent);
  CHECK(nsent == 2);
  const dg_term *b = NULL;
  for (size_t i = 0; i < ne; i++)
    if (term_is(g, ev[i].p, DG_NS_NIF "beginIndex")) b = dg_graph_term(g, ev[i].o);
  CHECK(b && b->datatype && !strcmp(b->datatype, DG_NS_XSD "nonNegativeInteger"));
  dg_graph_free(g);
  for (int i = 0; i < 2; i++) dg_result_free(rs[i]);
}

/* d.txt defines "Coastal Surveillance Center of Excellence (CSCE)";
 * e.txt uses "CSCE" alone; f.txt uses "CSCE" in a different kind. */
static dg_result *doc_defines(const char *file, const char *key, const char *name,
                              const char *acr) {
  dg_result *r = dg_result_new(file, file);
  int p = dg_result_entity(r, DG_K_PROGRAMME, key, name);
  r->ents[p].classes = DG_C_PROGRAMME;
  dg_result_acronym(r, p, acr);
  dg_result_fact(r, 0, DG_P_MENTIONS, p, -1);
  return r;
}

static dg_result *doc_uses(const char *file, dg_kind kind, const char *acr) {
  dg_result *r = dg_result_new(file, file);
  int p = dg_result_entity(r, kind, acr, acr);
  r->ents[p].classes = kind == DG_K_PROGRAMME ? DG_C_PROGRAMME : DG_C_TERM;
  r->ents[p].acr_only = 1;
  dg_result_acronym(r, p, acr);
  int sp = dg_result_span(r, 0, 14, "CSCE trains us", 14);
  dg_result_fact(r, 0, DG_P_MENTIONS, p, sp);
  return r;
}

#define CSCE BASE "programme/coastal-surveillance-center-of-excellence"

static void test_acronyms(void) {
  dg_result *rs[3] = {
      doc_defines("d", "coastal surveillance center of excellence",
                  "Coastal Surveillance Center of Excellence", "CSCE"),
      doc_uses("e", DG_K_PROGRAMME, "CSCE"), doc_uses("f", DG_K_TERM, "ABC")};
  static const int orders[][3] = {{0, 1, 2}, {1, 2, 0}};
  char *first = NULL;
  for (int k = 0; k < 2; k++) {
    dg_graph *g = graph_of(rs, 3, orders[k]);
    const dg_node *n = node(g, DG_K_PROGRAMME, "CSCE");
    CHECK(n && !strcmp(n->key, "coastal surveillance center of excellence"));
    CHECK(nnodes_of(g, DG_K_PROGRAMME) == 1);
    /* e.txt's mention points at the entity d.txt defines, with evidence */
    CHECK(nfacts(g, BASE "doc/e", DG_NS "mentions", CSCE, BASE "doc/e") == 1);
    CHECK(nevidence(g, BASE "doc/e", DG_NS "mentions", CSCE, BASE "doc/e#char=0,14") == 1);
    CHECK(nfacts(g, BASE "programme/csce", NULL, NULL, NULL) == 0);
    CHECK(nfacts(g, NULL, NULL, BASE "programme/csce", NULL) == 0);
    CHECK(nfacts(g, CSCE, DG_NS_RDFS "label", "Coastal Surveillance Center of Excellence",
                 BASE "doc/e") == 1);
    /* an acronym nobody in the run defines says nothing: it is left out */
    CHECK(nfacts(g, BASE "term/abc", NULL, NULL, NULL) == 0);
    CHECK(nfacts(g, NULL, NULL, BASE "term/abc", NULL) == 0);
    same_as_first(g, &first);
    dg_graph_free(g);
  }
  free(first);
  for (int i = 0; i < 3; i++) dg_result_free(rs[i]);

  /* two documents define the same acronym for different things: ambiguous,
   * the acronym-only use is not merged into either */
  dg_result *amb[3] = {doc_defines("g", "coastal surveillance center of excellence",
                                   "Coastal Surveillance Center of Excellence", "CSCE"),
                       doc_defines("h", "caribbean security cooperation effort",
                                   "Caribbean Security Cooperation Effort", "CSCE"),
                       doc_uses("i", DG_K_PROGRAMME, "CSCE")};
  dg_graph *g = graph_of(amb, 3, NULL);
  CHECK(nnodes_of(g, DG_K_PROGRAMME) == 3);
  /* ambiguous: left out like an acronym nobody defines */
  CHECK(nfacts(g, BASE "doc/i", DG_NS "mentions", BASE "programme/csce", NULL) == 0);
  dg_graph_free(g);
  for (int i = 0; i < 3; i++) dg_result_free(amb[i]);
}

int main(void) {
  test_merge();
  test_labels_and_order();
  test_slugs_and_iris();
  test_tables();
  test_evidence();
  test_acronyms();
  return TEST_REPORT();
}
