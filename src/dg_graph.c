/* dg_graph: see dg_graph.h. */
#include "dg_graph.h"
#include "dg_bigmem.h"
#include "dg_strpool.h"

#include <ctype.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per-document view of an entity: what that document itself asserts. Its
 * names, then its acronyms, are ids[first .. first + nnames + nacronyms) of
 * its document (ids of the graph's string pool). */
typedef struct doc_ent {
  int node;
  unsigned classes;
  uint32_t first, nnames, nacronyms;
} doc_ent;

typedef struct doc_info {
  int node;               /* the document's node */
  const char *file;       /* in the pool */
  uint32_t file_id;       /* the same string's interned pool id */
  const char *path;       /* as the user named it, for messages; in the pool */
  doc_ent *ents;
  size_t nents;
  uint32_t *ids;          /* the entities' names and acronyms */
} doc_info;

struct dg_graph {
  char *base;
  dg_node *nodes;
  size_t nnodes, capnodes;
  dg_idtab node_index;    /* (kind, key) -> node */
  dg_edge *edges;
  size_t nedges, capedges;
  doc_info *docs;
  size_t ndocs, capdocs;
  dg_map doc_names;
  /* terms and quads, built by finalize */
  dg_term *terms;
  size_t nterms, capterms;
  dg_idtab term_index;    /* (kind, value, datatype, lang) -> term; freed by finalize */
  dg_strpool strs;        /* names, literals, sentences, term values */
  dg_quad *quads, *evq, *uq;
  size_t nquads, capquads, nevq, capevq, nuq, capuq; /* arrays of dg_bigmem */
  /* while finalize builds the quads: each node's IRI and label term, and
   * the vocabulary IRIs every entity uses, made on first use (UINT32_MAX
   * until then), so the same terms are not looked up again for every fact */
  uint32_t *node_term, *label_term;
  uint32_t *plain_term, *en_term; /* by pool id: the literal without / with @en */
  struct {
    uint32_t type, label, alt_label, acronym, same_as, source_file;
    uint32_t cls[DG_C__COUNT];
  } vt;
  /* an IRI term with "#char=" in it was made before the sentences' terms:
   * only then can one of those already be a term (sent_job_merge) */
  int char_iri;
  int finalized;
};

dg_graph *dg_graph_new(const char *base_iri) {
  dg_graph *g = dg_xcalloc(1, sizeof *g);
  g->base = dg_xstrdup(base_iri && *base_iri ? base_iri : DG_DEFAULT_BASE);
  dg_idtab_init(&g->node_index);
  dg_map_init(&g->doc_names);
  dg_idtab_init(&g->term_index);
  dg_strpool_init(&g->strs);
  return g;
}

void dg_graph_free(dg_graph *g) {
  if (!g) return;
  for (size_t i = 0; i < g->nnodes; i++) {
    dg_node *n = &g->nodes[i];
    free(n->key), free(n->iri), free(n->label), free(n->gaz_label), free(n->wikidata);
    free(n->name_counts);
    dg_strvec_free(&n->names), dg_strvec_free(&n->acronyms), dg_strvec_free(&n->keys);
  }
  for (size_t i = 0; i < g->ndocs; i++) free(g->docs[i].ents), free(g->docs[i].ids);
  dg_big_free(g->nodes, g->capnodes * sizeof *g->nodes);
  dg_big_free(g->edges, g->capedges * sizeof *g->edges);
  dg_big_free(g->docs, g->capdocs * sizeof *g->docs);
  dg_big_free(g->terms, g->capterms * sizeof *g->terms);
  dg_big_free(g->quads, g->capquads * sizeof *g->quads);
  dg_big_free(g->evq, g->capevq * sizeof *g->evq);
  dg_big_free(g->uq, g->capuq * sizeof *g->uq);
  dg_idtab_free(&g->node_index), dg_map_free(&g->doc_names), dg_idtab_free(&g->term_index);
  dg_strpool_free(&g->strs);
  free(g->base);
  free(g);
}

/* Array a of *cap items of size sz, grown (doubled) to hold n + 1. */
static void *grow(void *a, size_t *cap, size_t n, size_t sz) {
  if (n < *cap) return a;
  size_t c = *cap ? *cap * 2 : 256;
  a = dg_big_realloc(a, *cap * sz, c * sz);
  *cap = c;
  return a;
}

const char *dg_graph_base(const dg_graph *g) { return g->base; }
size_t dg_graph_nterms(const dg_graph *g) { return g->nterms; }
const dg_term *dg_graph_term(const dg_graph *g, uint32_t id) { return &g->terms[id]; }
const dg_quad *dg_graph_quads(const dg_graph *g, size_t *n) { *n = g->nquads; return g->quads; }
const dg_quad *dg_graph_evidence(const dg_graph *g, size_t *n) { *n = g->nevq; return g->evq; }
const dg_quad *dg_graph_union(const dg_graph *g, size_t *n) { *n = g->nuq; return g->uq; }
const dg_node *dg_graph_nodes(const dg_graph *g, size_t *n) { *n = g->nnodes; return g->nodes; }
const dg_edge *dg_graph_edges(const dg_graph *g, size_t *n) { *n = g->nedges; return g->edges; }
size_t dg_graph_ndocs(const dg_graph *g) { return g->ndocs; }

int dg_graph_canonical(const dg_graph *g, int node) {
  while (node >= 0 && g->nodes[node].alias_of >= 0) node = g->nodes[node].alias_of;
  return node;
}

void dg_slug(const char *key, dg_buf *out) {
  size_t start = out->len;
  int dash = 0;
  for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
    if (isalnum(*p) && *p < 0x80) {
      if (dash && out->len > start) dg_buf_addc(out, '-');
      dash = 0;
      dg_buf_addc(out, (char)tolower(*p));
    } else if (*p >= 0x80) {
      if (dash && out->len > start) dg_buf_addc(out, '-');
      dash = 0;
      dg_buf_printf(out, "%%%02X", *p);
    } else {
      dash = 1;
    }
  }
  if (out->len == start) dg_buf_adds(out, "x");
  /* very long keys: keep a readable prefix and a hash of the whole */
  if (out->len - start > 120) {
    uint64_t h = dg_hash(key, strlen(key));
    /* cut at most 100 bytes in, never inside a %XX escape or a UTF-8
     * sequence (escapes are upper-case hex: %80..%BF continue a sequence) */
    size_t cut = start;
    for (size_t i = start; i <= start + 100 && i < out->len;) {
      int cont = out->data[i] == '%' && strchr("89AB", out->data[i + 1]);
      if (!cont) cut = i;
      i += out->data[i] == '%' ? 3 : 1;
    }
    out->len = cut;
    while (out->len > start && out->data[out->len - 1] == '-') out->len--;
    out->data[out->len] = '\0';
    dg_buf_printf(out, "-%08llx", (unsigned long long)(h & 0xffffffffULL));
  }
}

