/* test_fact: dg_result's entities (found again by kind and key, also after
 * a reindex), names kept unique, spans and facts without duplicates. */
#include <string.h>

#include "dg_fact.h"
#include "testhelp.h"

static void test_entities(void) {
  dg_result *r = dg_result_new("a.txt", "a");
  CHECK(r->nents == 1 && !strcmp(r->ents[0].key, "a") && r->ents[0].kind == DG_K_DOC);
  int fj = dg_result_entity(r, DG_K_COUNTRY, "fiji", "Fiji");
  int org = dg_result_entity(r, DG_K_ORG, "fiji", "Fiji Org"); /* same key, other kind */
  CHECK(fj != org);
  CHECK(dg_result_entity(r, DG_K_COUNTRY, "fiji", "Republic of Fiji") == fj);
  CHECK(dg_result_entity(r, DG_K_COUNTRY, "fiji", "Fiji") == fj);
  CHECK(r->ents[fj].names.n == 2);
  CHECK_STR(r->ents[fj].names.v[1], "Republic of Fiji");
  CHECK(dg_result_entity_n(r, DG_K_COUNTRY, "fijian", 4, NULL) == fj);
  CHECK(dg_result_find(r, DG_K_ORG, "fiji") == org);
  CHECK(dg_result_find(r, DG_K_ORG, "fij") == -1);
  dg_result_acronym(r, org, "FO");
  dg_result_acronym(r, org, "FO");
  dg_result_variant(r, org, "Org of Fiji");
  CHECK(r->ents[org].acronyms.n == 1 && r->ents[org].variants.n == 1);
  for (int i = 0; i < 100; i++) { /* index growth */
    char k[16];
    snprintf(k, sizeof k, "k%d", i);
    dg_result_entity(r, DG_K_TERM, k, k);
  }
  CHECK(r->nents == 103);
  /* entities moved (as drop_unused does), then reindexed */
  dg_entity t = r->ents[1];
  r->ents[1] = r->ents[2];
  r->ents[2] = t;
  dg_result_reindex(r);
  CHECK(dg_result_find(r, DG_K_COUNTRY, "fiji") == 2);
  CHECK(dg_result_find(r, DG_K_TERM, "k50") == 53);
  CHECK(dg_result_entity(r, DG_K_ORG, "fiji", NULL) == 1);
  CHECK(dg_result_entity(r, DG_K_TERM, "new", NULL) == 103);
  CHECK(dg_result_find(r, DG_K_COUNTRY, "fiji") == 2);
  r->ents[0].label = dg_result_strdup(r, "Label");
  CHECK_STR(r->ents[0].label, "Label");
  dg_result_free(r);
}

static void test_facts_and_spans(void) {
  dg_result *r = dg_result_new("b.txt", "b");
  int e = dg_result_entity(r, DG_K_EVENT, "ev", "Ev");
  int s1 = dg_result_span(r, 0, 5, "Hello there", 5);
  CHECK(dg_result_span(r, 0, 5, "Hello", 5) == s1);
  int s2 = dg_result_span(r, 0, 6, "Hello!", 6);
  CHECK(s2 != s1 && r->nspans == 2);
  CHECK_STR(r->spans[s1].text, "Hello");
  dg_result_fact(r, 0, DG_P_MENTIONS, e, s1);
  dg_result_fact(r, 0, DG_P_MENTIONS, e, s2);
  CHECK(r->nfacts == 1 && dg_result_has(r, 0, DG_P_MENTIONS, e));
  dg_result_literal(r, e, DG_P_DATE, DG_L_DATE, "2024-06-01", s1);
  dg_result_literal(r, e, DG_P_DATE, DG_L_DATE, "2024-06-01", s2);
  CHECK(r->nfacts == 2);
  dg_result_drop(r, e, DG_P_DATE);
  CHECK(r->nfacts == 1);
  dg_result_free(r);
  dg_result_free(NULL);
}

int main(void) {
  test_entities();
  test_facts_and_spans();
  return TEST_REPORT();
}
