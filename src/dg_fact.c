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
  dg_arena_init(&r->arena);
  r->file = dg_arena_strdup(&r->arena, file);
  dg_idtab_init(&r->index);
  dg_idtab_init(&r->span_index);
  int d = dg_result_entity(r, DG_K_DOC, doc_key, NULL);
  r->ents[d].classes = DG_C_DOCUMENT;
  return r;
}

/* Everything else is in the arena: a few free() calls, not one per string. */
void dg_result_free(dg_result *r) {
  if (!r) return;
  free(r->ents);
  free(r->facts);
  free(r->spans);
  dg_idtab_free(&r->index);
  dg_idtab_free(&r->span_index);
  dg_arena_free(&r->arena);
  free(r);
}

char *dg_result_strdup(dg_result *r, const char *s) { return dg_arena_strdup(&r->arena, s); }

/* The (kind, key) index hashes the key's bytes and the kind; an id holds
 * the item when its entity has both. */
typedef struct ent_probe {
  const dg_result *r;
  dg_kind kind;
  const char *key;
  size_t len;
} ent_probe;

static uint64_t ent_hash(dg_kind kind, const char *key, size_t len) {
  return dg_hash_fast(key, len) ^ ((uint64_t)kind * 0x9e3779b97f4a7c15ULL);
}

static int ent_eq(const void *ctx, uint32_t id) {
  const ent_probe *p = ctx;
  const dg_entity *e = &p->r->ents[id];
  return e->kind == p->kind && !strncmp(e->key, p->key, p->len) && !e->key[p->len];
}

/* The index holds every entity, except after dg_result_reindex, which
 * leaves it to be rebuilt by the next lookup that needs it. */
static int index_stale(const dg_result *r) { return r->index.n != r->nents; }

static void rebuild_index(dg_result *r) {
  dg_idtab_free(&r->index);
  dg_idtab_init(&r->index);
  for (size_t i = 0; i < r->nents; i++) {
    const dg_entity *e = &r->ents[i];
    dg_idtab_add(&r->index, ent_hash(e->kind, e->key, strlen(e->key)), (uint32_t)i);
  }
}

static int find_n(const dg_result *r, dg_kind kind, const char *key, size_t len, uint64_t h) {
  ent_probe p = {r, kind, key, len};
  if (index_stale(r)) { /* (a const lookup does not rebuild: it reads the entities) */
    for (size_t i = 0; i < r->nents; i++)
      if (ent_eq(&p, (uint32_t)i)) return (int)i;
    return -1;
  }
  return (int)dg_idtab_find(&r->index, h, ent_eq, &p);
}

int dg_result_find(const dg_result *r, dg_kind kind, const char *key) {
  size_t len = strlen(key);
  return find_n(r, kind, key, len, ent_hash(kind, key, len));
}

int dg_result_entity_n(dg_result *r, dg_kind kind, const char *key, size_t len, const char *name) {
  uint64_t h = ent_hash(kind, key, len);
  if (index_stale(r)) rebuild_index(r);
  int i = find_n(r, kind, key, len, h);
  if (i < 0) {
    if (r->nents == r->capents) {
      r->capents = r->capents ? r->capents * 2 : 32;
      r->ents = dg_xrealloc(r->ents, r->capents * sizeof *r->ents);
    }
    i = (int)r->nents++;
    dg_entity *e = &r->ents[i];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->key = dg_arena_strndup(&r->arena, key, len);
    e->series = -1;
    dg_strvec_init(&e->names);
    dg_strvec_init(&e->acronyms);
    dg_strvec_init(&e->variants);
    dg_idtab_add(&r->index, h, (uint32_t)i);
  }
  if (name && *name) dg_arena_strvec_add_unique(&r->arena, &r->ents[i].names, name);
  return i;
}

int dg_result_entity(dg_result *r, dg_kind kind, const char *key, const char *name) {
  return dg_result_entity_n(r, kind, key, strlen(key), name);
}

void dg_result_name(dg_result *r, int e, const char *name) {
  dg_arena_strvec_add_unique(&r->arena, &r->ents[e].names, name);
}
void dg_result_acronym(dg_result *r, int e, const char *acr) {
  dg_arena_strvec_add_unique(&r->arena, &r->ents[e].acronyms, acr);
}
void dg_result_variant(dg_result *r, int e, const char *variant) {
  dg_arena_strvec_add_unique(&r->arena, &r->ents[e].variants, variant);
}

/* Extraction reindexes once, at its end, and asks nothing after: the
 * rebuild waits for a lookup that needs it. */
void dg_result_reindex(dg_result *r) {
  dg_idtab_free(&r->index);
  dg_idtab_init(&r->index);
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
  *f = (dg_fact){subj, pred, -1, lt, dg_arena_strdup(&r->arena, lit), span};
}

void dg_result_drop(dg_result *r, int subj, dg_pred pred) {
  size_t w = 0;
  for (size_t i = 0; i < r->nfacts; i++) {
    if (r->facts[i].subj == subj && r->facts[i].pred == pred) continue; /* lit: in the arena */
    r->facts[w++] = r->facts[i];
  }
  r->nfacts = w;
}

typedef struct span_probe {
  const dg_result *r;
  size_t begin, end;
} span_probe;

static int span_eq(const void *ctx, uint32_t id) {
  const span_probe *p = ctx;
  return p->r->spans[id].begin == p->begin && p->r->spans[id].end == p->end;
}

static uint64_t span_hash(size_t begin, size_t end) {
  uint64_t k[2] = {begin, end};
  return dg_hash_fast(k, sizeof k);
}

int dg_result_span(dg_result *r, size_t begin, size_t end, const char *text, size_t len) {
  uint64_t h = span_hash(begin, end);
  span_probe p = {r, begin, end};
  int64_t found = dg_idtab_find(&r->span_index, h, span_eq, &p);
  if (found >= 0) return (int)found;
  if (r->nspans == r->capspans) {
    r->capspans = r->capspans ? r->capspans * 2 : 32;
    r->spans = dg_xrealloc(r->spans, r->capspans * sizeof *r->spans);
  }
  r->spans[r->nspans] = (dg_span){begin, end, dg_arena_strndup(&r->arena, text, len)};
  dg_idtab_add(&r->span_index, h, (uint32_t)r->nspans);
  return (int)r->nspans++;
}
