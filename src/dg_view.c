/* dg_view: see dg_view.h. */
#include "dg_view.h"

#include <ctype.h>
#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most specific first: the class that picks a node's colour. */
static const unsigned class_priority[] = {
    1, 2, 3, 4, 0,     /* Statement, Report, Resolution, PolicyDocument, Document */
    6, 7, 8, 9, 5,     /* Dialogue, Summit, Meeting, Conference, Event */
    12, 13, 11,        /* Country, Body, Organization */
    10, 14, 15, 16, 17 /* EventSeries, Programme, Place, Person, Term */
};

static unsigned kind_class(dg_kind k) {
  switch (k) {
    case DG_K_DOC: return DG_C_DOCUMENT;
    case DG_K_EVENT: return DG_C_EVENT;
    case DG_K_SERIES: return DG_C_SERIES;
    case DG_K_ORG: return DG_C_ORG;
    case DG_K_COUNTRY: return DG_C_COUNTRY;
    case DG_K_BODY: return DG_C_BODY;
    case DG_K_PROGRAMME: return DG_C_PROGRAMME;
    case DG_K_PLACE: return DG_C_PLACE;
    case DG_K_PERSON: return DG_C_PERSON;
    default: return DG_C_TERM;
  }
}

int dg_view_is_event(const dg_view_node *vn) {
  return (vn->classes & (DG_C_EVENT | DG_C_DIALOGUE | DG_C_SUMMIT | DG_C_MEETING |
                         DG_C_CONFERENCE)) != 0 ||
         vn->n->kind == DG_K_EVENT;
}

/* ---- labels of properties and classes ---- */

/* "PolicyDocument" -> "policy document", "inSeries" -> "in series" */
static char *words_of(const char *local) {
  dg_buf b;
  dg_buf_init(&b);
  for (const char *p = local; *p; p++) {
    if (isupper((unsigned char)*p) && p != local) dg_buf_addc(&b, ' ');
    dg_buf_addc(&b, (char)tolower((unsigned char)*p));
  }
  return dg_buf_steal(&b);
}

typedef struct label_ctx {
  dg_view *v;
  raptor_uri *rdfs_label;
} label_ctx;

static void set_label(char **slot, const char *text, int english) {
  /* an @en label wins over an untagged one; the first of each kind stays */
  if (*slot && !english) return;
  free(*slot);
  *slot = dg_xstrdup(text);
}

static void on_triple(void *user, raptor_statement *t) {
  label_ctx *c = user;
  if (t->subject->type != RAPTOR_TERM_TYPE_URI || t->object->type != RAPTOR_TERM_TYPE_LITERAL ||
      !raptor_uri_equals(t->predicate->value.uri, c->rdfs_label))
    return;
  const char *s = (const char *)raptor_uri_as_string(t->subject->value.uri);
  const char *lang = (const char *)t->object->value.literal.language;
  if (lang && strcmp(lang, "en") && strncmp(lang, "en-", 3)) return;
  const char *text = (const char *)t->object->value.literal.string;
  for (int p = 0; p < DG_P__N; p++)
    if (!strcmp(s, dg_pred_iri((dg_pred)p))) set_label(&c->v->pred_labels[p], text, lang != NULL);
  size_t ns = strlen(DG_NS);
  if (strncmp(s, DG_NS, ns)) return;
  for (unsigned b = 0; b < DG_C__COUNT; b++)
    if (!strcmp(s + ns, dg_class_name(b))) set_label(&c->v->class_labels[b], text, lang != NULL);
}

static void quiet_log(void *user, raptor_log_message *m) { (void)user, (void)m; }

/* Reads rdfs:label of our terms from the ontology; a missing or broken file
 * only means the fallback labels are used (the ontology is checked elsewhere). */
static void load_labels(dg_view *v, const char *dir) {
  if (!dir) return;
  dg_buf path;
  dg_buf_init(&path);
  dg_buf_printf(&path, "%s/diplograph.ttl", dir);
  raptor_world *w = raptor_new_world();
  raptor_parser *p = NULL;
  raptor_uri *uri = NULL;
  label_ctx c = {v, NULL};
  FILE *fp = fopen(path.data, "rb");
  if (!fp || !w || raptor_world_open(w)) goto cleanup;
  raptor_world_set_log_handler(w, NULL, quiet_log);
  p = raptor_new_parser(w, "turtle");
  c.rdfs_label = raptor_new_uri(w, (const unsigned char *)DG_NS_RDFS "label");
  uri = raptor_new_uri(w, (const unsigned char *)"https://w3id.org/diplograph/ontology");
  if (!p || !c.rdfs_label || !uri) goto cleanup;
  raptor_parser_set_statement_handler(p, &c, on_triple);
  raptor_parser_parse_file_stream(p, fp, path.data, uri);
cleanup:
  if (fp) fclose(fp);
  if (uri) raptor_free_uri(uri);
  if (c.rdfs_label) raptor_free_uri(c.rdfs_label);
  if (p) raptor_free_parser(p);
  if (w) raptor_free_world(w);
  dg_buf_free(&path);
}

