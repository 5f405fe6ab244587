/* test_extract: each rule family of the extractor on small texts written for
 * the test, including sentences that must NOT produce a fact. */
#include <stdlib.h>
#include <string.h>

#include "dg_doc.h"
#include "dg_extract.h"
#include "dg_lexicon.h"
#include "testhelp.h"

static dg_lexicon *lx;

static dg_result *run(const char *text) {
  dg_doc *doc = NULL;
  dg_result *r = NULL;
  dg_error err;
  if (dg_doc_from_memory("t.txt", text, strlen(text), DG_FMT_TEXT, &doc, &err) < 0) return NULL;
  if (dg_extract_doc(lx, doc, &r, &err) < 0) r = NULL;
  dg_doc_free(doc);
  return r;
}

static int named(const dg_result *r, int e, const char *name);

/* A numbered event answers to "SERIES#N" for any name of its series. */
static int event_key(const dg_result *r, int e, const char *name) {
  const dg_entity *x = &r->ents[e];
  const char *hash = strrchr(name, '#');
  if (x->kind != DG_K_EVENT || x->series < 0 || !hash || atoi(hash + 1) != x->ordinal) return 0;
  char *series = strndup(name, (size_t)(hash - name));
  int ok = named(r, x->series, series);
  free(series);
  return ok;
}

static int named(const dg_result *r, int e, const char *name) {
  const dg_entity *x = &r->ents[e];
  if (event_key(r, e, name)) return 1;
  if (x->label && !strcmp(x->label, name)) return 1;
  for (size_t i = 0; i < x->names.n; i++)
    if (!strcmp(x->names.v[i], name)) return 1;
  for (size_t i = 0; i < x->variants.n; i++)
    if (!strcmp(x->variants.v[i], name)) return 1;
  return 0;
}

/* Is there a fact (subject named s, or "DOC"; pred; object named o or literal o)? */
static int has(const dg_result *r, const char *s, dg_pred p, const char *o) {
  for (size_t i = 0; i < r->nfacts; i++) {
    const dg_fact *f = &r->facts[i];
    if (f->pred != p) continue;
    if (strcmp(s, "DOC") ? !named(r, f->subj, s) : f->subj != 0) continue;
    if (f->obj >= 0 ? named(r, f->obj, o) : (f->lit && !strcmp(f->lit, o))) return 1;
  }
  return 0;
}

static int count(const dg_result *r, dg_pred p) {
  int n = 0;
  for (size_t i = 0; i < r->nfacts; i++) n += r->facts[i].pred == p;
  return n;
}

static const dg_entity *entity(const dg_result *r, const char *name) {
  for (size_t i = 0; i < r->nents; i++)
    if (named(r, (int)i, name)) return &r->ents[i];
  return NULL;
}

static void test_events(void) {
  dg_result *r = run("Co-Chairs' Statement on the Third Canada-Viet Nam Cyber Policy Dialogue\n\n"
                     "The third Canada-Viet Nam Cyber Policy Dialogue was held in Hanoi on 4 May 2022. "
                     "The Dialogue was co-chaired by Canada and Viet Nam.\n");
  CHECK(r != NULL);
  if (!r) return;
  const char *ev = "Canada-Viet Nam Cyber Policy Dialogue#3";
  CHECK(has(r, ev, DG_P_ORDINAL, "3"));
  CHECK(has(r, ev, DG_P_DATE, "2022-05-04"));
  CHECK(has(r, ev, DG_P_VENUE, "Hanoi"));
  CHECK(has(r, ev, DG_P_COCHAIR, "Canada"));
  CHECK(has(r, ev, DG_P_COCHAIR, "Viet Nam"));
  CHECK(has(r, ev, DG_P_INSERIES, "Canada-Viet Nam Cyber Policy Dialogue"));
  CHECK(has(r, "DOC", DG_P_REPORTSON, ev));
  const dg_entity *e = entity(r, ev);
  CHECK(e && (e->classes & DG_C_DIALOGUE));
  dg_result_free(r);

  /* ordinals in numbers, month-first dates, virtual meetings */
  r = run("The 7th Japan-India Cyber Dialogue was held virtually on March 3, 2021.\n");
  CHECK(r && has(r, "India-Japan Cyber Dialogue#7", DG_P_DATE, "2021-03-03"));
  CHECK(r && has(r, "India-Japan Cyber Dialogue#7", DG_P_VIRTUAL, "true"));
  dg_result_free(r);

  /* "X and Y held their sixth Cyber Dialogue": the series is named after them */
  r = run("On 2 June, the European Union and India held their sixth Cyber Dialogue in Brussels.\n\n"
          "Published 3 June 2023\n");
  CHECK(r && entity(r, "European Union-India Cyber Dialogue#6"));
  dg_result_free(r);

  /* must NOT produce events: ordinals of other things, a year of friendship */
  r = run("The meeting marked the 40th year of friendship. It was the first time the ministers met "
          "on the 2nd floor of the Ministry.\n");
  CHECK(r && count(r, DG_P_ORDINAL) == 0 && count(r, DG_P_DATE) == 0);
  dg_result_free(r);
}