/* ---- merging ---- */

typedef struct node_key {
  const dg_graph *g;
  dg_kind kind;
  const char *key;
} node_key;

static int node_eq(const void *ctx, uint32_t id) {
  const node_key *k = ctx;
  const dg_node *n = &k->g->nodes[id];
  return n->kind == k->kind && !strcmp(n->key, k->key);
}

static int node_for(dg_graph *g, const dg_entity *e) {
  node_key nk = {g, e->kind, e->key};
  uint64_t h = dg_hash_fast(e->key, strlen(e->key)) ^ (uint64_t)e->kind;
  int i = (int)dg_idtab_find(&g->node_index, h, node_eq, &nk);
  if (i < 0) {
    g->nodes = grow(g->nodes, &g->capnodes, g->nnodes, sizeof *g->nodes);
    i = (int)g->nnodes++;
    dg_node *n = &g->nodes[i];
    memset(n, 0, sizeof *n);
    n->kind = e->kind;
    n->key = dg_xstrdup(e->key);
    n->series = -1;
    n->alias_of = -1;
    n->acr_only = 1;
    dg_strvec_init(&n->names);
    dg_strvec_init(&n->acronyms);
    dg_strvec_init(&n->keys);
    dg_idtab_add(&g->node_index, h, (uint32_t)i);
  }
  return i;
}

static uint32_t intern(dg_graph *g, const char *s) { return dg_strpool_intern(&g->strs, s, strlen(s)); }

/* Appends the pool id of s to d->ids (capacity *cap); with unique, only if
 * the entity's ids from `from` on do not have it yet (one copy per string,
 * so equal ids are equal strings). */
static void doc_add_id(doc_info *d, size_t *n, size_t *cap, uint32_t from, uint32_t id, int unique) {
  if (unique)
    for (size_t k = from; k < *n; k++)
      if (d->ids[k] == id) return;
  if (*n == *cap) {
    *cap = *cap ? *cap * 2 : 64;
    d->ids = dg_xrealloc(d->ids, *cap * sizeof *d->ids);
  }
  d->ids[(*n)++] = id;
}

static void node_add_name(dg_node *n, const char *name, int count) {
  int i = dg_strvec_find(&n->names, name);
  if (i < 0) {
    dg_strvec_push(&n->names, name);
    n->name_counts = dg_xrealloc(n->name_counts, n->names.n * sizeof *n->name_counts);
    i = (int)n->names.n - 1;
    n->name_counts[i] = 0;
  }
  n->name_counts[i] += count;
}

int dg_graph_add(dg_graph *g, const dg_result *r, dg_error *err) {
  const char *path = r->path ? r->path : r->file;
  int other = dg_map_get(&g->doc_names, r->ents[0].key);
  if (other >= 0)
    return dg_error_set(err, DG_ERR_INPUT,
                        "%s: has the same document name '%s' as %s (a document is named by its "
                        "file name without the extension: rename one)",
                        path, r->ents[0].key, g->docs[other].path);
  dg_map_put(&g->doc_names, r->ents[0].key, (int)g->ndocs);
  int *map = dg_xmalloc((r->nents ? r->nents : 1) * sizeof *map);
  for (size_t i = 0; i < r->nents; i++) map[i] = node_for(g, &r->ents[i]);
  g->docs = grow(g->docs, &g->capdocs, g->ndocs, sizeof *g->docs);
  doc_info *d = &g->docs[g->ndocs++];
  d->node = map[0];
  d->file = dg_strpool_str(&g->strs, d->file_id = intern(g, r->file));
  d->path = dg_strpool_copy(&g->strs, path, strlen(path));
  d->nents = r->nents;
  d->ents = dg_xcalloc(r->nents ? r->nents : 1, sizeof *d->ents);
  d->ids = NULL;
  size_t nids = 0, capids = 0;
  for (size_t i = 0; i < r->nents; i++) {
    const dg_entity *e = &r->ents[i];
    dg_node *n = &g->nodes[map[i]];
    n->classes |= e->classes;
    if (!e->acr_only) n->acr_only = 0;
    for (size_t j = 0; j < e->names.n; j++) node_add_name(n, e->names.v[j], 1);
    for (size_t j = 0; j < e->variants.n; j++) node_add_name(n, e->variants.v[j], 0);
    for (size_t j = 0; j < e->acronyms.n; j++) dg_strvec_add_unique(&n->acronyms, e->acronyms.v[j]);
    if (e->label && !n->gaz_label) n->gaz_label = dg_xstrdup(e->label);
    if (e->wikidata && !n->wikidata) n->wikidata = dg_xstrdup(e->wikidata);
    if (e->series >= 0 && n->series < 0) n->series = map[e->series];
    if (e->ordinal && !n->ordinal) n->ordinal = e->ordinal;
    doc_ent *de = &d->ents[i];
    de->node = map[i];
    de->classes = e->classes;
    de->first = (uint32_t)nids;
    for (size_t j = 0; j < e->names.n; j++) doc_add_id(d, &nids, &capids, de->first, intern(g, e->names.v[j]), 0);
    for (size_t j = 0; j < e->variants.n; j++) doc_add_id(d, &nids, &capids, de->first, intern(g, e->variants.v[j]), 1);
    de->nnames = (uint32_t)nids - de->first;
    for (size_t j = 0; j < e->acronyms.n; j++) doc_add_id(d, &nids, &capids, 0, intern(g, e->acronyms.v[j]), 0);
    de->nacronyms = (uint32_t)nids - de->first - de->nnames;
  }
  for (size_t i = 0; i < r->nfacts; i++) {
    const dg_fact *f = &r->facts[i];
    g->edges = grow(g->edges, &g->capedges, g->nedges, sizeof *g->edges);
    dg_edge *x = &g->edges[g->nedges++];
    memset(x, 0, sizeof *x);
    x->doc = map[0];
    x->subj = map[f->subj];
    x->pred = f->pred;
    x->obj = f->obj >= 0 ? map[f->obj] : -1;
    x->lt = f->lt;
    if (f->lit) x->lit = dg_strpool_str(&g->strs, x->lit_id = intern(g, f->lit));
    if (f->span >= 0) {
      x->ev_begin = r->spans[f->span].begin;
      x->ev_end = r->spans[f->span].end;
      /* shared: many facts come from one sentence, and the same sentence
       * recurs across documents */
      x->ev_text = dg_strpool_str(&g->strs, x->ev_id = intern(g, r->spans[f->span].text));
    }
  }
  free(map);
  return 0;
}