/* Fill colour per class bit (dg_fact.h order): documents blue, events
 * orange, organisations green, the rest distinct pale tones. */
static const char *const class_fill[DG_C__COUNT] = {
    "#dbe9f6", "#bcd7ee", "#a9cce3", "#c5cae9", "#d7d2ec", /* documents */
    "#fde0c5", "#fdc08a", "#f9a66c", "#fdd49e", "#fbb977", /* events */
    "#efe9d7",                                             /* event series */
    "#cfe8c5", "#b5dca6", "#9fd3b0",                       /* organisations */
    "#f6c6d6", "#e8dcc2", "#e2d1ea", "#e6e6e6"};

const char *dg_view_fill(int cls) { return cls >= 0 && cls < DG_C__COUNT ? class_fill[cls] : "#ffffff"; }

const char *dg_view_pred_label(const dg_view *v, dg_pred p) { return v->pred_labels[p]; }
const char *dg_view_class_label(const dg_view *v, unsigned bit) {
  return bit < DG_C__COUNT ? v->class_labels[bit] : "thing";
}

/* ---- building ---- */

typedef struct by_iri {
  const char *iri;
  int node;
} by_iri;

static int cmp_by_iri(const void *a, const void *b) {
  const by_iri *x = a, *y = b;
  int c = strcmp(x->iri, y->iri);
  return c ? c : (x->node > y->node) - (x->node < y->node);
}

typedef struct fact_row {
  int subj, obj;
  int pred;
  size_t edge;
} fact_row;

static int cmp_fact_row(const void *a, const void *b) {
  const fact_row *x = a, *y = b;
  if (x->subj != y->subj) return x->subj < y->subj ? -1 : 1;
  if (x->pred != y->pred) return x->pred < y->pred ? -1 : 1;
  if (x->obj != y->obj) return x->obj < y->obj ? -1 : 1;
  return (x->edge > y->edge) - (x->edge < y->edge);
}

static void keep_min(const char **slot, const char *value) {
  if (!*slot || strcmp(value, *slot) < 0) *slot = value;
}

static void add_literal(dg_view_node *vn, const dg_edge *e) {
  if (!e->lit) return;
  switch (e->pred) {
    case DG_P_DATE: keep_min(&vn->date, e->lit); break;
    case DG_P_PLANNEDDATE: keep_min(&vn->planned, e->lit); break;
    case DG_P_ISSUED: keep_min(&vn->issued, e->lit); break;
    case DG_P_ORDINAL:
      if (!vn->ordinal) vn->ordinal = atoi(e->lit);
      break;
    case DG_P_VIRTUAL:
      if (!strcmp(e->lit, "true") || !strcmp(e->lit, "1")) vn->is_virtual = 1;
      break;
    default: break;
  }
}

/* dg:sourceFile of each document, read from the fact table. */
static void find_source_files(dg_view *v, const dg_map *by_iri_map) {
  const dg_graph *g = v->g;
  size_t nt = dg_graph_nterms(g), nq;
  uint32_t sf = UINT32_MAX;
  for (size_t i = 0; i < nt && sf == UINT32_MAX; i++) {
    const dg_term *t = dg_graph_term(g, (uint32_t)i);
    if (t->kind == DG_TERM_IRI && !strcmp(t->value, DG_NS "sourceFile")) sf = (uint32_t)i;
  }
  if (sf == UINT32_MAX) return;
  const dg_quad *q = dg_graph_union(g, &nq);
  for (size_t i = 0; i < nq; i++) {
    if (q[i].p != sf) continue;
    int k = dg_map_get(by_iri_map, dg_graph_term(g, q[i].s)->value);
    if (k < 0) continue;
    v->nodes[k].is_source = 1;
    if (!v->nodes[k].file) v->nodes[k].file = dg_graph_term(g, q[i].o)->value;
  }
}

