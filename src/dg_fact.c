/* dg_fact: see dg_fact.h. */
#include "dg_fact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[DG_K__N] = {"doc", "event", "series", "org", "country",
                                                "body", "programme", "place", "person", "term"};
const char *dg_kind_name(dg_kind k) { return k < DG_K__N ? kind_names[k] : "thing"; }

static const char *const class_names[DG_C__COUNT] = {
    "Document", "Statement", "Report", "Resolution", "PolicyDocument", "Event",
    "Dialogue", "Summit", "Meeting", "Conference", "EventSeries", "Organization",
    "Country", "Body", "Programme", "Place", "Person", "Term"};
const char *dg_class_name(unsigned i) { return i < DG_C__COUNT ? class_names[i] : "Thing"; }

#define DG "https://w3id.org/diplograph/ontology#"
static const char *const pred_iris[DG_P__N] = {
    DG "inSeries", DG "ordinal", DG "date", DG "plannedDate", DG "venue", DG "virtual",
    DG "coChair", DG "reportsOn", DG "adoptedAt", DG "references", DG "recalls",
    DG "reaffirms", DG "welcomes", DG "acknowledges", DG "notes", DG "mentions",
    DG "plannedNext", "http://purl.org/dc/terms/issued"};
const char *dg_pred_iri(dg_pred p) { return pred_iris[p]; }
const char *dg_pred_name(dg_pred p) {
  const char *s = pred_iris[p];
  const char *h = strrchr(s, '#');
  return h ? h + 1 : strrchr(s, '/') + 1;
}

dg_result *dg_result_new(const char *file, const char *doc_key) {
  dg_result *r = dg_xcalloc(1, sizeof *r);
  r->file = dg_xstrdup(file);
  dg_map_init(&r->index);
  dg_map_init(&r->span_index);
  int d = dg_result_entity(r, DG_K_DOC, doc_key, NULL);
  r->ents[d].classes = DG_C_DOCUMENT;
  return r;
}

void dg_result_free(dg_result *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nents; i++) {
    dg_entity *e = &r->ents[i];
    free(e->key);
    free(e->label);
    free(e->wikidata);
    dg_strvec_free(&e->names);
    dg_strvec_free(&e->acronyms);
    dg_strvec_free(&e->variants);
  }
  for (size_t i = 0; i < r->nfacts; i++) free(r->facts[i].lit);
  for (size_t i = 0; i < r->nspans; i++) free(r->spans[i].text);
  free(r->ents);
  free(r->facts);
  free(r->spans);
  dg_map_free(&r->index);
  dg_map_free(&r->span_index);
  free(r->file);
  free(r->path);
  free(r);
}

/* The (kind, key) index key "kind/key", in buf when it fits (the common
 * case: this runs for every name of every document), else allocated;
 * free with index_key_done. */
static char *index_key(char *buf, size_t cap, dg_kind kind, const char *key) {
  const char *kn = dg_kind_name(kind);
  size_t a = strlen(kn), b = strlen(key);
  char *k = a + b + 2 <= cap ? buf : dg_xmalloc(a + b + 2);
  memcpy(k, kn, a);
  k[a] = '/';
  memcpy(k + a + 1, key, b + 1);
  return k;
}
static void index_key_done(char *k, const char *buf) {
  if (k != buf) free(k);
}

int dg_result_find(const dg_result *r, dg_kind kind, const char *key) {
  char buf[256];
  char *k = index_key(buf, sizeof buf, kind, key);
  int i = dg_map_get(&r->index, k);
  index_key_done(k, buf);
  return i;
}

