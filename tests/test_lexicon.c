/* test_lexicon: dg_lexicon_fold (the lookup form of names) and the
 * gazetteer and word-list lookups, on a small ontology directory written
 * here (not ontology/, which grows). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dg_lexicon.h"
#include "testhelp.h"

/* The fold of name; caller frees. */
static char *fold(const char *name) {
  dg_buf b;
  dg_buf_init(&b);
  dg_lexicon_fold(name, &b);
  return dg_buf_steal(&b);
}

/* The fold is stable: folding a fold changes nothing; it is lower case. */
static int stable(const char *f) {
  char *again = fold(f);
  int ok = !strcmp(again, f);
  for (const char *p = f; *p; p++) ok &= !(*p >= 'A' && *p <= 'Z');
  if (!ok) fprintf(stderr, "  fold '%s' -> '%s' is not stable\n", f, again);
  free(again);
  return ok;
}

static void fold_is(const char *name, const char *want) {
  char *f = fold(name);
  CHECK_STR(f, want);
  CHECK(stable(f));
  free(f);
}

/* Every name of the list (NULL-terminated) folds to the same form. */
static void same_fold(const char *const *names) {
  char *first = fold(names[0]);
  CHECK(*first && stable(first));
  for (size_t i = 1; names[i]; i++) {
    char *f = fold(names[i]);
    if (strcmp(f, first)) fprintf(stderr, "  '%s' -> '%s' but '%s' -> '%s'\n", names[i], f, names[0], first);
    CHECK(!strcmp(f, first));
    free(f);
  }
  free(first);
}

static void different_folds(const char *a, const char *b) {
  char *fa = fold(a), *fb = fold(b);
  if (!strcmp(fa, fb)) fprintf(stderr, "  '%s' and '%s' both fold to '%s'\n", a, b, fa);
  CHECK(strcmp(fa, fb) != 0);
  free(fa), free(fb);
}

#define SAME(...) same_fold((const char *const[]){__VA_ARGS__, NULL})

/* What the fold must do is fold variants together and keep different names
 * apart; the exact form (e.g. singular nouns) is the resolver's choice, so
 * most checks compare folds with each other. */
static void test_fold(void) {
  /* the forms of the United States, in any case */
  SAME("United States", "U.S.", "US", "USA", "U.S.A.", "U.S.A", "the United States",
       "United States of America", "the United States of America", "UNITED STATES OF AMERICA",
       "United States Of America");
  char *us = fold("United States");
  CHECK(!strncmp(us, "united state", 12));
  free(us);
  SAME("ASEAN-U.S. Cyber Policy Dialogue", "ASEAN-US Cyber Policy Dialogue",
       "ASEAN-United States Cyber Policy Dialogue", "ASEAN\xE2\x80\x93United States of America Cyber Policy Dialogue");
  SAME("U.S.-ASEAN Smart Cities Partnership", "US-ASEAN Smart Cities Partnership",
       "United States-ASEAN Smart Cities Partnership");
  /* ... but not words that merely contain those letters */
  different_folds("USB", "US");
  different_folds("AUS", "US");
  different_folds("BUS Route", "US Route");
  different_folds("Join us", "Join US");
  fold_is("USB", "usb");
  /* apostrophes and a possessive 's dropped, straight or curly */
  SAME("Leaders' Statement", "Leaders\xE2\x80\x99 Statement", "Leaders Statement");
  SAME("Chairman's Statement", "Chairman\xE2\x80\x99s Statement", "Chairman Statement");
  SAME("Co-Chairs\xE2\x80\x99 Statement", "Co-Chairs' Statement", "Co Chairs Statement");
  SAME("ASEAN Defence Ministers' Meeting", "ASEAN Defense Ministers Meeting");
  /* British and American spellings */
  SAME("ASEAN-Japan Cybersecurity Capacity Building Centre",
       "ASEAN-Japan Cybersecurity Capacity Building Center",
       "the ASEAN\xE2\x80\x94Japan Cybersecurity Capacity Building Centre");
  SAME("Cyber Capacity Programme", "Cyber Capacity Program");
  SAME("World Health Organisation", "World Health Organization");
  SAME("The U.S.-ASEAN Centre for Cyber Defence Programmes",
       "United States of America - ASEAN Center for Cyber Defense Programs");
  fold_is("Centre", "center");
  fold_is("Programme", "program");
  fold_is("ASEAN-Japan Cybersecurity Capacity Building Centre",
          "asean japan cybersecurity capacity building center");
  /* articles, case, punctuation, dashes, spaces, ampersands */
  fold_is("The ASEAN Regional Forum", "asean regional forum");
  fold_is("the   Forum", "forum");
  fold_is("THE FORUM", "forum");
  fold_is("ASEAN\xE2\x80\x94Japan", "asean japan");
  fold_is("Peace\xC2\xA0" "and Security", "peace and security");
  fold_is("Trade & Investment", "trade and investment");
  fold_is("\xE2\x80\x9CQuoted\xE2\x80\x9D Name", "quoted name");
  fold_is("Plan of Action (2021\xE2\x80\x93" "2025)", "plan of action 2021 2025");
  fold_is("Vi\xE1\xBB\x87t Nam", "vi\xE1\xBB\x87t nam"); /* other UTF-8 kept */
  fold_is("", "");
  fold_is("the", "");
  /* names that differ stay apart */
  different_folds("6th ASEAN-U.S. Summit", "7th ASEAN-U.S. Summit");
  different_folds("ASEAN-Japan Centre", "ASEAN-Korea Centre");
  different_folds("Plan of Action 2021-2025", "Plan of Action 2016-2020");
  different_folds("Annex B", "Annex C");
  /* fold appends to what the buffer holds */
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_adds(&b, "k:");
  dg_lexicon_fold("The Centre", &b);
  CHECK_STR(b.data, "k:center");
  dg_buf_free(&b);
}