static void test_dates(void) {
  /* ranges, month precision, "last year" against the dateline */
  dg_result *r = run("Tokyo, 13 September 2013\n\n"
                     "The Second ASEAN-Korea Cyber Dialogue was held from 12 to 13 September 2013. "
                     "It followed the First ASEAN-Korea Cyber Dialogue held in Seoul in June 2012 and "
                     "the Fourth ASEAN-Korea Senior Officials Meeting held last year.\n");
  CHECK(r && has(r, "ASEAN-Korea Cyber Dialogue#2", DG_P_DATE, "2013-09-12"));
  CHECK(r && has(r, "ASEAN-Korea Cyber Dialogue#1", DG_P_DATE, "2012-06"));
  CHECK(r && has(r, "ASEAN-Korea Cyber Dialogue#1", DG_P_VENUE, "Seoul"));
  CHECK(r && has(r, "ASEAN-Korea Senior Officials Meeting#4", DG_P_DATE, "2012"));
  dg_result_free(r);
  /* a year alone after "since" is not an event date */
  r = run("Officials recalled the ASEAN-Korea Cyber Dialogues held since 2009.\n");
  CHECK(r && count(r, DG_P_DATE) == 0);
  dg_result_free(r);
}

static void test_references(void) {
  dg_result *r = run("The Dialogue was held in Ottawa on 1 May 2022. Recalling the 2021 Canada-ASEAN Leaders' "
                     "Statement on Digital Cooperation adopted at the 3rd ASEAN-Canada Summit in November 2021, "
                     "the Dialogue welcomed the 2021 consensus report of the Open-ended Working Group, reaffirmed "
                     "UNGA resolution 73/27, and noted the ASEAN Digital Master Plan 2025.\n");
  CHECK(r != NULL);
  if (!r) return;
  CHECK(has(r, "DOC", DG_P_RECALLS, "2021 Canada-ASEAN Leaders' Statement on Digital Cooperation"));
  CHECK(has(r, "2021 Canada-ASEAN Leaders' Statement on Digital Cooperation", DG_P_ADOPTEDAT,
            "ASEAN-Canada Summit#3"));
  CHECK(has(r, "ASEAN-Canada Summit#3", DG_P_DATE, "2021-11"));
  CHECK(has(r, "DOC", DG_P_WELCOMES, "2021 consensus report of the Open-ended Working Group"));
  CHECK(has(r, "DOC", DG_P_REAFFIRMS, "UNGA resolution 73/27"));
  CHECK(has(r, "DOC", DG_P_NOTES, "ASEAN Digital Master Plan 2025"));
  dg_result_free(r);
  /* a statement's own title is its name, not a reference */
  r = run("Joint Statement on the Second Canada-ASEAN Cyber Dialogue\n\nThe Dialogue met.\n");
  CHECK(r && count(r, DG_P_REFERENCES) + count(r, DG_P_RECALLS) + count(r, DG_P_WELCOMES) == 0);
  dg_result_free(r);
}