/* An entity known in a document only by an acronym it does not define is the
 * entity some other document (or a gazetteer) defines that acronym for, when
 * exactly one such entity exists. Decided on the whole run, so the result
 * does not depend on file order. */
static void merge_acronym_only(dg_graph *g) {
  dg_map owner;
  dg_map_init(&owner);
  for (size_t i = 0; i < g->nnodes; i++) {
    dg_node *n = &g->nodes[i];
    if (n->acr_only) continue;
    for (size_t j = 0; j < n->acronyms.n; j++) {
      int o = dg_map_get(&owner, n->acronyms.v[j]);
      dg_map_put(&owner, n->acronyms.v[j], o < 0 ? (int)i : (o == (int)i ? o : -2));
    }
  }
  for (size_t i = 0; i < g->nnodes; i++) {
    dg_node *n = &g->nodes[i];
    if (!n->acr_only || !n->acronyms.n) continue;
    int o = dg_map_get(&owner, n->acronyms.v[0]);
    if (o < 0 || o == (int)i) continue;
    dg_node *t = &g->nodes[o];
    if (t->kind != n->kind && !(n->kind == DG_K_BODY || n->kind == DG_K_ORG)) continue;
    n->alias_of = o;
    t->classes |= n->classes;
  }
  dg_map_free(&owner);
}

static int all_caps(const char *s) {
  int up = 0, low = 0;
  for (; *s; s++) up += isupper((unsigned char)*s) != 0, low += islower((unsigned char)*s) != 0;
  return up > 0 && low == 0;
}

static int is_acronym_of(const dg_node *n, const char *s) {
  return dg_strvec_find(&n->acronyms, s) >= 0;
}

/* The canonical label: a gazetteer's, else the name used most often, then one
 * that is not all capitals and not an acronym, then byte order. */
static void choose_label(dg_graph *g, dg_node *n) {
  (void)g;
  if (n->gaz_label) {
    n->label = dg_xstrdup(n->gaz_label);
    return;
  }
  int best = -1;
  for (size_t i = 0; i < n->names.n; i++) {
    const char *s = n->names.v[i];
    if (best < 0) {
      best = (int)i;
      continue;
    }
    const char *b = n->names.v[best];
    int sa = is_acronym_of(n, s), ba = is_acronym_of(n, b);
    if (sa != ba) { if (!sa) best = (int)i; continue; }
    int sc = all_caps(s), bc = all_caps(b);
    if (sc != bc) { if (!sc) best = (int)i; continue; }
    if (n->name_counts[i] != n->name_counts[best]) {
      if (n->name_counts[i] > n->name_counts[best]) best = (int)i;
      continue;
    }
    if (strcmp(s, b) < 0) best = (int)i;
  }
  if (best >= 0) n->label = dg_xstrdup(n->names.v[best]);
  else if (n->acronyms.n) n->label = dg_xstrdup(n->acronyms.v[0]);
  else n->label = dg_xstrdup(n->key);
}