static char dir[] = "/tmp/test_lexicon.XXXXXX";

static void write_file(const char *name, const char *text) {
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/%s", dir, name);
  FILE *fp = fopen(p.data, "w");
  CHECK(fp != NULL);
  if (fp) fputs(text, fp), fclose(fp);
  dg_buf_free(&p);
}

static const char LEXICON[] =
    "# list\tword\tvalue\n"
    "\n"
    "ordinal\tsixth\t6\n"
    "ordinal\tinaugural\t1\n"
    "stance\trecalled\trecalls\n"
    "stance\tnoted with appreciation\tnotes\n"
    "stance\tnoted\tnotes\n"
    "head\tDialogue\n";

static const char GAZETTEER[] =
    "# class\tcanonical\tvariants\tacronyms\twikidata\n"
    "country\tUnited States\tUnited States of America|America\tU.S.|US|USA\tQ30\n"
    "country\tViet Nam\tVietnam|Socialist Republic of Viet Nam\t\tQ881\n"
    "place\tHanoi\tHa Noi|H\xC3\xA0 N\xE1\xBB\x99i\t\tQ1858\n"
    "body\tASEAN Regional Forum\t\tARF\n"
    "programme\tASEAN-Japan Cybersecurity Capacity Building Centre\t\tAJCCBC\n"
    "org\tAssociation of Southeast Asian Nations\t\tASEAN\tQ7768\n";

static const dg_gaz *gaz(const dg_lexicon *lx, const char *name) {
  return dg_lexicon_gazetteer(lx, name);
}

