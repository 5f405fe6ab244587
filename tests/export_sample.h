/* export_sample: a small graph for the diagram and report tests, built
 * directly through dg_result / dg_graph_add (not through extraction, which
 * changes), with the shapes the exporters must handle: an event series with
 * two events whose IRI order is the opposite of their date order, co-chairs,
 * a venue, a referenced document cited by two statements, a programme, a
 * body, a planned next event, and entities whose names hold every
 * character DOT, HTML-like labels and HTML treat specially.
 * Ownership: sample_graph() and sample_graph_order() return a finalized graph the caller frees. */
#ifndef EXPORT_SAMPLE_H
#define EXPORT_SAMPLE_H

#include <stdio.h>
#include <string.h>

#include "dg_graph.h"

/* Hostile names: quotes, markup, record-label syntax, backslashes (also
 * before letters dot expands: \N \G \l), newlines, entities, non-ASCII,
 * right-to-left text and a right-to-left override. */
static const char *const sample_hostile[] __attribute__((unused)) = {
    "Ministry \"Q\" <of> {A|B} & Co",
    "Back\\slash \\N \\G \\l end\\",
    "Line one\nLine two",
    "&amp; is not &",
    "C\xC3\xB4te d\xE2\x80\x99Ivoire \xE2\x80\x94 na\xC3\xAFve",
    "\xD8\xAC\xD8\xA7\xD9\x85\xD8\xB9\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xAF\xD9\x88\xD9\x84",
    "abc\xE2\x80\xAE" "def",
    "'single' </TD> <BR/> ]]> -->"};
#define SAMPLE_NHOSTILE (sizeof sample_hostile / sizeof *sample_hostile)
/* Mentioned only, by one document: drawn as cells of one box. */
static const char *const sample_hostile_mentioned[] __attribute__((unused)) = {
    "Programme <A> & \"B\" \\N \\G",
    "Centre {x|y} \\ \xC3\xA9t\xC3\xA9 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\nnext line"};
#define SAMPLE_NMENTIONED 2

/* White space runs as one space, ends trimmed; the caller frees. Labels
 * are re-wrapped in the diagram and newlines become spaces in HTML. */
static inline char *sample_squash(const char *s) {
  dg_buf b;
  dg_buf_init(&b);
  int space = 0;
  for (; *s; s++) {
    if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
      space = 1;
      continue;
    }
    if (space && b.len) dg_buf_addc(&b, ' ');
    space = 0;
    dg_buf_addc(&b, *s);
  }
  return dg_buf_steal(&b);
}

static inline int sample_span(dg_result *r, size_t b, const char *text) {
  return dg_result_span(r, b, b + strlen(text), text, strlen(text));
}

static inline int sample_ent(dg_result *r, dg_kind k, const char *key, const char *name, unsigned cls) {
  int i = dg_result_entity(r, k, key, name);
  r->ents[i].classes |= cls;
  return i;
}