static const char *ordinal_suffix(int n) {
  int m = n % 100;
  if (m >= 11 && m <= 13) return "th";
  switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

/* Handles of a numbered event, from the final labels of its series: the
 * "SERIES#N" key the gold data and analysts' lookups use, and "SERIES 2016"
 * with the year of its date, for the series' label and acronyms. A bounded
 * set whatever the number of documents that name the event. */
static void event_keys(dg_graph *g) {
  const char **year = dg_xcalloc(g->nnodes ? g->nnodes : 1, sizeof *year);
  for (size_t i = 0; i < g->nedges; i++) {
    const dg_edge *e = &g->edges[i];
    if (e->pred == DG_P_DATE && e->lit && !year[e->subj]) year[e->subj] = e->lit;
  }
  for (size_t i = 0; i < g->nnodes; i++) {
    dg_node *n = &g->nodes[i];
    if (n->kind != DG_K_EVENT || n->series < 0 || n->ordinal <= 0 || n->alias_of >= 0) continue;
    const dg_node *s = &g->nodes[dg_graph_canonical(g, n->series)];
    const char *forms[4] = {s->label, NULL, NULL, NULL};
    int nf = 1;
    for (size_t j = 0; j < s->acronyms.n && nf < 3; j++) forms[nf++] = s->acronyms.v[j];
    for (int f = 0; f < nf; f++) {
      char buf[1400];
      snprintf(buf, sizeof buf, "%s#%d", forms[f], n->ordinal);
      dg_strvec_add_unique(&n->keys, buf);
      if (year[i]) {
        snprintf(buf, sizeof buf, "%s %.4s", forms[f], year[i]);
        dg_strvec_add_unique(&n->keys, buf);
      }
    }
  }
  free(year);
}

/* Nodes [from, to) to give an IRI and a label, on a thread of their own. */
typedef struct mint_task {
  dg_graph *g;
  size_t from, to;
} mint_task;

/* Each node's IRI and label depend on that node alone. */
static void *mint_task_run(void *arg) {
  mint_task *t = arg;
  for (size_t i = t->from; i < t->to; i++) {
    dg_node *n = &t->g->nodes[i];
    dg_buf b;
    dg_buf_init(&b);
    dg_buf_adds(&b, t->g->base);
    dg_buf_adds(&b, dg_kind_name(n->kind));
    dg_buf_addc(&b, '/');
    dg_slug(n->key, &b);
    n->iri = dg_buf_steal(&b);
    choose_label(t->g, n);
  }
  return NULL;
}

/* Mints every node's IRI and label (with threads > 1, half of the nodes on
 * a second thread: a large run has some 100,000 nodes), then names the
 * numbered events after their series. */
static void mint_iris(dg_graph *g, int threads) {
  mint_task lo = {g, 0, g->nnodes / 2}, hi = {g, g->nnodes / 2, g->nnodes};
  pthread_t th;
  if (threads > 1 && g->nnodes >= 4096 && pthread_create(&th, NULL, mint_task_run, &lo) == 0) {
    mint_task_run(&hi);
    pthread_join(th, NULL);
  } else {
    lo.to = g->nnodes;
    mint_task_run(&lo);
  }
  /* a numbered event is named after its series: "2nd X Dialogue" */
  for (size_t i = 0; i < g->nnodes; i++) {
    dg_node *n = &g->nodes[i];
    if (n->kind != DG_K_EVENT || n->series < 0 || n->ordinal <= 0) continue;
    const dg_node *s = &g->nodes[dg_graph_canonical(g, n->series)];
    dg_buf b;
    dg_buf_init(&b);
    dg_buf_printf(&b, "%d%s %s", n->ordinal, ordinal_suffix(n->ordinal), s->label);
    free(n->label);
    n->label = dg_buf_steal(&b);
  }
  event_keys(g);
}

/* ---- terms and quads ---- */

static int str_eq0(const char *a, const char *b) { return !strcmp(a ? a : "", b ? b : ""); }

static int term_eq(const void *ctx, uint32_t id) {
  const dg_term *k = ((const dg_term *const *)ctx)[0], *t = &((const dg_term *const *)ctx)[1][id];
  return t->kind == k->kind && !strcmp(t->value, k->value) && str_eq0(t->datatype, k->datatype) &&
         str_eq0(t->lang, k->lang);
}

/* The term index's hash of (kind, value[0..len), dt, lang). */
static uint64_t term_hash(char kind, const char *value, size_t len, const char *dt, const char *lang) {
  uint64_t h = dg_hash_fast(value, len) ^ (uint64_t)(unsigned char)kind;
  if (dt) h ^= dg_hash_fast(dt, strlen(dt)) * 3;
  if (lang) h ^= dg_hash_fast(lang, strlen(lang)) * 5;
  return h;
}

/* The term (kind, value, dt, lang), whose term_hash is h: found, or added.
 * An added value is copied into the pool unless pooled (it is there already). */
static uint32_t term_h(dg_graph *g, uint64_t h, char kind, const char *value, const char *dt,
                       const char *lang, int pooled) {
  dg_term k = {kind, value, dt, lang};
  const dg_term *ctx[2] = {&k, g->terms};
  int64_t i = dg_idtab_find(&g->term_index, h, term_eq, ctx);
  if (i < 0) {
    g->terms = grow(g->terms, &g->capterms, g->nterms, sizeof *g->terms);
    i = (int64_t)g->nterms++;
    g->terms[i] = (dg_term){kind, pooled ? value : dg_strpool_copy(&g->strs, value, strlen(value)), dt, lang};
    dg_idtab_add(&g->term_index, h, (uint32_t)i);
    if (kind == DG_TERM_IRI && strstr(value, "#char=")) g->char_iri = 1;
  }
  return (uint32_t)i;
}

static uint32_t term(dg_graph *g, char kind, const char *value, const char *dt, const char *lang) {
  return term_h(g, term_hash(kind, value, strlen(value), dt, lang), kind, value, dt, lang, 0);
}

static uint32_t iri(dg_graph *g, const char *s) { return term(g, DG_TERM_IRI, s, NULL, NULL); }
/* The IRI ns + local. */
static uint32_t iri2(dg_graph *g, const char *ns, const char *local) {
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_adds(&b, ns);
  dg_buf_adds(&b, local);
  uint32_t t = iri(g, b.data);
  dg_buf_free(&b);
  return t;
}

/* The vocabulary IRI ns + local kept in *slot (one of g->vt's). */
static uint32_t vocab(dg_graph *g, uint32_t *slot, const char *ns, const char *local) {
  return *slot != UINT32_MAX ? *slot : (*slot = iri2(g, ns, local));
}

static uint32_t node_term(dg_graph *g, int node) {
  uint32_t *t = &g->node_term[node];
  return *t != UINT32_MAX ? *t : (*t = iri(g, g->nodes[node].iri));
}

static uint32_t label_term(dg_graph *g, int node) {
  uint32_t *t = &g->label_term[node];
  return *t != UINT32_MAX ? *t : (*t = term(g, DG_TERM_LITERAL, g->nodes[node].label, NULL, "en"));
}

/* The literal term of pool string id, without language (plain) or @en. */
static uint32_t pool_literal(dg_graph *g, uint32_t id, int en) {
  uint32_t *t = en ? &g->en_term[id] : &g->plain_term[id];
  if (*t == UINT32_MAX) *t = term(g, DG_TERM_LITERAL, dg_strpool_str(&g->strs, id), NULL, en ? "en" : NULL);
  return *t;
}

static void push_quad(dg_quad **q, size_t *n, size_t *cap, uint32_t s, uint32_t p, uint32_t o,
                      uint32_t gr) {
  *q = grow(*q, cap, *n, sizeof **q);
  (*q)[(*n)++] = (dg_quad){s, p, o, gr};
}
#define FACT(s, p, o, gr) push_quad(&g->quads, &g->nquads, &g->capquads, s, p, o, gr)
#define EVID(s, p, o, gr) push_quad(&g->evq, &g->nevq, &g->capevq, s, p, o, gr)

static const char *lit_datatype(dg_lit lt) {
  switch (lt) {
    case DG_L_INTEGER: return DG_NS_XSD "integer";
    case DG_L_DATE: return DG_NS_XSD "date";
    case DG_L_GYEARMONTH: return DG_NS_XSD "gYearMonth";
    case DG_L_GYEAR: return DG_NS_XSD "gYear";
    case DG_L_BOOLEAN: return DG_NS_XSD "boolean";
    default: return NULL;
  }
}

/* Known only by an acronym that no document or gazetteer of the run
 * defines: nothing to say about it, so it is left out. */
static int unresolved(const dg_graph *g, int node) {
  int c = dg_graph_canonical(g, node);
  return c >= 0 && g->nodes[c].acr_only && g->nodes[c].alias_of < 0 && g->nodes[c].kind != DG_K_DOC;
}

static void emit_entity(dg_graph *g, const doc_ent *de, const uint32_t *ids, uint32_t gr) {
  if (unresolved(g, de->node)) return;
  int ni = dg_graph_canonical(g, de->node);
  const dg_node *n = &g->nodes[ni];
  uint32_t s = node_term(g, ni), type = vocab(g, &g->vt.type, DG_NS_RDF, "type");
  unsigned cls = de->classes;
  for (unsigned b = 0; b < DG_C__COUNT; b++)
    if (cls & (1u << b)) FACT(s, type, vocab(g, &g->vt.cls[b], DG_NS, dg_class_name(b)), gr);
  if (n->kind == DG_K_DOC && n->names.n == 0) return;
  uint32_t lab = vocab(g, &g->vt.label, DG_NS_RDFS, "label"),
           alt = vocab(g, &g->vt.alt_label, DG_NS_SKOS, "altLabel");
  FACT(s, lab, label_term(g, ni), gr);
  for (uint32_t j = 0; j < de->nnames; j++) {
    uint32_t id = ids[de->first + j];
    const char *nm = dg_strpool_str(&g->strs, id);
    if (!strcmp(nm, n->label) || is_acronym_of(n, nm)) continue;
    FACT(s, alt, pool_literal(g, id, 1), gr);
  }
  for (size_t j = 0; j < n->keys.n; j++) FACT(s, alt, term(g, DG_TERM_LITERAL, n->keys.v[j], NULL, "en"), gr);
  /* an acronym a document only uses is not its definition */
  for (uint32_t j = 0; j < de->nacronyms && !g->nodes[de->node].acr_only; j++)
    FACT(s, vocab(g, &g->vt.acronym, DG_NS, "acronym"), pool_literal(g, ids[de->first + de->nnames + j], 0), gr);
  if (n->wikidata) {
    dg_buf w;
    dg_buf_init(&w);
    dg_buf_printf(&w, "http://www.wikidata.org/entity/%s", n->wikidata);
    FACT(s, vocab(g, &g->vt.same_as, DG_NS_OWL, "sameAs"), iri(g, w.data), gr);
    dg_buf_free(&w);
  }
}

int dg_term_cmp(const dg_term *x, const dg_term *y) {
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  int c = strcmp(x->value, y->value);
  if (c) return c;
  c = strcmp(x->datatype ? x->datatype : "", y->datatype ? y->datatype : "");
  if (c) return c;
  return strcmp(x->lang ? x->lang : "", y->lang ? y->lang : "");
}

/* Terms are ranked by sorting pointers to them: 8 bytes to move instead of
 * a 32-byte term (which glibc's qsort would sort through a pointer array of
 * its own, then permute). */
typedef const dg_term *ranked_term;

static int cmp_ranked(const void *a, const void *b) {
  return dg_term_cmp(*(const ranked_term *)a, *(const ranked_term *)b);
}

static int cmp_quad(const void *a, const void *b) {
  const dg_quad *x = a, *y = b;
  if (x->g != y->g) return x->g < y->g ? -1 : 1;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  if (x->p != y->p) return x->p < y->p ? -1 : 1;
  if (x->o != y->o) return x->o < y->o ? -1 : 1;
  return 0;
}

/* LSD radix sort by (g, s, p, o), 11 bits a pass over ids below nterms;
 * a pass where every quad has the same digit is skipped. Stable, so the
 * result is the order cmp_quad defines, in time linear in n. */
#define RADIX_BITS 11
static void radix_sort(dg_quad *q, size_t n, size_t nterms) {
  int bits = 1;
  while (bits < 32 && ((size_t)1 << bits) < nterms) bits++;
  dg_quad *tmp = dg_big_alloc(n * sizeof *tmp), *src = q, *dst = tmp;
  size_t *count = dg_xmalloc(((size_t)1 << RADIX_BITS) * sizeof *count);
  const size_t field[4] = {offsetof(dg_quad, o), offsetof(dg_quad, p), offsetof(dg_quad, s),
                           offsetof(dg_quad, g)};
  for (int f = 0; f < 4; f++)
    for (int shift = 0; shift < bits; shift += RADIX_BITS) {
      uint32_t mask = (1u << RADIX_BITS) - 1;
      memset(count, 0, ((size_t)1 << RADIX_BITS) * sizeof *count);
#define DIGIT(x) ((*(const uint32_t *)((const char *)(x) + field[f]) >> shift) & mask)
      for (size_t i = 0; i < n; i++) count[DIGIT(&src[i])]++;
      if (count[DIGIT(&src[0])] == n) continue;
      size_t sum = 0;
      for (size_t d = 0; d <= mask; d++) {
        size_t c = count[d];
        count[d] = sum, sum += c;
      }
      for (size_t i = 0; i < n; i++) dst[count[DIGIT(&src[i])]++] = src[i];
#undef DIGIT
      dg_quad *t = src;
      src = dst, dst = t;
    }
  if (src != q) memcpy(q, src, n * sizeof *q);
  free(count);
  dg_big_free(tmp, n * sizeof *tmp);
}

static size_t sort_dedupe(dg_quad *q, size_t n, size_t nterms) {
  if (!n) return 0;
  radix_sort(q, n, nterms);
  size_t w = 1;
  for (size_t i = 1; i < n; i++)
    if (cmp_quad(&q[i], &q[w - 1])) q[w++] = q[i];
  return w;
}

/* Renumbers q[0..n) by rank; with u, also copies each triple there with
 * graph 0 (the union graph's table, so that its sort ignores the graph). */
static void renumber(dg_quad *q, size_t n, const uint32_t *rank, dg_quad *u) {
  for (size_t i = 0; i < n; i++) {
    q[i] = (dg_quad){rank[q[i].s], rank[q[i].p], rank[q[i].o], rank[q[i].g]};
    if (u) u[i] = (dg_quad){q[i].s, q[i].p, q[i].o, 0};
  }
}

typedef struct renumber_task {
  dg_quad *q, *u;
  size_t n;
  const uint32_t *rank;
} renumber_task;

static void *renumber_task_run(void *arg) {
  renumber_task *t = arg;
  renumber(t->q, t->n, t->rank, t->u);
  return NULL;
}

typedef struct qsort_task {
  ranked_term *v;
  size_t n;
} qsort_task;

static void *qsort_task_run(void *arg) {
  qsort_task *t = arg;
  qsort(t->v, t->n, sizeof *t->v, cmp_ranked);
  return NULL;
}

/* Sorts rt[0..n) into output order. With threads > 1, the two halves are
 * sorted at the same time and then merged (terms are distinct, so the
 * order is the same either way): the sort is most of finalize's serial
 * time on a large run. Returns rt or the merged copy (rt is then freed). */
static ranked_term *sort_terms(ranked_term *rt, size_t n, int threads) {
  qsort_task lo = {rt, n / 2}, hi = {rt + n / 2, n - n / 2};
  pthread_t th;
  if (threads < 2 || n < 4096 || pthread_create(&th, NULL, qsort_task_run, &lo) != 0) {
    qsort(rt, n, sizeof *rt, cmp_ranked);
    return rt;
  }
  qsort_task_run(&hi);
  pthread_join(th, NULL);
  ranked_term *out = dg_big_alloc(n * sizeof *out);
  size_t i = 0, j = 0, k = 0;
  while (i < lo.n && j < hi.n)
    out[k++] = cmp_ranked(&lo.v[i], &hi.v[j]) < 0 ? lo.v[i++] : hi.v[j++];
  while (i < lo.n) out[k++] = lo.v[i++];
  while (j < hi.n) out[k++] = hi.v[j++];
  dg_big_free(rt, n * sizeof *rt);
  return out;
}

/* Reorders the terms into output order, so that a term's id is its rank
 * and the quad tables sort by plain integer comparison. */
static void rank_terms(dg_graph *g, int threads) {
  size_t n = g->nterms;
  size_t cap = n ? n : 1;
  ranked_term *rt = dg_big_alloc(cap * sizeof *rt);
  for (size_t i = 0; i < n; i++) rt[i] = &g->terms[i];
  rt = sort_terms(rt, n, threads);
  uint32_t *rank = dg_big_alloc(cap * sizeof *rank);
  dg_term *sorted = dg_big_alloc(cap * sizeof *sorted);
  for (size_t i = 0; i < n; i++) sorted[i] = *rt[i], rank[rt[i] - g->terms] = (uint32_t)i;
  dg_big_free(rt, cap * sizeof *rt);
  dg_big_free(g->terms, g->capterms * sizeof *g->terms);
  g->terms = sorted, g->capterms = cap;
  /* the facts and the union made from them on a thread (most of the work
   * is faulting in the new union table), the evidence here */
  g->nuq = g->nquads;
  g->capuq = g->nquads ? g->nquads : 1;
  g->uq = dg_big_alloc(g->capuq * sizeof *g->uq);
  renumber_task facts = {g->quads, g->uq, g->nquads, rank};
  pthread_t th;
  int started = threads > 1 && pthread_create(&th, NULL, renumber_task_run, &facts) == 0;
  renumber(g->evq, g->nevq, rank, NULL);
  if (started) pthread_join(th, NULL);
  else renumber_task_run(&facts);
  dg_big_free(rank, cap * sizeof *rank);
  dg_idtab_free(&g->term_index); /* ids changed; no term is added after finalize */
}

/* v in decimal, written at the end of buf[24]; returns its start. */
static const char *decimal(size_t v, char buf[24]) {
  char *p = buf + 23;
  *p = '\0';
  do *--p = (char)('0' + v % 10);
  while (v /= 10);
  return p;
}

/* One table to sort and deduplicate, on a thread of its own. */
typedef struct sort_task {
  dg_quad *q;
  size_t *n;
  size_t nterms;
} sort_task;

static void *sort_task_run(void *arg) {
  sort_task *t = arg;
  *t->n = sort_dedupe(t->q, *t->n, t->nterms);
  return NULL;
}

/* The three tables are independent: with threads > 1 the evidence and
 * union tables are sorted on threads of their own beside the facts (the
 * result is the same either way; a thread that cannot start runs here). */
static void sort_tables(dg_graph *g, int threads) {
  sort_task t[3] = {{g->quads, &g->nquads, g->nterms},
                    {g->evq, &g->nevq, g->nterms},
                    {g->uq, &g->nuq, g->nterms}};
  pthread_t th[3];
  int started[3] = {0, 0, 0};
  for (int i = 1; i < 3 && threads > 1; i++)
    started[i] = pthread_create(&th[i], NULL, sort_task_run, &t[i]) == 0;
  for (int i = 0; i < 3; i++)
    if (!started[i]) sort_task_run(&t[i]);
  for (int i = 1; i < 3; i++)
    if (started[i]) pthread_join(th[i], NULL);
}

/* An edge left out of the output: its subject or object is unresolved. */
static int edge_dropped(const dg_graph *g, const dg_edge *e) {
  return unresolved(g, e->subj) || (e->obj >= 0 && unresolved(g, e->obj));
}

/* Whether e (kept, with evidence) is in another sentence than prev, the
 * last edge that started one: the facts of a sentence come together, and
 * a sentence is described once for each run of them. */
static int new_sentence(const dg_edge *prev, const dg_edge *e) {
  return !prev || prev->doc != e->doc || prev->ev_begin != e->ev_begin || prev->ev_end != e->ev_end ||
         prev->ev_text != e->ev_text;
}

#define NNI DG_NS_XSD "nonNegativeInteger"

/* ---- evidence sentences ----
 * A fact with evidence is also a quad in its sentence's graph, and each
 * distinct sentence is described once, in five quads about a new IRI
 * <doc#char=B,E> with two integer literals. Finding the distinct sentences
 * and making their IRIs, literals and hashes is a pass of its own over the
 * edges that reads only edges and nodes (nothing writes them while the quads
 * are built), so with threads it runs beside the facts; what it made joins
 * the graph's terms after (sent_job_merge), the only part left on one
 * thread. The facts in a sentence refer to it by its ordinal until then. */
typedef struct sent_desc {
  int doc;                /* the document's node */
  uint32_t ev_id;         /* the sentence's text: pool id, and ... */
  const char *text;       /* ... the string (in the pool) */
  size_t iri;             /* offset of the IRI in the job's buffer */
  uint32_t ints[2];       /* the job's integers for begin and end */
} sent_desc;

#define SMALL_INTS 65536
typedef struct sent_job {
  const dg_graph *g;
  uint32_t *desc_of; /* sentence ordinal -> desc */
  size_t nord, capord;
  sent_desc *d;
  size_t nd, capd;
  dg_buf iris; /* the IRIs, each NUL-terminated */
  dg_idtab by_iri;
  size_t *ints; /* distinct offsets */
  size_t nints, capints;
  uint32_t *small; /* offsets below SMALL_INTS: index in ints + 1, or 0 */
  dg_idtab by_int;
} sent_job;

typedef struct sent_key {
  const sent_job *j;
  const char *s;
  size_t v;
} sent_key;

static int sent_iri_eq(const void *ctx, uint32_t id) {
  const sent_key *k = ctx;
  return !strcmp(k->j->iris.data + k->j->d[id].iri, k->s);
}

static int sent_int_eq(const void *ctx, uint32_t id) {
  const sent_key *k = ctx;
  return k->j->ints[id] == k->v;
}

/* The job's index of the integer literal v (a few thousand distinct ones
 * for millions of uses: their terms are made at the merge). */
static uint32_t sent_int(sent_job *j, size_t v) {
  uint32_t *small = v < SMALL_INTS ? &j->small[v] : NULL;
  if (small && *small) return *small - 1;
  uint64_t h = dg_hash_fast(&v, sizeof v);
  sent_key k = {j, NULL, v};
  int64_t i = small ? -1 : dg_idtab_find(&j->by_int, h, sent_int_eq, &k);
  if (i >= 0) return (uint32_t)i;
  j->ints = grow(j->ints, &j->capints, j->nints, sizeof *j->ints);
  i = (int64_t)j->nints++;
  j->ints[i] = v;
  if (small) *small = (uint32_t)i + 1;
  else dg_idtab_add(&j->by_int, h, (uint32_t)i);
  return (uint32_t)i;
}

/* The job's index of e's sentence, described on first sight. */
static uint32_t sent_desc_of(sent_job *j, const dg_edge *e) {
  size_t off = j->iris.len;
  char b[24], en[24];
  dg_buf_adds(&j->iris, j->g->nodes[e->doc].iri); /* <doc#char=B,E> */
  dg_buf_adds(&j->iris, "#char=");
  dg_buf_adds(&j->iris, decimal(e->ev_begin, b));
  dg_buf_addc(&j->iris, ',');
  dg_buf_adds(&j->iris, decimal(e->ev_end, en));
  const char *s = j->iris.data + off;
  uint64_t h = term_hash(DG_TERM_IRI, s, j->iris.len - off, NULL, NULL);
  sent_key k = {j, s, 0};
  int64_t i = dg_idtab_find(&j->by_iri, h, sent_iri_eq, &k);
  if (i >= 0) { /* seen before, not just before */
    j->iris.len = off;
    j->iris.data[off] = '\0';
    return (uint32_t)i;
  }
  dg_buf_addc(&j->iris, '\0');
  j->d = grow(j->d, &j->capd, j->nd, sizeof *j->d);
  sent_desc *d = &j->d[j->nd];
  *d = (sent_desc){e->doc, e->ev_id, e->ev_text, off, {sent_int(j, e->ev_begin), sent_int(j, e->ev_end)}};
  dg_idtab_add(&j->by_iri, h, (uint32_t)j->nd);
  return (uint32_t)j->nd++;
}

static void *sent_job_run(void *arg) {
  sent_job *j = arg;
  const dg_graph *g = j->g;
  const dg_edge *prev = NULL;
  for (size_t i = 0; i < g->nedges; i++) {
    const dg_edge *e = &g->edges[i];
    if (!e->ev_text || edge_dropped(g, e) || !new_sentence(prev, e)) continue;
    prev = e;
    uint32_t d = sent_desc_of(j, e);
    j->desc_of = grow(j->desc_of, &j->capord, j->nord, sizeof *j->desc_of);
    j->desc_of[j->nord++] = d;
  }
  return NULL;
}

/* A term known to be new: added without a look-up, and left out of the
 * term index, which only finalize's later look-ups would need (they are for
 * other terms: integers) and which is freed once the terms are ranked. */
static uint32_t new_term(dg_graph *g, char kind, const char *value) {
  g->terms = grow(g->terms, &g->capterms, g->nterms, sizeof *g->terms);
  g->terms[g->nterms] = (dg_term){kind, value, NULL, NULL};
  return (uint32_t)g->nterms++;
}

/* Adds the job's terms to g and the sentences' descriptions to its evidence,
 * and turns the ordinals in the graph field of evq[0..nfacts) into the
 * sentences' IRI terms. A sentence's terms are new without a look-up in the
 * (by now large) term index, the most of this serial step's time:
 *   - its IRI, <doc#char=B,E>, is distinct from the job's other IRIs, and
 *     from every term made before unless one contained "#char=" (char_iri,
 *     which only a wikidata id or base IRI with that in it could cause:
 *     then each is looked up, as term() would);
 *   - its text literal (plain) is a term already exactly when its pool id
 *     has one in plain_term: every plain literal is made by pool id, and
 *     pool ids are interned (one id per distinct string). */
static void sent_job_merge(dg_graph *g, const sent_job *j, size_t nfacts) {
  uint32_t type = vocab(g, &g->vt.type, DG_NS_RDF, "type"), nifs = iri2(g, DG_NS_NIF, "Sentence"),
           nifb = iri2(g, DG_NS_NIF, "beginIndex"), nife = iri2(g, DG_NS_NIF, "endIndex"),
           nifa = iri2(g, DG_NS_NIF, "anchorOf"), nifr = iri2(g, DG_NS_NIF, "referenceContext");
  uint32_t *it = dg_big_alloc((j->nints ? j->nints : 1) * sizeof *it);
  uint32_t *st = dg_big_alloc((j->nd ? j->nd : 1) * sizeof *st);
  for (size_t i = 0; i < j->nints; i++) {
    char buf[24];
    it[i] = term(g, DG_TERM_LITERAL, decimal(j->ints[i], buf), NNI, NULL);
  }
  const char *iris = j->iris.len ? dg_strpool_copy(&g->strs, j->iris.data, j->iris.len) : NULL;
  for (size_t i = 0; i < j->nd; i++) {
    const sent_desc *d = &j->d[i];
    const char *s = iris + d->iri;
    uint32_t sent = st[i] = g->char_iri ? term(g, DG_TERM_IRI, s, NULL, NULL) : new_term(g, DG_TERM_IRI, s);
    uint32_t *text = &g->plain_term[d->ev_id], gr = node_term(g, d->doc);
    if (*text == UINT32_MAX) *text = new_term(g, DG_TERM_LITERAL, d->text);
    EVID(sent, type, nifs, gr);
    EVID(sent, nifb, it[d->ints[0]], gr);
    EVID(sent, nife, it[d->ints[1]], gr);
    EVID(sent, nifa, *text, gr);
    EVID(sent, nifr, gr, gr);
  }
  for (size_t i = 0; i < nfacts; i++) g->evq[i].g = st[j->desc_of[g->evq[i].g]];
  dg_big_free(it, (j->nints ? j->nints : 1) * sizeof *it);
  dg_big_free(st, (j->nd ? j->nd : 1) * sizeof *st);
}

static void sent_job_init(sent_job *j, const dg_graph *g) {
  memset(j, 0, sizeof *j);
  j->g = g;
  dg_buf_init(&j->iris);
  dg_idtab_init(&j->by_iri);
  dg_idtab_init(&j->by_int);
  j->small = dg_xcalloc(SMALL_INTS, sizeof *j->small);
}

static void sent_job_free(sent_job *j) {
  dg_big_free(j->desc_of, j->capord * sizeof *j->desc_of);
  dg_big_free(j->d, j->capd * sizeof *j->d);
  dg_big_free(j->ints, j->capints * sizeof *j->ints);
  dg_buf_free(&j->iris);
  dg_idtab_free(&j->by_iri);
  dg_idtab_free(&j->by_int);
  free(j->small);
}

static void build_quads(dg_graph *g, int threads) {
  size_t nn = g->nnodes ? g->nnodes : 1;
  g->node_term = dg_xmalloc(nn * sizeof *g->node_term);
  g->label_term = dg_xmalloc(nn * sizeof *g->label_term);
  memset(g->node_term, 0xff, nn * sizeof *g->node_term);
  memset(g->label_term, 0xff, nn * sizeof *g->label_term);
  size_t ns = dg_strpool_count(&g->strs) ? dg_strpool_count(&g->strs) : 1;
  g->plain_term = dg_big_alloc(ns * sizeof *g->plain_term);
  g->en_term = dg_big_alloc(ns * sizeof *g->en_term);
  memset(g->plain_term, 0xff, ns * sizeof *g->plain_term);
  memset(g->en_term, 0xff, ns * sizeof *g->en_term);
  memset(&g->vt, 0xff, sizeof g->vt);
  sent_job sj;
  sent_job_init(&sj, g);
  pthread_t th;
  int started = threads > 1 && pthread_create(&th, NULL, sent_job_run, &sj) == 0;
  for (size_t d = 0; d < g->ndocs; d++) {
    const doc_info *di = &g->docs[d];
    uint32_t gr = node_term(g, di->node);
    FACT(gr, vocab(g, &g->vt.source_file, DG_NS, "sourceFile"), pool_literal(g, di->file_id, 0), gr);
    for (size_t j = 0; j < di->nents; j++) emit_entity(g, &di->ents[j], di->ids, gr);
  }
  uint32_t pt[DG_P__N]; /* each predicate's term */
  for (int i = 0; i < DG_P__N; i++) pt[i] = iri(g, dg_pred_iri((dg_pred)i));
  const dg_edge *prev = NULL;
  size_t nsent = 0; /* sentences so far, counted as sent_job_run does */
  for (size_t i = 0; i < g->nedges; i++) {
    const dg_edge *e = &g->edges[i];
    uint32_t gr = node_term(g, e->doc);
    if (edge_dropped(g, e)) continue;
    int sn = dg_graph_canonical(g, e->subj), on = e->obj >= 0 ? dg_graph_canonical(g, e->obj) : -1;
    uint32_t s = node_term(g, sn), p = pt[e->pred];
    const char *dt = on >= 0 ? NULL : lit_datatype(e->lt);
    uint32_t o = on >= 0 ? node_term(g, on)
                 : dt    ? term(g, DG_TERM_LITERAL, e->lit, dt, NULL)
                         : pool_literal(g, e->lit_id, 0);
    FACT(s, p, o, gr);
    if (!e->ev_text) continue;
    if (new_sentence(prev, e)) prev = e, nsent++;
    EVID(s, p, o, (uint32_t)(nsent - 1)); /* the sentence's ordinal, for now */
  }
  if (started) pthread_join(th, NULL);
  else sent_job_run(&sj);
  sent_job_merge(g, &sj, g->nevq);
  sent_job_free(&sj);
  free(g->node_term), free(g->label_term);
  dg_big_free(g->plain_term, ns * sizeof *g->plain_term);
  dg_big_free(g->en_term, ns * sizeof *g->en_term);
  g->node_term = g->label_term = g->plain_term = g->en_term = NULL;
  memset(&g->vt, 0xff, sizeof g->vt); /* ids change below */
  /* terms in output order, then quads by term ids: deterministic, N-Quads
   * order; the union graph's table is made while renumbering */
  rank_terms(g, threads);
  sort_tables(g, threads);
}

void dg_graph_finalize_threads(dg_graph *g, int threads) {
  if (g->finalized) return;
  g->finalized = 1;
  merge_acronym_only(g);
  mint_iris(g, threads);
  build_quads(g, threads);
}

void dg_graph_finalize(dg_graph *g) { dg_graph_finalize_threads(g, 1); }