static void test_gazetteer(void) {
  write_file("lexicon.tsv", LEXICON);
  write_file("gazetteer.tsv", GAZETTEER);
  dg_lexicon *lx = NULL;
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_lexicon_load(dir, &lx, &err) == 0);
  if (!lx) {
    fprintf(stderr, "%s\n", err.msg);
    return;
  }
  CHECK(dg_lexicon_ngaz(lx) == 6);
  const dg_gaz *us = gaz(lx, "United States");
  CHECK(us && us->kind == DG_K_COUNTRY && (us->classes & DG_C_COUNTRY));
  CHECK(us && us->wikidata && !strcmp(us->wikidata, "Q30"));
  CHECK(us && !strcmp(us->canonical, "United States"));
  char *key = fold("United States");
  CHECK(us && !strcmp(us->key, key)); /* the key is the fold of the canonical name */
  free(key);
  CHECK(us && dg_strvec_find(&us->acronyms, "U.S.") >= 0);
  CHECK(us && dg_strvec_find(&us->variants, "United States") >= 0);
  /* through variants, acronyms, case, articles */
  static const char *const us_names[] = {"U.S.", "US", "USA", "U.S.A.", "the United States",
                                         "UNITED STATES", "United States of America", "America"};
  for (size_t i = 0; i < sizeof us_names / sizeof *us_names; i++) CHECK(gaz(lx, us_names[i]) == us);
  const dg_gaz *vn = gaz(lx, "Vietnam");
  CHECK(vn && !strcmp(vn->canonical, "Viet Nam") && vn->wikidata && !strcmp(vn->wikidata, "Q881"));
  CHECK(gaz(lx, "Viet Nam") == vn);
  CHECK(gaz(lx, "the Socialist Republic of Viet Nam") == vn);
  CHECK(gaz(lx, "H\xC3\xA0 N\xE1\xBB\x99i") == gaz(lx, "Hanoi"));
  CHECK(gaz(lx, "Ha Noi") && gaz(lx, "Ha Noi")->kind == DG_K_PLACE);
  const dg_gaz *arf = gaz(lx, "ARF");
  CHECK(arf && arf->kind == DG_K_BODY && !strcmp(arf->canonical, "ASEAN Regional Forum"));
  CHECK(arf && arf->wikidata == NULL);
  CHECK(gaz(lx, "the ASEAN Regional Forum") == arf);
  const dg_gaz *aj = gaz(lx, "ASEAN-Japan Cybersecurity Capacity Building Center");
  CHECK(aj && aj->kind == DG_K_PROGRAMME);
  CHECK(gaz(lx, "AJCCBC") == aj);
  CHECK(gaz(lx, "ASEAN") && gaz(lx, "ASEAN")->kind == DG_K_ORG);
  /* not there */
  CHECK(gaz(lx, "Canada") == NULL);
  CHECK(gaz(lx, "ASEAN Regional") == NULL);
  CHECK(gaz(lx, "") == NULL);
  CHECK(gaz(lx, "the") == NULL);
  /* entries in file order */
  CHECK(dg_lexicon_gaz_at(lx, 0) == us);
  CHECK(dg_lexicon_gaz_at(lx, 3) == arf);

  /* word lists: case-insensitive, longest match first */
  CHECK_STR(dg_lexicon_get(lx, "ordinal", "Sixth"), "6");
  CHECK_STR(dg_lexicon_get(lx, "ordinal", "INAUGURAL"), "1");
  CHECK(dg_lexicon_get(lx, "ordinal", "seventh") == NULL);
  CHECK(dg_lexicon_get(lx, "stance", "sixth") == NULL);
  CHECK_STR(dg_lexicon_getn(lx, "ordinal", "sixthly", 5), "6");
  CHECK_STR(dg_lexicon_get(lx, "head", "dialogue"), "1");
  char *words[] = {"Noted", "with", "appreciation", "the", "report"};
  const char *v = NULL;
  CHECK(dg_lexicon_match(lx, "stance", words, 5, &v) == 3);
  CHECK_STR(v, "notes");
  CHECK(dg_lexicon_match(lx, "stance", words, 2, &v) == 1); /* "noted with" is no entry */
  CHECK(dg_lexicon_match(lx, "stance", words + 3, 2, &v) == 0);
  CHECK(dg_lexicon_match(lx, "no-such-list", words, 5, &v) == 0);
  /* a filter list's bit only while it holds every word asked for */
  const char *const six[] = {"sixth", NULL}, *const six_ina[] = {"SIXTH", "inaugural", NULL},
                    *const six_sev[] = {"sixth", "seventh", NULL}, *const none[] = {NULL};
  int ob = dg_lexicon_list_bit(lx, "ordinal");
  CHECK(ob >= 0);
  CHECK(dg_lexicon_filter_bit(lx, "ordinal", six) == ob);
  CHECK(dg_lexicon_filter_bit(lx, "ordinal", six_ina) == ob);
  CHECK(dg_lexicon_filter_bit(lx, "ordinal", none) == ob);
  CHECK(dg_lexicon_filter_bit(lx, "ordinal", six_sev) == -1);
  CHECK(dg_lexicon_filter_bit(lx, "no-such-list", none) == -1);
  dg_lexicon_free(lx);
}