/* reverse: add the documents in the opposite order (output must not change) */
static inline dg_graph *sample_graph_order(int reverse) {
  dg_result *docs[3];

  /* 001: the first dialogue, reported by its co-chairs' statement */
  dg_result *r = dg_result_new("001_first.txt", "001_first");
  r->ents[0].classes |= DG_C_STATEMENT;
  dg_result_name(r, 0, "Co-Chairs' Statement on the Inaugural ASEAN-U.S. Cyber Policy Dialogue");
  int s1 = sample_span(r, 120, "The inaugural ASEAN-U.S. Cyber Policy Dialogue was held in Singapore on October 3, 2019.");
  int s2 = sample_span(r, 300, "The Dialogue was co-chaired by the United States and Lao PDR.");
  int s3 = sample_span(r, 420, "Recalling the ASEAN-U.S. Leaders' Statement on Cybersecurity Cooperation <2018> & more,");
  int ser = sample_ent(r, DG_K_SERIES, "asean-us cyber policy dialogue", "ASEAN-U.S. Cyber Policy Dialogue", DG_C_SERIES);
  /* keys chosen so that IRI order is the opposite of date order */
  int ev1 = sample_ent(r, DG_K_EVENT, "zz first dialogue", "inaugural ASEAN-U.S. Cyber Policy Dialogue", DG_C_EVENT | DG_C_DIALOGUE);
  r->ents[ev1].series = ser;
  r->ents[ev1].ordinal = 1;
  int sg = sample_ent(r, DG_K_PLACE, "singapore", "Singapore", DG_C_PLACE);
  int us = sample_ent(r, DG_K_COUNTRY, "united states", "United States", DG_C_COUNTRY | DG_C_ORG);
  int lao = sample_ent(r, DG_K_COUNTRY, "lao pdr", "Lao PDR", DG_C_COUNTRY | DG_C_ORG);
  int ls = sample_ent(r, DG_K_DOC, "asean-us leaders statement on cybersecurity cooperation",
                      "ASEAN-U.S. Leaders' Statement on Cybersecurity Cooperation", DG_C_DOCUMENT | DG_C_STATEMENT);
  int amcc = sample_ent(r, DG_K_BODY, "asean ministerial conference on cybersecurity",
                        "ASEAN Ministerial Conference on Cybersecurity", DG_C_BODY | DG_C_ORG);
  dg_result_acronym(r, amcc, "AMCC");
  int prog = sample_ent(r, DG_K_PROGRAMME, "asean-singapore cybersecurity centre of excellence",
                        "ASEAN-Singapore Cybersecurity Centre of Excellence", DG_C_PROGRAMME);
  dg_result_fact(r, ev1, DG_P_INSERIES, ser, s1);
  dg_result_literal(r, ev1, DG_P_ORDINAL, DG_L_INTEGER, "1", s1);
  dg_result_literal(r, ev1, DG_P_DATE, DG_L_DATE, "2019-10-03", s1);
  dg_result_fact(r, ev1, DG_P_VENUE, sg, s1);
  dg_result_fact(r, ev1, DG_P_COCHAIR, us, s2);
  dg_result_fact(r, ev1, DG_P_COCHAIR, lao, s2);
  dg_result_fact(r, 0, DG_P_REPORTSON, ev1, s1);
  dg_result_fact(r, 0, DG_P_RECALLS, ls, s3);
  dg_result_fact(r, 0, DG_P_MENTIONS, amcc, s3);
  dg_result_fact(r, 0, DG_P_MENTIONS, prog, s3);
  docs[0] = r;

  /* 002: the second dialogue, held virtually, planning a third */
  r = dg_result_new("002_second.txt", "002_second");
  r->ents[0].classes |= DG_C_STATEMENT;
  dg_result_name(r, 0, "Co-Chairs' Statement on the Second ASEAN-U.S. Cyber Policy Dialogue");
  s1 = sample_span(r, 10, "The 2nd ASEAN-U.S. Cyber Policy Dialogue was held virtually on 14 September 2021, co-chaired by the United States and Malaysia.");
  s2 = sample_span(r, 200, "The Dialogue reaffirmed the ASEAN-U.S. Leaders' Statement on Cybersecurity Cooperation.");
  s3 = sample_span(r, 300, "The 3rd Dialogue is planned for 2022.");
  ser = sample_ent(r, DG_K_SERIES, "asean-us cyber policy dialogue", "ASEAN-U.S. Cyber Policy Dialogue", DG_C_SERIES);
  int ev2 = sample_ent(r, DG_K_EVENT, "aa second dialogue", "2nd ASEAN-U.S. Cyber Policy Dialogue", DG_C_EVENT | DG_C_DIALOGUE);
  r->ents[ev2].series = ser;
  r->ents[ev2].ordinal = 2;
  int ev3 = sample_ent(r, DG_K_EVENT, "mm third dialogue", "3rd ASEAN-U.S. Cyber Policy Dialogue", DG_C_EVENT | DG_C_DIALOGUE);
  r->ents[ev3].series = ser;
  r->ents[ev3].ordinal = 3;
  us = sample_ent(r, DG_K_COUNTRY, "united states", "United States", DG_C_COUNTRY | DG_C_ORG);
  int my = sample_ent(r, DG_K_COUNTRY, "malaysia", "Malaysia", DG_C_COUNTRY | DG_C_ORG);
  ls = sample_ent(r, DG_K_DOC, "asean-us leaders statement on cybersecurity cooperation",
                  "ASEAN-U.S. Leaders' Statement on Cybersecurity Cooperation", DG_C_DOCUMENT | DG_C_STATEMENT);
  dg_result_fact(r, ev2, DG_P_INSERIES, ser, s1);
  dg_result_fact(r, ev3, DG_P_INSERIES, ser, s3);
  dg_result_literal(r, ev2, DG_P_DATE, DG_L_DATE, "2021-09-14", s1);
  dg_result_literal(r, ev2, DG_P_VIRTUAL, DG_L_BOOLEAN, "true", s1);
  dg_result_literal(r, ev3, DG_P_PLANNEDDATE, DG_L_GYEAR, "2022", s3);
  dg_result_fact(r, ev2, DG_P_COCHAIR, us, s1);
  dg_result_fact(r, ev2, DG_P_COCHAIR, my, s1);
  dg_result_fact(r, ev2, DG_P_PLANNEDNEXT, ev3, s3);
  dg_result_fact(r, 0, DG_P_REPORTSON, ev2, s1);
  dg_result_fact(r, 0, DG_P_REAFFIRMS, ls, s2);
  docs[1] = r;

  /* 003: hostile names everywhere, including the evidence text */
  r = dg_result_new("003_<hostile> & \"odd\".txt", "003_hostile");
  s1 = sample_span(r, 0, "A sentence with <b>markup</b>, \"quotes\", & ampersands, \\ and \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A.");
  int hev = sample_ent(r, DG_K_EVENT, "hostile meeting", "Meeting of \"the <Parties>\" {x|y}", DG_C_EVENT | DG_C_MEETING);
  dg_result_literal(r, hev, DG_P_DATE, DG_L_DATE, "2020-02-29", s1);
  dg_result_fact(r, 0, DG_P_REPORTSON, hev, s1);
  for (size_t i = 0; i < SAMPLE_NHOSTILE; i++) {
    char key[32];
    snprintf(key, sizeof key, "hostile %zu", i);
    int o = sample_ent(r, DG_K_ORG, key, sample_hostile[i], DG_C_ORG);
    dg_result_fact(r, hev, DG_P_COCHAIR, o, s1);
  }
  for (size_t i = 0; i < SAMPLE_NMENTIONED; i++) {
    char key[32];
    snprintf(key, sizeof key, "hostile programme %zu", i);
    int o = sample_ent(r, DG_K_PROGRAMME, key, sample_hostile_mentioned[i], DG_C_PROGRAMME);
    dg_result_fact(r, 0, DG_P_MENTIONS, o, s1);
  }
  docs[2] = r;

  dg_graph *g = dg_graph_new(NULL);
  dg_error err;
  dg_error_clear(&err);
  for (int i = 0; i < 3; i++) {
    dg_result *d = docs[reverse ? 2 - i : i];
    dg_graph_add(g, d, &err);
    dg_result_free(d);
  }
  dg_graph_finalize(g);
  return g;
}

static inline dg_graph *sample_graph(void) { return sample_graph_order(0); }

#endif