static void test_programmes_and_bodies(void) {
  dg_result *r = run("The Dialogue discussed initiatives and programmes such as the Mekong Cyber Capacity Project, "
                     "the Digital Trade and Security Partnership, and the ASEAN-Canada Cyber Centre of Excellence, "
                     "as well as the work of the ASEAN Regional Forum (ARF) and the Pacific Cyber Coordinating "
                     "Committee (PCCC).\n");
  CHECK(r != NULL);
  if (!r) return;
  CHECK(has(r, "DOC", DG_P_MENTIONS, "Mekong Cyber Capacity Project"));
  CHECK(has(r, "DOC", DG_P_MENTIONS, "Digital Trade and Security Partnership"));
  CHECK(has(r, "DOC", DG_P_MENTIONS, "ASEAN-Canada Cyber Centre of Excellence"));
  CHECK(has(r, "DOC", DG_P_MENTIONS, "ASEAN Regional Forum"));
  CHECK(has(r, "DOC", DG_P_MENTIONS, "Pacific Cyber Coordinating Committee"));
  const dg_entity *p = entity(r, "Digital Trade and Security Partnership");
  CHECK(p && (p->classes & DG_C_PROGRAMME));
  const dg_entity *b = entity(r, "Pacific Cyber Coordinating Committee");
  CHECK(b && (b->classes & DG_C_BODY) && b->acronyms.n == 1 && !strcmp(b->acronyms.v[0], "PCCC"));
  dg_result_free(r);
  /* a government centre is an agency (body), not a programme */
  r = run("The delegation included the National Cyber Security Centre and the Ministry of Economy, Trade and Industry.\n");
  const dg_entity *n = r ? entity(r, "National Cyber Security Centre") : NULL;
  CHECK(n && (n->classes & DG_C_BODY) && !(n->classes & DG_C_PROGRAMME));
  CHECK(r && entity(r, "Ministry of Economy, Trade and Industry"));
  dg_result_free(r);
}

static void test_acronyms(void) {
  dg_result *r = run("Ministers welcomed the Charter of the United Nations (UN) and the ASEAN Information "
                     "and Communications Technology (ICT) Master Plan (AIM) 2020, and the 13th ASEAN Regional "
                     "Forum (ARF) Ministerial Meeting held in Kuala Lumpur in July 2006.\n");
  CHECK(r != NULL);
  if (!r) return;
  const dg_entity *un = entity(r, "United Nations");
  CHECK(un && un->acronyms.n && !strcmp(un->acronyms.v[0], "UN"));
  const dg_entity *ch = entity(r, "Charter of the United Nations");
  CHECK(ch && ch->acronyms.n == 0); /* the acronym is the UN's, not the Charter's */
  const dg_entity *aim = entity(r, "ASEAN Information and Communications Technology Master Plan 2020");
  CHECK(aim && aim->acronyms.n && !strcmp(aim->acronyms.v[0], "AIM"));
  CHECK(entity(r, "ARF Ministerial Meeting") != NULL); /* the series under both names */
  CHECK(has(r, "ASEAN Regional Forum Ministerial Meeting#13", DG_P_VENUE, "Kuala Lumpur"));
  dg_result_free(r);
}

static void test_planned(void) {
  dg_result *r = run("The Second Brazil-India Cyber Dialogue was held in Brasilia on 1 June 2022. "
                     "The two sides agreed to hold the Third Brazil-India Cyber Dialogue in New Delhi in 2023.\n");
  CHECK(r && has(r, "Brazil-India Cyber Dialogue#2", DG_P_PLANNEDNEXT, "Brazil-India Cyber Dialogue#3"));
  CHECK(r && has(r, "Brazil-India Cyber Dialogue#3", DG_P_PLANNEDDATE, "2023"));
  CHECK(r && !has(r, "Brazil-India Cyber Dialogue#3", DG_P_DATE, "2023"));
  dg_result_free(r);
  r = run("The inaugural Chile-Japan Cyber Dialogue took place in Tokyo on 5 May 2021. "
          "The next Dialogue will be held in Santiago in 2022.\n");
  CHECK(r && has(r, "Chile-Japan Cyber Dialogue#2", DG_P_PLANNEDDATE, "2022"));
  dg_result_free(r);
  /* the statement's own event, never named: between the previous and the next */
  r = run("Fri. Nov 22nd, 2024\n\nRecalling the Fourth Chile-Japan Cyber Dialogue held last year, the Dialogue "
          "discussed norms. Participants committed to explore convening the Sixth Chile-Japan Cyber Dialogue in 2025.\n");
  CHECK(r && has(r, "DOC", DG_P_REPORTSON, "Chile-Japan Cyber Dialogue#5"));
  CHECK(r && has(r, "Chile-Japan Cyber Dialogue#4", DG_P_DATE, "2023"));
  dg_result_free(r);
}