static void build_facts(dg_view *v) {
  size_t ne;
  const dg_edge *edges = dg_graph_edges(v->g, &ne);
  fact_row *rows = dg_xmalloc((ne ? ne : 1) * sizeof *rows);
  size_t nr = 0;
  for (size_t i = 0; i < ne; i++) {
    const dg_edge *e = &edges[i];
    int s = dg_view_of(v, e->subj);
    if (s < 0) continue;
    int d = dg_view_of(v, e->doc);
    if (d >= 0) v->nodes[d].is_source = 1;
    if (e->obj < 0) {
      add_literal(&v->nodes[s], e);
      continue;
    }
    int o = dg_view_of(v, e->obj);
    if (o < 0) continue;
    rows[nr++] = (fact_row){s, o, (int)e->pred, i};
  }
  qsort(rows, nr, sizeof *rows, cmp_fact_row);
  v->fact_edges = dg_xmalloc((nr ? nr : 1) * sizeof *v->fact_edges);
  v->facts = dg_xmalloc((nr ? nr : 1) * sizeof *v->facts);
  for (size_t i = 0; i < nr; i++) {
    v->fact_edges[i] = rows[i].edge;
    if (i && rows[i].subj == rows[i - 1].subj && rows[i].pred == rows[i - 1].pred &&
        rows[i].obj == rows[i - 1].obj) {
      v->facts[v->nfacts - 1].count++;
      continue;
    }
    v->facts[v->nfacts++] = (dg_view_fact){rows[i].subj, rows[i].obj, (dg_pred)rows[i].pred, i, 1};
  }
  free(rows);
  /* outgoing ranges, and incoming facts by counting sort on the object */
  v->out_start = dg_xcalloc(v->nnodes + 1, sizeof *v->out_start);
  v->in_start = dg_xcalloc(v->nnodes + 1, sizeof *v->in_start);
  v->in_facts = dg_xmalloc((v->nfacts ? v->nfacts : 1) * sizeof *v->in_facts);
  for (size_t f = 0; f < v->nfacts; f++) {
    v->out_start[v->facts[f].subj + 1]++;
    v->in_start[v->facts[f].obj + 1]++;
  }
  for (size_t i = 0; i < v->nnodes; i++) {
    v->out_start[i + 1] += v->out_start[i];
    v->in_start[i + 1] += v->in_start[i];
  }
  size_t *fill = dg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *fill);
  memcpy(fill, v->in_start, v->nnodes * sizeof *fill);
  for (size_t f = 0; f < v->nfacts; f++) v->in_facts[fill[v->facts[f].obj]++] = f;
  free(fill);
}

dg_view *dg_view_new(const dg_graph *g, const char *ontology_dir) {
  dg_view *v = dg_xcalloc(1, sizeof *v);
  v->g = g;
  size_t nn;
  const dg_node *nodes = dg_graph_nodes(g, &nn);
  by_iri *order = dg_xmalloc((nn ? nn : 1) * sizeof *order);
  size_t k = 0;
  for (size_t i = 0; i < nn; i++)
    if (nodes[i].alias_of < 0 && nodes[i].iri) order[k++] = (by_iri){nodes[i].iri, (int)i};
  qsort(order, k, sizeof *order, cmp_by_iri);
  v->nnodes = k;
  v->nodes = dg_xcalloc(k ? k : 1, sizeof *v->nodes);
  v->index = dg_xmalloc((nn ? nn : 1) * sizeof *v->index);
  for (size_t i = 0; i < nn; i++) v->index[i] = -1;
  dg_map iris;
  dg_map_init(&iris);
  for (size_t i = 0; i < k; i++) {
    dg_view_node *vn = &v->nodes[i];
    vn->node = order[i].node;
    vn->n = &nodes[vn->node];
    vn->classes = vn->n->classes ? vn->n->classes : kind_class(vn->n->kind);
    vn->cls = -1;
    for (size_t j = 0; j < sizeof class_priority / sizeof *class_priority && vn->cls < 0; j++)
      if (vn->classes & (1u << class_priority[j])) vn->cls = (int)class_priority[j];
    vn->ordinal = vn->n->ordinal;
    vn->series = -1;
    v->index[vn->node] = (int)i;
    dg_map_put(&iris, vn->n->iri, (int)i);
  }
  for (size_t i = 0; i < nn; i++)
    if (v->index[i] < 0) {
      int c = dg_graph_canonical(g, (int)i);
      if (c >= 0) v->index[i] = v->index[c];
    }
  for (size_t i = 0; i < k; i++)
    if (v->nodes[i].n->series >= 0) v->nodes[i].series = dg_view_of(v, v->nodes[i].n->series);
  build_facts(v);
  for (size_t f = 0; f < v->nfacts; f++)
    if (v->facts[f].pred == DG_P_INSERIES && v->nodes[v->facts[f].subj].series < 0)
      v->nodes[v->facts[f].subj].series = v->facts[f].obj;
  find_source_files(v, &iris);
  dg_map_free(&iris);
  free(order);
  load_labels(v, ontology_dir);
  for (int p = 0; p < DG_P__N; p++)
    if (!v->pred_labels[p]) v->pred_labels[p] = words_of(dg_pred_name((dg_pred)p));
  for (unsigned b = 0; b < DG_C__COUNT; b++)
    if (!v->class_labels[b]) v->class_labels[b] = words_of(dg_class_name(b));
  return v;
}