static void test_load_errors(void) {
  dg_lexicon *lx = NULL;
  dg_error err;
  /* a bad class: the error names the file and the line */
  write_file("gazetteer.tsv", "# comment\ncountry\tFrance\n\nplanet\tMars\n");
  dg_error_clear(&err);
  CHECK(dg_lexicon_load(dir, &lx, &err) < 0);
  CHECK(lx == NULL);
  CHECK(strstr(err.msg, "gazetteer.tsv:4") != NULL);
  CHECK(strstr(err.msg, "planet") != NULL);
  /* a lexicon line without a word */
  write_file("gazetteer.tsv", "");
  write_file("lexicon.tsv", "ordinal\tsixth\t6\nordinal\n");
  dg_error_clear(&err);
  CHECK(dg_lexicon_load(dir, &lx, &err) < 0);
  CHECK(strstr(err.msg, "lexicon.tsv:2") != NULL);
  /* a directory without the files */
  dg_error_clear(&err);
  CHECK(dg_lexicon_load("/nonexistent-dir", &lx, &err) < 0);
  CHECK(strstr(err.msg, "/nonexistent-dir/") != NULL);
  /* CRLF line ends are accepted */
  write_file("lexicon.tsv", "ordinal\tsixth\t6\r\n");
  write_file("gazetteer.tsv", "country\tFrance\tFrench Republic\t\tQ142\r\n");
  dg_error_clear(&err);
  CHECK(dg_lexicon_load(dir, &lx, &err) == 0);
  if (lx) {
    CHECK_STR(dg_lexicon_get(lx, "ordinal", "sixth"), "6");
    const dg_gaz *fr = dg_lexicon_gazetteer(lx, "French Republic");
    CHECK(fr && fr->wikidata && !strcmp(fr->wikidata, "Q142"));
  }
  dg_lexicon_free(lx);
  dg_lexicon_free(NULL);
}

static void test_real_ontology(void) {
  /* the shipped gazetteer loads, and its entries find themselves */
  const char *d = getenv("DIPLOGRAPH_ONTOLOGY");
  dg_lexicon *lx = NULL;
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_lexicon_load(d && *d ? d : "ontology", &lx, &err) == 0);
  if (!lx) {
    fprintf(stderr, "%s\n", err.msg);
    return;
  }
  int found = 1;
  for (size_t i = 0; i < dg_lexicon_ngaz(lx); i++) {
    const dg_gaz *e = dg_lexicon_gaz_at(lx, i);
    const dg_gaz *f = dg_lexicon_gazetteer(lx, e->canonical);
    /* a canonical name may be another entry's variant only if it is the
     * same kind of thing listed twice: report it */
    if (!f || f->kind != e->kind || strcmp(f->key, e->key)) {
      fprintf(stderr, "gazetteer: '%s' finds '%s'\n", e->canonical, f ? f->canonical : "nothing");
      found = 0;
    }
  }
  CHECK(found);
  dg_lexicon_free(lx);
}

int main(void) {
  test_fold();
  if (!mkdtemp(dir)) {
    perror(dir);
    return 1;
  }
  test_gazetteer();
  test_load_errors();
  char p[64];
  snprintf(p, sizeof p, "%s/lexicon.tsv", dir), unlink(p);
  snprintf(p, sizeof p, "%s/gazetteer.tsv", dir), unlink(p);
  rmdir(dir);
  test_real_ontology();
  return TEST_REPORT();
}