static void test_identity(void) {
  /* partner order and spelling variants give one key */
  dg_result *a = run("The 2nd U.S.-ASEAN Cyber Policy Dialogue was held in Jakarta on 1 May 2020. "
                     "They discussed the ASEAN-Japan Cybersecurity Capacity Building Centre.\n");
  dg_result *b = run("The 3rd ASEAN-United States Cyber Policy Dialogue was held in Manila on 1 May 2021. "
                     "They discussed the ASEAN-Japan Cybersecurity Capacity Building Center.\n");
  const dg_entity *s1 = a ? entity(a, "U.S.-ASEAN Cyber Policy Dialogue") : NULL;
  const dg_entity *s2 = b ? entity(b, "ASEAN-United States Cyber Policy Dialogue") : NULL;
  CHECK(s1 && s2 && !strcmp(s1->key, s2->key));
  const dg_entity *c1 = a ? entity(a, "ASEAN-Japan Cybersecurity Capacity Building Centre") : NULL;
  const dg_entity *c2 = b ? entity(b, "ASEAN-Japan Cybersecurity Capacity Building Center") : NULL;
  CHECK(c1 && c2 && !strcmp(c1->key, c2->key));
  dg_result_free(a);
  dg_result_free(b);
}

static void test_genre_variants(void) {
  /* headless list items, lower-case heads, a planned "sixth dialogue" */
  dg_result *r = run("The Fifth Chile-Korea Cyber Dialogue was held in Seoul on 2 May 2023. "
                     "They reviewed programmes such as Cyber Bridges for Women, Secure Andes, and the "
                     "Pacific Alliance Cyber Exchange, and welcomed the Andean Data Shield project. "
                     "The two sides agreed to hold the sixth dialogue in Santiago in 2024.\n");
  CHECK(r && has(r, "DOC", DG_P_MENTIONS, "Cyber Bridges for Women"));
  CHECK(r && has(r, "DOC", DG_P_MENTIONS, "Secure Andes"));
  CHECK(r && has(r, "DOC", DG_P_MENTIONS, "Andean Data Shield project"));
  CHECK(r && has(r, "Chile-Korea Cyber Dialogue#5", DG_P_PLANNEDNEXT, "Chile-Korea Cyber Dialogue#6"));
  CHECK(r && has(r, "Chile-Korea Cyber Dialogue#6", DG_P_PLANNEDDATE, "2024"));
  dg_result_free(r);
  /* a dateline, a weekday, a place the gazetteer does not know, "the next round of the dialogue" */
  r = run("KIGALI, 9 March 2023 - Officials from Rwanda and Estonia met virtually on Tuesday for the "
          "third Estonia-Rwanda Cyber Dialogue, the ministry said on Wednesday.\n\n"
          "The second Estonia-Rwanda Cyber Dialogue took place in Kigali in 2021.\n\n"
          "The next round of the dialogue is expected in Tallinn next year.\n");
  CHECK(r && has(r, "Estonia-Rwanda Cyber Dialogue#3", DG_P_DATE, "2023-03-07"));
  CHECK(r && has(r, "Estonia-Rwanda Cyber Dialogue#2", DG_P_VENUE, "Kigali"));
  CHECK(r && has(r, "Estonia-Rwanda Cyber Dialogue#4", DG_P_PLANNEDDATE, "2024"));
  dg_result_free(r);
  /* co-chairs through sides and through the chairing body */
  r = run("The Fourth Brazil-Japan Cyber Dialogue was held in Tokyo on 1 June 2023. The Japanese side was "
          "chaired by the Ambassador for Cyber Policy, and the Brazilian side by the Director of Digital Affairs.\n");
  CHECK(r && has(r, "Brazil-Japan Cyber Dialogue#4", DG_P_COCHAIR, "Japan"));
  CHECK(r && has(r, "Brazil-Japan Cyber Dialogue#4", DG_P_COCHAIR, "Brazil"));
  dg_result_free(r);
  r = run("The Second Brazil-EU Cyber Dialogue was held in Brasilia on 3 June 2023. It was co-chaired by the "
          "European External Action Service and the Ministry of Foreign Affairs of Brazil.\n");
  CHECK(r && has(r, "Brazil-EU Cyber Dialogue#2", DG_P_COCHAIR, "European Union"));
  CHECK(r && has(r, "Brazil-EU Cyber Dialogue#2", DG_P_COCHAIR, "Brazil"));
  dg_result_free(r);
  /* the leaders present are not all co-chairs */
  r = run("The leaders of Cambodia, Lao PDR, Thailand and Japan met in Phnom Penh on 13 November 2022 for the "
          "10th Mekong-Japan Summit, co-chaired by Cambodia and Japan.\n");
  CHECK(r && has(r, "Japan-Mekong Summit#10", DG_P_COCHAIR, "Cambodia") + has(r, "Mekong-Japan Summit#10", DG_P_COCHAIR, "Cambodia") >= 1);
  CHECK(r && !has(r, "Mekong-Japan Summit#10", DG_P_COCHAIR, "Thailand"));
  dg_result_free(r);
  /* compound ordinals, plural resolutions, terms defined by an acronym, numbered forums */
  r = run("We recalled the twenty-seventh ASEAN Summit held in Kuala Lumpur in November 2015, reaffirmed UN General "
          "Assembly resolutions 75/240 and 76/19, and noted the work of the Economic Community of West African States "
          "(ECOWAS) and the Report of the Norms Panel adopted at the 3rd Coral Sea Ministerial Forum in March 2021.\n");
  CHECK(r && has(r, "ASEAN Summit#27", DG_P_DATE, "2015-11"));
  CHECK(r && has(r, "DOC", DG_P_REAFFIRMS, "UN General Assembly resolution 76/19"));
  const dg_entity *ec = r ? entity(r, "Economic Community of West African States") : NULL;
  CHECK(ec && ec->acronyms.n && !strcmp(ec->acronyms.v[0], "ECOWAS"));
  CHECK(r && has(r, "Report of the Norms Panel", DG_P_ADOPTEDAT, "Coral Sea Ministerial Forum#3"));
  dg_result_free(r);
  /* "the previous Dialogue": the one before the document's own */
  r = run("The Fifth Japan-Korea Cyber Dialogue was held in Seoul on 3 May 2023. It followed the previous "
          "Dialogue, held in Tokyo in 2021.\n");
  CHECK(r && has(r, "Japan-Korea Cyber Dialogue#4", DG_P_VENUE, "Tokyo"));
  CHECK(r && has(r, "Japan-Korea Cyber Dialogue#4", DG_P_DATE, "2021"));
  dg_result_free(r);
  /* an ordinal written apart from the series: "the third round of the X Dialogue" */
  r = run("Canada and Chile hold cyber talks\n\nOttawa, 12 March 2024\n\n"
          "Canada and Chile held the third round of the Canada-Chile Cyber Dialogue in Ottawa on 12 March 2024. "
          "The fourth session of the Canada-Chile Cyber Dialogue will be held in Santiago in 2025.\n");
  CHECK(r && has(r, "Canada-Chile Cyber Dialogue#3", DG_P_DATE, "2024-03-12"));
  CHECK(r && has(r, "Canada-Chile Cyber Dialogue#3", DG_P_VENUE, "Ottawa"));
  CHECK(r && has(r, "Canada-Chile Cyber Dialogue#3", DG_P_PLANNEDNEXT, "Canada-Chile Cyber Dialogue#4"));
  CHECK(r && !has(r, "Canada-Chile Cyber Dialogue 2024", DG_P_DATE, "2024-03-12"));
  dg_result_free(r);
  /* "the first meeting of the <body>": a numbered meeting of that body, not of the document's series */
  r = run("The 4th Chile-Korea Summit was held in Seoul on 8 May 2023. The leaders looked forward to the first "
          "meeting of the Chile-Korea Digital Council in Santiago.\n");
  CHECK(r && has(r, "Chile-Korea Digital Council#1", DG_P_VENUE, "Santiago"));
  CHECK(r && !has(r, "Chile-Korea Summit#1", DG_P_VENUE, "Santiago"));
  dg_result_free(r);
  /* a headline's series without partners is the one the two countries named first hold */
  r = run("Peru, Japan Hold Second Cyber Consultations in Lima\n\n9 May 2024 - Peru and Japan held the Second "
          "Japan-Peru Cyber Consultations in Lima on 8 May 2024.\n");
  CHECK(r && has(r, "Peru-Japan Cyber Consultations#2", DG_P_DATE, "2024-05-08"));
  CHECK(r && !entity(r, "Cyber Consultations"));
  dg_result_free(r);
  /* two lower-case words between the ordinal and "dialogue" (news style) */
  r = run("Peru and Japan step up cyber ties\n\nLIMA, 8 May 2024 - Peru and Japan held their second cyber policy "
          "dialogue in Lima on Wednesday. The Japan-Peru Cyber Policy Dialogue was launched in 2022.\n");
  CHECK(r && has(r, "Japan-Peru Cyber Policy Dialogue#2", DG_P_VENUE, "Lima"));
  dg_result_free(r);
  /* a media note announcing a meeting: a day after the note's own date is a planned date */
  r = run("Third Peru-Japan Cyber Dialogue\n\nMEDIA NOTE\nJune 3, 2024\n\nPeru and Japan will hold the Third "
          "Peru-Japan Cyber Dialogue on June 10, 2024, in Lima. The Second Peru-Japan Cyber Dialogue was held in "
          "Tokyo on 2 May 2023.\n");
  CHECK(r && has(r, "Peru-Japan Cyber Dialogue#3", DG_P_PLANNEDDATE, "2024-06-10"));
  CHECK(r && !has(r, "Peru-Japan Cyber Dialogue#3", DG_P_DATE, "2024-06-10"));
  CHECK(r && has(r, "Peru-Japan Cyber Dialogue#2", DG_P_DATE, "2023-05-02"));
  dg_result_free(r);
  /* "adopted by the Leaders at ...": the agent between the verb and the event */
  r = run("The Second Peru-Japan Cyber Dialogue was held in Lima on 2 May 2023. Participants recalled the Joint "
          "Statement on Peru-Japan Digital Partnership adopted by the Leaders at the 5th Peru-Japan Summit.\n");
  CHECK(r && has(r, "Joint Statement on Peru-Japan Digital Partnership", DG_P_ADOPTEDAT, "Peru-Japan Summit#5"));
  dg_result_free(r);
  /* "against" inside a name, after its head */
  r = run("The Second Peru-Japan Cyber Dialogue was held in Lima on 2 May 2023. Both sides welcomed the draft "
          "United Nations Convention against Cybercrime.\n");
  CHECK(r && has(r, "DOC", DG_P_WELCOMES, "United Nations Convention against Cybercrime"));
  CHECK(r && !entity(r, "United Nations Convention"));
  dg_result_free(r);
  /* an organisation's possessive is not part of the programme's name */
  r = run("The Second Peru-Japan Cyber Dialogue was held in Lima on 2 May 2023. Both sides noted the World Bank's "
          "Cybersecurity Multi-Donor Trust Fund (MDTF).\n");
  const dg_entity *tf = r ? entity(r, "Cybersecurity Multi-Donor Trust Fund") : NULL;
  CHECK(tf && tf->acronyms.n && !strcmp(tf->acronyms.v[0], "MDTF"));
  dg_result_free(r);
  /* "U.S.-led", "EU-funded": a qualifier before the name */
  r = run("The Second Peru-Japan Cyber Dialogue was held in Lima on 2 May 2023. Both countries are members of the "
          "U.S.-led Counter Ransomware Initiative and support the EU-funded Cyber Resilience Programme.\n");
  CHECK(r && has(r, "DOC", DG_P_MENTIONS, "Counter Ransomware Initiative"));
  CHECK(r && has(r, "DOC", DG_P_MENTIONS, "Cyber Resilience Programme"));
  dg_result_free(r);
  /* must NOT produce events: rounds of applications, talks in a hall, floors */
  r = run("Wellington, 4 April 2024\n\nThe second round of applications closes on 5 May 2024. Public talks are given "
          "every Thursday in the Summit Room of the Harbour Conference Centre, on the 4th floor.\n");
  CHECK(r && count(r, DG_P_ORDINAL) == 0 && count(r, DG_P_DATE) == 0 && count(r, DG_P_MENTIONS) == 0);
  dg_result_free(r);
}

int main(void) {
  dg_error err;
  const char *dir = getenv("DIPLOGRAPH_ONTOLOGY") ? getenv("DIPLOGRAPH_ONTOLOGY") : "ontology";
  if (dg_lexicon_load(dir, &lx, &err) < 0) {
    fprintf(stderr, "%s\n", err.msg);
    return 1;
  }
  test_events();
  test_dates();
  test_references();
  test_programmes_and_bodies();
  test_acronyms();
  test_planned();
  test_identity();
  test_genre_variants();
  dg_lexicon_free(lx);
  return TEST_REPORT();
}