void dg_view_free(dg_view *v) {
  if (!v) return;
  for (int p = 0; p < DG_P__N; p++) free(v->pred_labels[p]);
  for (unsigned b = 0; b < DG_C__COUNT; b++) free(v->class_labels[b]);
  free(v->nodes), free(v->index), free(v->facts), free(v->fact_edges);
  free(v->out_start), free(v->in_start), free(v->in_facts);
  free(v);
}

int dg_view_of(const dg_view *v, int graph_node) {
  size_t nn;
  dg_graph_nodes(v->g, &nn);
  return graph_node >= 0 && (size_t)graph_node < nn ? v->index[graph_node] : -1;
}

/* ---- finding and selecting ---- */

static int ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}

static int icontains(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  if (!n) return 0;
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
      i++;
    if (i == n) return 1;
  }
  return 0;
}

static int names_it(const dg_node *n, const char *text) {
  if (ieq(n->label, text) || (n->key && ieq(n->key, text))) return 1;
  for (size_t j = 0; j < n->names.n; j++)
    if (ieq(n->names.v[j], text)) return 1;
  for (size_t j = 0; j < n->acronyms.n; j++)
    if (ieq(n->acronyms.v[j], text)) return 1;
  return 0;
}

static int iri_is(const char *iri, const char *text) {
  size_t a = strlen(iri), b = strlen(text);
  if (!strcmp(iri, text)) return 1;
  /* "event/asean-us-cyber-policy-dialogue-2": a tail after a '/' */
  return b && a > b && iri[a - b - 1] == '/' && !strcmp(iri + a - b, text);
}

size_t dg_view_match(const dg_view *v, const char *text, int **out) {
  int *m = dg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *m);
  size_t n = 0;
  for (int level = 0; level < 3 && !n; level++)
    for (size_t i = 0; i < v->nnodes; i++) {
      const dg_node *nd = v->nodes[i].n;
      int hit = level == 0 ? iri_is(nd->iri, text)
                : level == 1 ? names_it(nd, text)
                             : icontains(nd->label, text);
      if (hit) m[n++] = (int)i;
    }
  *out = m;
  return n;
}

static int fact_allowed(const dg_view *v, size_t f, unsigned relations, int doc) {
  const dg_view_fact *x = &v->facts[f];
  if (relations && !(relations & (1u << x->pred))) return 0;
  if (doc < 0) return 1;
  size_t ne;
  const dg_edge *edges = dg_graph_edges(v->g, &ne);
  for (size_t k = x->first; k < x->first + x->count; k++)
    if (dg_view_of(v, edges[v->fact_edges[k]].doc) == doc) return 1;
  return 0;
}

