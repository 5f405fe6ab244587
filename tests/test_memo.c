/* test_memo: dg_memo's questions and answers, a new owner's empty memo,
 * and the bound past which a memo starts again empty. */
#include <stdio.h>
#include <string.h>

#include "dg_memo.h"
#include "testhelp.h"

static void test_find_put(void) {
  unsigned long owner = dg_memo_new_owner();
  dg_memo *m = dg_memo_get(DG_MEMO_KEY, owner);
  CHECK(dg_memo_find(m, "ASEAN", 5) == NULL);
  char q[16] = "ASEAN";
  const dg_memo_entry *e = dg_memo_put(m, q, 5, 7, "asean key");
  strcpy(q, "XXXXX"); /* the memo copied the question */
  CHECK(e && e->value == 7);
  e = dg_memo_find(m, "ASEAN", 5);
  CHECK(e && e->value == 7 && e->len == 5);
  CHECK_STR(e->text, "asean key");
  CHECK_STR(e->q, "ASEAN");
  CHECK(dg_memo_find(m, "ASEA", 4) == NULL); /* lengths count */
  dg_memo_put(m, "none", 4, -1, NULL);
  e = dg_memo_find(m, "none", 4);
  CHECK(e && e->value == -1 && e->text == NULL);
  /* the same owner: the same answers; another kind: its own memo */
  CHECK(dg_memo_find(dg_memo_get(DG_MEMO_KEY, owner), "ASEAN", 5) != NULL);
  CHECK(dg_memo_find(dg_memo_get(DG_MEMO_PREFIX, owner), "ASEAN", 5) == NULL);
  /* another owner (another lexicon): empty */
  CHECK(dg_memo_find(dg_memo_get(DG_MEMO_KEY, dg_memo_new_owner()), "ASEAN", 5) == NULL);
}

static void test_bound(void) {
  unsigned long owner = dg_memo_new_owner();
  dg_memo *m = dg_memo_get(DG_MEMO_GAZETTEER, owner);
  char q[32];
  int ok = 1;
  for (int i = 0; i < 70000; i++) {
    int n = snprintf(q, sizeof q, "name %d", i);
    m = dg_memo_get(DG_MEMO_GAZETTEER, owner);
    if (!dg_memo_find(m, q, (size_t)n)) dg_memo_put(m, q, (size_t)n, i, q);
    const dg_memo_entry *e = dg_memo_find(m, q, (size_t)n);
    ok &= e && e->value == i && !strcmp(e->text, q);
  }
  CHECK(ok);
  /* past the bound the memo started again: early names are gone, late ones kept */
  m = dg_memo_get(DG_MEMO_GAZETTEER, owner);
  CHECK(m->n < 70000);
  CHECK(dg_memo_find(m, "name 5", 6) == NULL);
  CHECK(dg_memo_find(m, "name 69999", 10) != NULL);
}

int main(void) {
  test_find_put();
  test_bound();
  return TEST_REPORT();
}