int dg_result_entity(dg_result *r, dg_kind kind, const char *key, const char *name) {
  char buf[256];
  char *k = index_key(buf, sizeof buf, kind, key);
  int i = dg_map_get(&r->index, k);
  if (i < 0) {
    if (r->nents == r->capents) {
      r->capents = r->capents ? r->capents * 2 : 32;
      r->ents = dg_xrealloc(r->ents, r->capents * sizeof *r->ents);
    }
    i = (int)r->nents++;
    dg_entity *e = &r->ents[i];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->key = dg_xstrdup(key);
    e->series = -1;
    dg_strvec_init(&e->names);
    dg_strvec_init(&e->acronyms);
    dg_strvec_init(&e->variants);
    dg_map_put(&r->index, k, i);
  }
  index_key_done(k, buf);
  if (name && *name) dg_strvec_add_unique(&r->ents[i].names, name);
  return i;
}

void dg_result_reindex(dg_result *r) {
  dg_map_free(&r->index);
  dg_map_init(&r->index);
  for (size_t i = 0; i < r->nents; i++) {
    char buf[256];
    char *k = index_key(buf, sizeof buf, r->ents[i].kind, r->ents[i].key);
    dg_map_put(&r->index, k, (int)i);
    index_key_done(k, buf);
  }
}

static dg_fact *push_fact(dg_result *r) {
  if (r->nfacts == r->capfacts) {
    r->capfacts = r->capfacts ? r->capfacts * 2 : 64;
    r->facts = dg_xrealloc(r->facts, r->capfacts * sizeof *r->facts);
  }
  return &r->facts[r->nfacts++];
}

int dg_result_has(const dg_result *r, int subj, dg_pred pred, int obj) {
  for (size_t i = 0; i < r->nfacts; i++)
    if (r->facts[i].subj == subj && r->facts[i].pred == pred && r->facts[i].obj == obj)
      return 1;
  return 0;
}

void dg_result_fact(dg_result *r, int subj, dg_pred pred, int obj, int span) {
  if (subj < 0 || obj < 0 || dg_result_has(r, subj, pred, obj)) return;
  dg_fact *f = push_fact(r);
  *f = (dg_fact){subj, pred, obj, DG_L_NONE, NULL, span};
}

void dg_result_literal(dg_result *r, int subj, dg_pred pred, dg_lit lt, const char *lit, int span) {
  if (subj < 0 || !lit) return;
  for (size_t i = 0; i < r->nfacts; i++)
    if (r->facts[i].subj == subj && r->facts[i].pred == pred && r->facts[i].lit &&
        !strcmp(r->facts[i].lit, lit))
      return;
  dg_fact *f = push_fact(r);
  *f = (dg_fact){subj, pred, -1, lt, dg_xstrdup(lit), span};
}

void dg_result_drop(dg_result *r, int subj, dg_pred pred) {
  size_t w = 0;
  for (size_t i = 0; i < r->nfacts; i++) {
    if (r->facts[i].subj == subj && r->facts[i].pred == pred) {
      free(r->facts[i].lit);
      continue;
    }
    r->facts[w++] = r->facts[i];
  }
  r->nfacts = w;
}

/* Writes n in decimal at p; returns the end. */
static char *put_size(char *p, size_t n) {
  char d[24];
  int i = 0;
  do d[i++] = (char)('0' + n % 10), n /= 10;
  while (n);
  while (i) *p++ = d[--i];
  return p;
}

/* "begin,end", as "%zu,%zu" wrote it, without printf (once per evidence sentence). */
static void span_key(char *key, size_t begin, size_t end) {
  char *p = put_size(key, begin);
  *p++ = ',';
  *put_size(p, end) = '\0';
}

int dg_result_span(dg_result *r, size_t begin, size_t end, const char *text, size_t len) {
  char key[48];
  span_key(key, begin, end);
  int found = dg_map_get(&r->span_index, key);
  if (found >= 0) return found;
  dg_map_put(&r->span_index, key, (int)r->nspans);
  if (r->nspans == r->capspans) {
    r->capspans = r->capspans ? r->capspans * 2 : 32;
    r->spans = dg_xrealloc(r->spans, r->capspans * sizeof *r->spans);
  }
  r->spans[r->nspans] = (dg_span){begin, end, dg_xstrndup(text, len)};
  return (int)r->nspans++;
}