size_t dg_view_select(const dg_view *v, const int *focus, size_t nfocus, int depth,
                      unsigned relations, int doc, unsigned char *keep_node,
                      unsigned char *keep_fact) {
  size_t kept = 0;
  unsigned char *ok = dg_xmalloc(v->nfacts ? v->nfacts : 1);
  for (size_t f = 0; f < v->nfacts; f++) ok[f] = (unsigned char)fact_allowed(v, f, relations, doc);
  memset(keep_node, 0, v->nnodes);
  if (!nfocus) {
    int all = !relations && doc < 0;
    for (size_t i = 0; i < v->nnodes; i++) keep_node[i] = (unsigned char)all;
    for (size_t f = 0; f < v->nfacts; f++)
      if (ok[f]) keep_node[v->facts[f].subj] = keep_node[v->facts[f].obj] = 1;
    if (doc >= 0) keep_node[doc] = 1;
  } else {
    /* breadth first, both directions; an event and its series are adjacent */
    int *dist = dg_xmalloc(v->nnodes * sizeof *dist);
    int *queue = dg_xmalloc(v->nnodes * sizeof *queue);
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < v->nnodes; i++) dist[i] = -1;
    for (size_t i = 0; i < nfocus; i++)
      if (dist[focus[i]] < 0) dist[focus[i]] = 0, queue[tail++] = focus[i];
    int series_ok = doc < 0 && (!relations || (relations & (1u << DG_P_INSERIES)));
    while (head < tail) {
      int x = queue[head++];
      if (dist[x] >= depth) continue;
#define VISIT(y)                                                 \
  do {                                                           \
    int y_ = (y);                                                \
    if (y_ >= 0 && dist[y_] < 0) dist[y_] = dist[x] + 1, queue[tail++] = y_; \
  } while (0)
      for (size_t f = v->out_start[x]; f < v->out_start[x + 1]; f++)
        if (ok[f]) VISIT(v->facts[f].obj);
      for (size_t k = v->in_start[x]; k < v->in_start[x + 1]; k++)
        if (ok[v->in_facts[k]]) VISIT(v->facts[v->in_facts[k]].subj);
      if (series_ok) VISIT(v->nodes[x].series);
#undef VISIT
    }
    if (series_ok) /* the events of a series in view are reached through it */
      for (size_t i = 0; i < v->nnodes; i++) {
        int s = v->nodes[i].series;
        if (s >= 0 && dist[i] < 0 && dist[s] >= 0 && dist[s] < depth) dist[i] = dist[s] + 1;
      }
    for (size_t i = 0; i < v->nnodes; i++) keep_node[i] = dist[i] >= 0;
    free(dist);
    free(queue);
  }
  for (size_t f = 0; f < v->nfacts; f++)
    keep_fact[f] = ok[f] && keep_node[v->facts[f].subj] && keep_node[v->facts[f].obj];
  for (size_t i = 0; i < v->nnodes; i++) kept += keep_node[i];
  free(ok);
  return kept;
}

/* ---- text ---- */

uint32_t dg_view_next_cp(const char **s) {
  const unsigned char *p = (const unsigned char *)*s;
  if (!*p) return 0;
  size_t avail = 1;
  while (avail < 4 && p[avail]) avail++;
  int len = dg_utf8_seq_len(p, avail);
  if (len == 0) {
    *s += 1;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? p[0] : len == 2 ? p[0] & 0x1Fu : len == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
  for (int i = 1; i < len; i++) cp = (cp << 6) | (p[i] & 0x3Fu);
  *s += len;
  return cp;
}

static int is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

int dg_view_wrap(const char *text, size_t width, size_t maxlines, dg_strvec *lines) {
  dg_buf line;
  dg_buf_init(&line);
  size_t used = 0; /* code points on the current line */
  int cut = 0;
  const char *p = text;
  if (width < 2) width = 2;
  while (*p && !cut) {
    const char *q = p;
    uint32_t cp = dg_view_next_cp(&q);
    if (is_space(cp)) {
      p = q;
      continue;
    }
    /* measure the word */
    const char *w = p, *e = p;
    size_t wl = 0;
    for (;;) {
      const char *r = e;
      uint32_t c = dg_view_next_cp(&r);
      if (!c || is_space(c)) break;
      e = r, wl++;
    }
    p = e;
    if (used && used + 1 + wl > width) {
      if (lines->n + 1 >= maxlines) {
        cut = 1;
        break;
      }
      dg_strvec_pushn(lines, line.data, line.len);
      dg_buf_reset(&line), used = 0;
    }
    if (used) dg_buf_addc(&line, ' '), used++;
    while (w < e) { /* a word longer than the line is cut into pieces */
      if (used == width) {
        if (lines->n + 1 >= maxlines) {
          cut = 1;
          break;
        }
        dg_strvec_pushn(lines, line.data, line.len);
        dg_buf_reset(&line), used = 0;
      }
      const char *r = w;
      dg_view_next_cp(&r);
      dg_buf_add(&line, w, (size_t)(r - w));
      w = r, used++;
    }
  }
  if (cut) { /* make room for the ellipsis on the last line */
    int trimmed = 0;
    while (used + 1 > width && line.len) {
      size_t k = line.len - 1;
      while (k > 0 && ((unsigned char)line.data[k] & 0xC0) == 0x80) k--;
      line.len = k;
      used--, trimmed = 1;
    }
    /* a word cut short goes whole, when the line has another */
    size_t sp = line.len;
    while (trimmed && sp > 0 && line.data[sp - 1] != ' ') sp--;
    if (trimmed && sp > 1) line.len = sp - 1;
    while (line.len && line.data[line.len - 1] == ' ') line.len--;
    dg_buf_adds(&line, "\xE2\x80\xA6");
  }
  if (line.len || !lines->n) dg_strvec_pushn(lines, line.data ? line.data : "", line.len);
  dg_buf_free(&line);
  return cut;
}
