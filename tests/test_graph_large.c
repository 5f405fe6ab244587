/* test_graph_large: dg_graph at a size where its fast paths matter: term
 * ids that follow output order after finalize, quad tables sorted by a
 * radix sort over many thousands of terms (several passes per field),
 * evidence sentences shared between facts and documents, and output that
 * does not depend on the order documents are added in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dg_graph.h"
#include "testhelp.h"

#define NDOCS 40
#define NENTS 150 /* per document; with literals and sentences, > 2^13 terms */

static int cmp_values(const dg_graph *g, const dg_quad *a, const dg_quad *b) {
  uint32_t ka[4] = {a->g, a->s, a->p, a->o}, kb[4] = {b->g, b->s, b->p, b->o};
  for (int i = 0; i < 4; i++) {
    int c = dg_term_cmp(dg_graph_term(g, ka[i]), dg_graph_term(g, kb[i]));
    if (c) return c;
  }
  return 0;
}

/* Document d: entities shared with other documents (key i % 97) and its
 * own; a year literal; three facts per sentence; sentence 0 has the same
 * text in every document. */
static dg_result *doc(int d) {
  char file[32], key[32], name[64], text[128];
  snprintf(file, sizeof file, "d%03d.txt", d);
  snprintf(key, sizeof key, "d%03d", d);
  dg_result *r = dg_result_new(file, key);
  int prev = -1;
  for (int i = 0; i < NENTS; i++) {
    int shared = i % 3 == 0;
    snprintf(key, sizeof key, shared ? "shared %d" : "own %d %d", shared ? i % 97 : d, i);
    snprintf(name, sizeof name, "Name Of %s", key);
    int e = dg_result_entity(r, (dg_kind)(DG_K_ORG + i % 4), key, name);
    int sent = i / 3;
    if (sent == 0) snprintf(text, sizeof text, "A sentence every document has.");
    else snprintf(text, sizeof text, "Sentence %d of document %d.", sent, d);
    int span = dg_result_span(r, (size_t)sent * 40, (size_t)sent * 40 + strlen(text), text,
                              strlen(text));
    dg_result_fact(r, 0, DG_P_MENTIONS, e, span);
    if (prev >= 0) dg_result_fact(r, prev, DG_P_REFERENCES, e, span);
    prev = e;
  }
  char year[16];
  snprintf(year, sizeof year, "%d", 1990 + d);
  dg_result_literal(r, 0, DG_P_DATE, DG_L_GYEAR, year, -1);
  return r;
}

static char *dump(const dg_graph *g) {
  dg_buf b;
  dg_buf_init(&b);
  size_t n[3];
  const dg_quad *t[3] = {dg_graph_quads(g, &n[0]), dg_graph_evidence(g, &n[1]),
                         dg_graph_union(g, &n[2])};
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < n[k]; i++) {
      uint32_t id[4] = {t[k][i].s, t[k][i].p, t[k][i].o, t[k][i].g};
      for (int j = 0; j < (k == 2 ? 3 : 4); j++) dg_buf_printf(&b, "%s ", dg_graph_term(g, id[j])->value);
      dg_buf_addc(&b, '\n');
    }
  return dg_buf_steal(&b);
}

static dg_graph *build(int reverse) {
  dg_graph *g = dg_graph_new("http://example.org/kg/");
  dg_error err;
  for (int i = 0; i < NDOCS; i++) {
    dg_result *r = doc(reverse ? NDOCS - 1 - i : i);
    CHECK(dg_graph_add(g, r, &err) == 0);
    dg_result_free(r);
  }
  dg_graph_finalize(g);
  return g;
}

static void test_order(const dg_graph *g) {
  size_t nt = dg_graph_nterms(g);
  CHECK(nt > (1u << 13)); /* radix sort needs two passes per field */
  int ok = 1;
  for (size_t i = 1; i < nt; i++)
    ok &= dg_term_cmp(dg_graph_term(g, (uint32_t)(i - 1)), dg_graph_term(g, (uint32_t)i)) < 0;
  CHECK(ok); /* ids are ranks: distinct terms in output order */
  size_t n[3];
  const dg_quad *t[3] = {dg_graph_quads(g, &n[0]), dg_graph_evidence(g, &n[1]),
                         dg_graph_union(g, &n[2])};
  for (int k = 0; k < 3; k++) {
    CHECK(n[k] > 1000);
    ok = 1;
    for (size_t i = 1; i < n[k]; i++) {
      dg_quad a = t[k][i - 1], b = t[k][i];
      if (k == 2) a.g = b.g;
      ok &= cmp_values(g, &a, &b) < 0; /* strictly increasing: sorted, no duplicates */
    }
    CHECK(ok);
  }
  /* every fact, and every sentence description, once */
  size_t facts;
  dg_graph_edges(g, &facts);
  CHECK(facts == (size_t)NDOCS * (2 * NENTS - 1 + 1));
}

static void test_shared_sentences(const dg_graph *g) {
  size_t n;
  const dg_edge *e = dg_graph_edges(g, &n);
  const char *common = NULL;
  int shared = 1, distinct = 1;
  for (size_t i = 0; i < n; i++) {
    if (!e[i].ev_text) continue;
    if (!strcmp(e[i].ev_text, "A sentence every document has.")) {
      if (!common) common = e[i].ev_text;
      shared &= e[i].ev_text == common; /* one copy, in every document */
    } else if (i > 0 && e[i - 1].ev_text && e[i - 1].ev_begin == e[i].ev_begin &&
               e[i - 1].doc == e[i].doc) {
      shared &= e[i - 1].ev_text == e[i].ev_text;
    } else if (i > 0 && e[i - 1].ev_text && e[i - 1].ev_text != common) {
      distinct &= strcmp(e[i - 1].ev_text, e[i].ev_text) != 0;
    }
  }
  CHECK(common != NULL);
  CHECK(shared);
  CHECK(distinct);
  /* the shared sentence is described in each document's graph */
  const dg_quad *ev = dg_graph_evidence(g, &n);
  size_t anchors = 0;
  for (size_t i = 0; i < n; i++)
    anchors += !strcmp(dg_graph_term(g, ev[i].o)->value, "A sentence every document has.");
  CHECK(anchors == NDOCS);
}

int main(void) {
  dg_graph *a = build(0), *b = build(1);
  test_order(a);
  test_shared_sentences(a);
  char *da = dump(a), *db = dump(b);
  CHECK(strlen(da) > 100000);
  CHECK(!strcmp(da, db)); /* document order never changes the tables */
  free(da), free(db);
  dg_graph_free(a), dg_graph_free(b);
  return TEST_REPORT();
}
