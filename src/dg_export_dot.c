/* dg_export_dot: see dg_export_dot.h. */
#include "dg_export_dot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dg_export.h"
#include "dg_outfile.h"

#define SERIES_BIT ((unsigned)__builtin_ctz(DG_C_SERIES))
#define CLUSTER_FILL "#f7f5ee"

static const char *fill_of(const dg_view_node *vn) { return dg_view_fill(vn->cls); }

typedef struct edge_style {
  const char *color, *style;
} edge_style;

static edge_style style_of(dg_pred p) {
  switch (p) {
    case DG_P_COCHAIR: return (edge_style){"#2b7a3d", "bold"};
    case DG_P_REPORTSON:
    case DG_P_ADOPTEDAT: return (edge_style){"#1f5fa8", "solid"};
    case DG_P_REFERENCES:
    case DG_P_RECALLS:
    case DG_P_REAFFIRMS:
    case DG_P_WELCOMES:
    case DG_P_ACKNOWLEDGES:
    case DG_P_NOTES: return (edge_style){"#7a4fa0", "dashed"};
    case DG_P_MENTIONS: return (edge_style){"#9a9a9a", "dotted"};
    case DG_P_VENUE: return (edge_style){"#8c6d31", "solid"};
    case DG_P_PLANNEDNEXT: return (edge_style){"#d4661f", "dashed"};
    default: return (edge_style){"#555555", "solid"};
  }
}

/* ---- escaping ---- */

/* Text inside an HTML-like label: markup characters as entities, anything
 * outside ASCII as a numeric reference (so the file is ASCII whatever its
 * charset is taken to be), control characters dropped, newline as <BR/>.
 * dot expands escapes (\N, \G, \\) in these labels too, after decoding
 * entities, so a backslash is doubled. */
static void html_esc(dg_buf *b, const char *s, const char *newline) {
  uint32_t cp;
  while ((cp = dg_view_next_cp(&s)) != 0) {
    switch (cp) {
      case '&': dg_buf_adds(b, "&amp;"); continue;
      case '<': dg_buf_adds(b, "&lt;"); continue;
      case '>': dg_buf_adds(b, "&gt;"); continue;
      case '"': dg_buf_adds(b, "&quot;"); continue;
      case '\'': dg_buf_adds(b, "&#39;"); continue;
      case '\\': dg_buf_adds(b, "\\\\"); continue; /* dot expands \N, \G, ... here too */
      case '\n': dg_buf_adds(b, newline); continue;
      case '\t': dg_buf_addc(b, ' '); continue;
      default: break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) continue;
    if (cp < 0x80) dg_buf_addc(b, (char)cp);
    else dg_buf_printf(b, "&#%u;", (unsigned)cp);
  }
}

static void html_text(dg_buf *b, const char *s) { html_esc(b, s, "<BR/>"); }
/* An attribute of an HTML-like label (TOOLTIP): the same, newline as &#10;. */
static void html_attr(dg_buf *b, const char *s) { html_esc(b, s, "&#10;"); }

/* A DOT quoted string used as an escString (tooltip): Graphviz reads it
 * through the lexer (\" and \\), escString expansion (\N, \G, \n, ...)
 * and entity decoding (&amp;), so a backslash is written as four, a quote
 * as \", & as &amp;, newline as \n. Checked against dot's SVG by
 * tests/test_export_dot.c. */
static void quoted(dg_buf *b, const char *s) {
  uint32_t cp;
  dg_buf_addc(b, '"');
  while ((cp = dg_view_next_cp(&s)) != 0) {
    switch (cp) {
      case '\\': dg_buf_adds(b, "\\\\\\\\"); continue;
      case '"': dg_buf_adds(b, "\\\""); continue;
      case '&': dg_buf_adds(b, "&amp;"); continue;
      case '\n': dg_buf_adds(b, "\\n"); continue;
      case '\t': dg_buf_addc(b, ' '); continue;
      default: break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
    dg_utf8_append(b, cp);
  }
  dg_buf_addc(b, '"');
}

/* An IRI as a URL attribute: characters an IRI may not hold raw are
 * percent-encoded, & is written as an entity (dot copies URLs as is). */
static void url(dg_buf *b, const char *iri) {
  dg_buf_addc(b, '"');
  for (const unsigned char *p = (const unsigned char *)iri; *p; p++) {
    if (*p == '&') dg_buf_adds(b, "&amp;");
    else if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p))
      dg_buf_printf(b, "%%%02X", *p);
    else dg_buf_addc(b, (char)*p);
  }
  dg_buf_addc(b, '"');
}

/* A label shortened to a few lines, each escaped, joined by br. */
static void wrapped(dg_buf *b, const char *text, size_t width, size_t maxlines, const char *br) {
  dg_strvec lines;
  dg_strvec_init(&lines);
  dg_view_wrap(text, width, maxlines, &lines);
  for (size_t i = 0; i < lines.n; i++) {
    if (i) dg_buf_adds(b, br);
    html_text(b, lines.v[i]);
  }
  dg_strvec_free(&lines);
}

/* ---- what is drawn ---- */

/* An entity whose only facts are mentions (a programme or body statements
 * name in passing) is "packed": listed in a box with the other entities
 * mentioned by exactly the same subjects, one edge from each of them,
 * instead of being a node of its own with an edge from each. That keeps
 * dozens of such names from burying the events and references. A packed
 * entity keeps its id, colour, tooltip and URL as a cell of its box. */
typedef struct drawing {
  const dg_view *v;
  const unsigned char *keep_node, *keep_fact;
  unsigned char *drawn;      /* per view node: shown, as a node or in a box */
  unsigned char *in_cluster; /* per view node: inside its series' cluster */
  int *packed;               /* per view node: the box that lists it, or -1 */
  int *members;              /* cluster events, grouped by series, in time order */
  size_t nmembers;
  int *boxed;                /* packed nodes, grouped by box, by class and label */
  size_t nboxed;
  dg_strvec box_keys;        /* per box: its subjects, "3,17,20" */
  unsigned used_classes, used_preds;
  size_t unconnected;        /* entities without facts, left out of a whole-graph drawing */
  dg_buf out;
} drawing;

static int kept_node(const drawing *d, size_t i) { return !d->keep_node || d->keep_node[i]; }
static int kept_fact(const drawing *d, size_t f) { return !d->keep_fact || d->keep_fact[f]; }

/* An inSeries fact from an event to the series whose cluster holds it. */
static int fact_is_cluster(const drawing *d, size_t f) {
  const dg_view_fact *x = &d->v->facts[f];
  return x->pred == DG_P_INSERIES && d->in_cluster[x->subj] && d->v->nodes[x->subj].series == x->obj;
}

/* Is the fact an edge of the drawing (not the cluster, not a box entry)? */
static int edge_drawn(const drawing *d, size_t f) {
  const dg_view_fact *x = &d->v->facts[f];
  return kept_fact(d, f) && d->drawn[x->subj] && d->drawn[x->obj] && !fact_is_cluster(d, f) &&
         d->packed[x->obj] < 0 && d->packed[x->subj] < 0;
}

typedef struct member {
  int group;        /* series, or box subject */
  const char *when; /* date, else planned date; or the label */
  int ordinal;      /* or the class */
  int node;
} member;

static int cmp_group(const void *a, const void *b) {
  const member *x = a, *y = b;
  if (x->group != y->group) return x->group < y->group ? -1 : 1;
  return (x->node > y->node) - (x->node < y->node);
}

/* Numbered events by number (their dates may be partial or missing). */
static int cmp_ordinal(const void *a, const void *b) {
  const member *x = a, *y = b;
  if (x->ordinal != y->ordinal) return x->ordinal < y->ordinal ? -1 : 1;
  return (x->node > y->node) - (x->node < y->node);
}

/* Others by date; undated last. */
static int cmp_when(const void *a, const void *b) {
  const member *x = a, *y = b;
  if (!x->when != !y->when) return x->when ? -1 : 1;
  int c = x->when ? strcmp(x->when, y->when) : 0;
  if (c) return c;
  return cmp_ordinal(a, b);
}

/* Boxes: by box, then class, then label. */
static int cmp_box(const void *a, const void *b) {
  const member *x = a, *y = b;
  if (x->group != y->group) return x->group < y->group ? -1 : 1;
  if (x->ordinal != y->ordinal) return x->ordinal < y->ordinal ? -1 : 1;
  int c = strcmp(x->when, y->when);
  return c ? c : (x->node > y->node) - (x->node < y->node);
}

/* Sorts m by group, then each group by cmp (or by ordinal when every
 * member of the group has one and by_ordinal is set); copies node ids. */
static int *order_groups(member *m, size_t n, int by_ordinal) {
  qsort(m, n, sizeof *m, cmp_group);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    int numbered = by_ordinal;
    while (j < n && m[j].group == m[i].group) numbered &= m[j].ordinal > 0, j++;
    qsort(m + i, j - i, sizeof *m, numbered ? cmp_ordinal : cmp_when);
    i = j;
  }
  int *ids = dg_xmalloc((n ? n : 1) * sizeof *ids);
  for (size_t i = 0; i < n; i++) ids[i] = m[i].node;
  return ids;
}

/* When every kept fact touching node i is a mention of it, writes the
 * mentioning subjects ("3,17,20", ascending) into key and returns 1. */
static int pack_key(const drawing *d, size_t i, dg_buf *key) {
  const dg_view *v = d->v;
  const dg_view_node *vn = &v->nodes[i];
  dg_buf_reset(key);
  if (dg_view_is_event(vn) || (vn->classes & DG_C_DOCUMENT) || d->in_cluster[i]) return 0;
  for (size_t f = v->out_start[i]; f < v->out_start[i + 1]; f++)
    if (kept_fact(d, f)) return 0;
  int last = -1;
  for (size_t k = v->in_start[i]; k < v->in_start[i + 1]; k++) {
    const dg_view_fact *x = &v->facts[v->in_facts[k]];
    if (!kept_fact(d, v->in_facts[k])) continue;
    if (x->pred != DG_P_MENTIONS || !d->drawn[x->subj]) return 0;
    if (x->subj == last) continue; /* facts are sorted by subject */
    dg_buf_printf(key, "%s%d", key->len ? "," : "", x->subj);
    last = x->subj;
  }
  return key->len > 0;
}

/* Groups the mention-only entities into boxes by their subjects; a box of
 * one is left a plain node. */
static void plan_boxes(drawing *d, member *m) {
  const dg_view *v = d->v;
  dg_map index;
  dg_map_init(&index);
  dg_buf key;
  dg_buf_init(&key);
  size_t nb = 0;
  int *size = dg_xcalloc(v->nnodes ? v->nnodes : 1, sizeof *size);
  for (size_t i = 0; i < v->nnodes; i++) {
    if (!d->drawn[i] || !pack_key(d, i, &key)) continue;
    int box = dg_map_get(&index, key.data);
    if (box < 0) {
      box = (int)d->box_keys.n;
      dg_map_put(&index, key.data, box);
      dg_strvec_push(&d->box_keys, key.data);
    }
    d->packed[i] = box;
    size[box]++;
  }
  for (size_t i = 0; i < v->nnodes; i++) {
    if (d->packed[i] < 0) continue;
    if (size[d->packed[i]] < 2) {
      d->packed[i] = -1;
      continue;
    }
    m[nb++] = (member){d->packed[i], v->nodes[i].n->label, v->nodes[i].cls, (int)i};
  }
  qsort(m, nb, sizeof *m, cmp_box);
  d->boxed = dg_xmalloc((nb ? nb : 1) * sizeof *d->boxed);
  for (size_t i = 0; i < nb; i++) d->boxed[i] = m[i].node;
  d->nboxed = nb;
  free(size);
  dg_buf_free(&key);
  dg_map_free(&index);
}

static void plan(drawing *d) {
  const dg_view *v = d->v;
  size_t n = v->nnodes;
  d->drawn = dg_xcalloc(n ? n : 1, 1);
  d->in_cluster = dg_xcalloc(n ? n : 1, 1);
  d->packed = dg_xmalloc((n ? n : 1) * sizeof *d->packed);
  member *m = dg_xmalloc((n ? n : 1) * sizeof *m);
  size_t nm = 0;
  for (size_t i = 0; i < n; i++) {
    const dg_view_node *vn = &v->nodes[i];
    d->packed[i] = -1;
    if (!kept_node(d, i)) continue;
    d->drawn[i] = 1;
    if (vn->series >= 0 && dg_view_is_event(vn)) {
      m[nm++] = (member){vn->series, vn->date ? vn->date : vn->planned, vn->ordinal, (int)i};
      d->in_cluster[i] = 1;
    }
  }
  d->members = order_groups(m, nm, 1);
  d->nmembers = nm;
  /* a series with a cluster is a node only if it has facts of its own */
  for (size_t i = 0; i < nm; i++) {
    int s = v->nodes[d->members[i]].series;
    if (i && v->nodes[d->members[i - 1]].series == s) continue;
    int own = 0;
    for (size_t f = v->out_start[s]; f < v->out_start[s + 1] && !own; f++)
      own = kept_fact(d, f) && !fact_is_cluster(d, f);
    for (size_t k = v->in_start[s]; k < v->in_start[s + 1] && !own; k++)
      own = kept_fact(d, v->in_facts[k]) && !fact_is_cluster(d, v->in_facts[k]);
    d->drawn[s] = (unsigned char)own;
    d->in_cluster[s] = 1;
  }
  /* drawing everything: an entity no fact touches says nothing in a
   * diagram (the report lists it); sources and events always stay */
  for (size_t i = 0; i < n && !d->keep_node; i++) {
    const dg_view_node *vn = &v->nodes[i];
    if (!d->drawn[i] || d->in_cluster[i] || vn->is_source || dg_view_is_event(vn) ||
        v->out_start[i + 1] > v->out_start[i] || v->in_start[i + 1] > v->in_start[i])
      continue;
    d->drawn[i] = 0;
    d->unconnected++;
  }
  plan_boxes(d, m);
  free(m);
  for (size_t i = 0; i < n; i++)
    if (d->drawn[i] && v->nodes[i].cls >= 0) d->used_classes |= 1u << v->nodes[i].cls;
  if (d->nmembers) d->used_classes |= DG_C_SERIES; /* the clusters */
  for (size_t f = 0; f < v->nfacts; f++)
    if (edge_drawn(d, f)) d->used_preds |= 1u << v->facts[f].pred;
  if (d->nboxed) d->used_preds |= 1u << DG_P_MENTIONS;
}

static void item(dg_buf *t, size_t start, const char *a, const char *b) {
  if (t->len > start) dg_buf_adds(t, " \xC2\xB7 ");
  dg_buf_adds(t, a);
  if (b) dg_buf_adds(t, b);
}

/* Class, date, ordinal, ...: the small print of a node. */
static void details(const drawing *d, const dg_view_node *vn, dg_buf *t) {
  const char *cls = vn->cls >= 0 ? dg_view_class_label(d->v, (unsigned)vn->cls) : dg_kind_name(vn->n->kind);
  size_t start = t->len;
  if (strcasecmp(cls, vn->n->label)) item(t, start, cls, NULL);
  if (vn->date) item(t, start, vn->date, NULL);
  if (vn->issued) item(t, start, "issued ", vn->issued);
  if (vn->planned) item(t, start, "planned ", vn->planned);
  if (vn->ordinal > 0 && atoi(vn->n->label) != vn->ordinal) {
    char num[32];
    snprintf(num, sizeof num, "no. %d", vn->ordinal);
    item(t, start, num, NULL);
  }
  if (vn->is_virtual) item(t, start, "virtual", NULL);
  if (vn->file && strcmp(vn->file, vn->n->label))
    dg_buf_printf(t, "%s%s", t->len > start ? "\n" : "", vn->file);
}

/* Full label, details and IRI: the tooltip of a node or cell. */
static void tooltip_text(const drawing *d, const dg_view_node *vn, dg_buf *t) {
  dg_buf_printf(t, "%s\n", vn->n->label);
  details(d, vn, t);
  dg_buf_printf(t, "\n%s", vn->n->iri);
}

static void write_node(drawing *d, size_t i, const char *indent) {
  const dg_view_node *vn = &d->v->nodes[i];
  dg_buf *b = &d->out, t;
  dg_buf_init(&t);
  details(d, vn, &t);
  dg_buf_printf(b, "%sn%zu [id=\"n%zu\" fillcolor=\"%s\"%s label=<<B>", indent, i + 1, i + 1,
                fill_of(vn), vn->is_source ? " shape=note style=filled" : "");
  wrapped(b, vn->n->label, 26, 3, "<BR/>");
  dg_buf_adds(b, "</B>");
  if (t.len) {
    dg_buf_adds(b, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#333333\">");
    html_text(b, t.data);
    dg_buf_adds(b, "</FONT>");
  }
  dg_buf_adds(b, "> tooltip=");
  dg_buf_reset(&t);
  tooltip_text(d, vn, &t);
  quoted(b, t.data);
  dg_buf_adds(b, " URL=");
  url(b, vn->n->iri);
  dg_buf_adds(b, "];\n");
  dg_buf_free(&t);
}

static void write_clusters(drawing *d) {
  const dg_view *v = d->v;
  dg_buf *b = &d->out;
  for (size_t i = 0; i < d->nmembers;) {
    int s = v->nodes[d->members[i]].series;
    size_t j = i;
    while (j < d->nmembers && v->nodes[d->members[j]].series == s) j++;
    const dg_view_node *sn = &v->nodes[s];
    dg_buf_printf(b, "  subgraph cluster_s%d {\n    id=\"c%d\" label=<<B>", s + 1, s + 1);
    wrapped(b, sn->n->label, 60, 2, "<BR/>");
    dg_buf_printf(b, "</B><BR/><FONT POINT-SIZE=\"8\">");
    html_text(b, dg_view_class_label(v, SERIES_BIT));
    dg_buf_printf(b, " \xC2\xB7 %zu event%s</FONT>> tooltip=", j - i, j - i == 1 ? "" : "s");
    dg_buf t;
    dg_buf_init(&t);
    dg_buf_printf(&t, "%s\n%s", sn->n->label, sn->n->iri);
    quoted(b, t.data);
    dg_buf_free(&t);
    dg_buf_adds(b, " URL=");
    url(b, sn->n->iri);
    dg_buf_adds(b, "\n    style=\"rounded,filled\" fillcolor=\"" CLUSTER_FILL "\" color=\"#c9c2ad\"\n");
    if (d->drawn[s]) write_node(d, (size_t)s, "    ");
    for (size_t k = i; k < j; k++) write_node(d, (size_t)d->members[k], "    ");
    /* time order, left to right: invisible heavy edges between neighbours */
    for (size_t k = i + 1; k < j; k++)
      dg_buf_printf(b, "    n%d -> n%d [style=invis weight=8];\n", d->members[k - 1] + 1,
                    d->members[k] + 1);
    dg_buf_adds(b, "  }\n");
    i = j;
  }
}

/* One box per set of subjects, listing the entities only they mention. */
static void write_boxes(drawing *d) {
  const dg_view *v = d->v;
  dg_buf *b = &d->out, t;
  dg_buf_init(&t);
  edge_style es = style_of(DG_P_MENTIONS);
  for (size_t i = 0; i < d->nboxed;) {
    int box = d->packed[d->boxed[i]];
    size_t j = i;
    while (j < d->nboxed && d->packed[d->boxed[j]] == box) j++;
    dg_buf_printf(b,
                  "  m%d [id=\"m%d\" shape=plain style=\"\" tooltip=\"mentioned by the same documents\" "
                  "label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" "
                  "COLOR=\"#999999\">\n",
                  box + 1, box + 1);
    for (size_t k = i; k < j; k++) {
      const dg_view_node *vn = &v->nodes[d->boxed[k]];
      dg_buf_printf(b, "    <TR><TD ID=\"n%d\" ALIGN=\"LEFT\" BGCOLOR=\"%s\" HREF=", d->boxed[k] + 1,
                    fill_of(vn));
      url(b, vn->n->iri);
      dg_buf_adds(b, " TOOLTIP=\"");
      dg_buf_reset(&t);
      tooltip_text(d, vn, &t);
      html_attr(b, t.data);
      dg_buf_adds(b, "\">");
      wrapped(b, vn->n->label, 36, 2, "<BR ALIGN=\"LEFT\"/>");
      dg_buf_adds(b, "</TD></TR>\n");
    }
    dg_buf_adds(b, "  </TABLE>>];\n");
    for (const char *p = d->box_keys.v[box]; *p;) {
      int s = atoi(p);
      dg_buf_printf(b, "  n%d -> m%d [label=<", s + 1, box + 1);
      html_text(b, dg_view_pred_label(v, DG_P_MENTIONS));
      dg_buf_printf(b, "> color=\"%s\" fontcolor=\"%s\" style=%s tooltip=\"mentions\"];\n",
                    es.color, es.color, es.style);
      while (*p && *p != ',') p++;
      if (*p) p++;
    }
    i = j;
  }
  dg_buf_free(&t);
}

static void write_edges(drawing *d) {
  const dg_view *v = d->v;
  dg_buf *b = &d->out, t;
  dg_buf_init(&t);
  size_t ne;
  const dg_edge *edges = dg_graph_edges(v->g, &ne);
  for (size_t f = 0; f < v->nfacts; f++) {
    const dg_view_fact *x = &v->facts[f];
    if (!edge_drawn(d, f)) continue;
    edge_style es = style_of(x->pred);
    dg_buf_printf(b, "  n%d -> n%d [label=<", x->subj + 1, x->obj + 1);
    html_text(b, dg_view_pred_label(v, x->pred));
    dg_buf_printf(b, "> color=\"%s\" fontcolor=\"%s\" style=%s", es.color, es.color, es.style);
    if (x->pred == DG_P_PLANNEDNEXT) dg_buf_adds(b, " constraint=false");
    dg_buf_reset(&t);
    dg_buf_printf(&t, "%s \xE2\x80\x94 %s \xE2\x80\x94 %s\nstated in", v->nodes[x->subj].n->label,
                  dg_view_pred_label(v, x->pred), v->nodes[x->obj].n->label);
    for (size_t k = x->first; k < x->first + x->count && k < x->first + 5; k++) {
      int doc = dg_view_of(v, edges[v->fact_edges[k]].doc);
      const dg_view_node *dn = doc >= 0 ? &v->nodes[doc] : NULL;
      dg_buf_printf(&t, "%s %s", k > x->first ? "," : "",
                    dn ? (dn->file ? dn->file : dn->n->label) : "?");
    }
    if (x->count > 5) dg_buf_printf(&t, " and %zu more", x->count - 5);
    dg_buf_adds(b, " tooltip=");
    quoted(b, t.data);
    dg_buf_adds(b, "];\n");
  }
  dg_buf_free(&t);
}

#define LEGEND_COLS 7 /* entries per row of the legend grid */

/* Starts a new row of the legend grid before entry k when one is full. */
static void legend_cell(dg_buf *b, int k) {
  if (k % LEGEND_COLS) return;
  if (k) dg_buf_adds(b, "</TR>\n");
  dg_buf_adds(b, "    <TR>");
}

/* The title and the legend, as the graph's label at the top: a grid of
 * class colours, then edge styles. Written last so that no cluster
 * inherits the label. */
static void write_legend(drawing *d, const char *title) {
  const dg_view *v = d->v;
  dg_buf *b = &d->out;
  int total = 0, k = 0;
  for (unsigned c = 0; c < DG_C__COUNT; c++) total += (d->used_classes >> c) & 1;
  for (int p = 0; p < DG_P__N; p++) total += (d->used_preds >> p) & 1;
  if (!total && !title && !d->unconnected) return;
  dg_buf_adds(b, "  graph [labelloc=t labeljust=l label=<<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">\n");
  if (title || d->unconnected) {
    dg_buf_printf(b, "    <TR><TD ALIGN=\"LEFT\" COLSPAN=\"%d\"><B>", 2 * LEGEND_COLS);
    html_text(b, title ? title : "");
    dg_buf_adds(b, "</B>");
    if (d->unconnected)
      dg_buf_printf(b, "<FONT POINT-SIZE=\"9\" COLOR=\"#555555\"> &#160; (%zu entit%s without facts "
                    "not drawn)</FONT>", d->unconnected, d->unconnected == 1 ? "y" : "ies");
    dg_buf_adds(b, "</TD></TR>\n");
  }
  for (unsigned c = 0; c < DG_C__COUNT; c++) {
    if (!(d->used_classes & (1u << c))) continue;
    legend_cell(b, k++);
    dg_buf_printf(b, "<TD BGCOLOR=\"%s\" BORDER=\"1\" FIXEDSIZE=\"TRUE\" WIDTH=\"18\" HEIGHT=\"11\"></TD>"
                  "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">",
                  c == SERIES_BIT ? CLUSTER_FILL : dg_view_fill((int)c));
    html_text(b, dg_view_class_label(v, c));
    dg_buf_adds(b, "</FONT></TD>");
  }
  for (; k % LEGEND_COLS; k++) dg_buf_adds(b, "<TD></TD><TD></TD>"); /* edges on a new row */
  for (int p = 0; p < DG_P__N; p++) {
    if (!(d->used_preds & (1u << p))) continue;
    legend_cell(b, k++);
    edge_style es = style_of((dg_pred)p);
    dg_buf_printf(b, "<TD><FONT COLOR=\"%s\" POINT-SIZE=\"9\"><B>%s</B></FONT></TD>"
                  "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">",
                  es.color,
                  !strcmp(es.style, "dotted")   ? "&#183;&#183;&#183;&#183;"
                  : !strcmp(es.style, "dashed") ? "&#8211; &#8211;"
                                                : "&#8212;&#8212;");
    html_text(b, dg_view_pred_label(v, (dg_pred)p));
    dg_buf_adds(b, "</FONT></TD>");
  }
  if (k) { /* pad the last row so the grid stays square */
    for (; k % LEGEND_COLS; k++) dg_buf_adds(b, "<TD></TD><TD></TD>");
    dg_buf_adds(b, "</TR>\n");
  }
  dg_buf_adds(b, "  </TABLE>>];\n");
}

int dg_dot_write(const dg_view *v, const dg_dot_part *part, FILE *fp, dg_dot_stats *stats,
                 dg_error *err) {
  drawing d;
  memset(&d, 0, sizeof d);
  d.v = v;
  if (part) d.keep_node = part->keep_node, d.keep_fact = part->keep_fact;
  dg_buf_init(&d.out);
  dg_strvec_init(&d.box_keys);
  plan(&d);
  dg_buf *b = &d.out;
  dg_buf_adds(b,
              "digraph diplograph {\n"
              "  graph [rankdir=LR charset=\"UTF-8\" fontname=\"Helvetica\" fontsize=11 "
              "nodesep=0.25 ranksep=0.5 newrank=true tooltip=\"diplograph\"];\n"
              "  node [shape=box style=\"rounded,filled\" fontname=\"Helvetica\" fontsize=10 "
              "color=\"#666666\" penwidth=0.8 margin=\"0.12,0.06\"];\n"
              "  edge [fontname=\"Helvetica\" fontsize=8 arrowsize=0.6 penwidth=0.9];\n");
  write_clusters(&d);
  for (size_t i = 0; i < v->nnodes; i++)
    if (d.drawn[i] && !d.in_cluster[i] && d.packed[i] < 0) write_node(&d, i, "  ");
  write_boxes(&d);
  write_edges(&d);
  write_legend(&d, part ? part->title : NULL);
  dg_buf_adds(b, "}\n");
  if (stats) {
    memset(stats, 0, sizeof *stats);
    for (size_t i = 0; i < v->nnodes; i++) stats->entities += d.drawn[i];
    stats->layout_nodes = stats->entities - d.nboxed;
    for (size_t i = 0; i < d.nboxed; i++) /* one per box */
      stats->layout_nodes += !i || d.packed[d.boxed[i]] != d.packed[d.boxed[i - 1]];
  }
  int rc = 0;
  if (fwrite(b->data, 1, b->len, fp) != b->len)
    rc = dg_error_set(err, DG_ERR_IO, "DOT output: %s", strerror(errno));
  dg_buf_free(&d.out);
  free(d.drawn), free(d.in_cluster), free(d.packed), free(d.members), free(d.boxed);
  dg_strvec_free(&d.box_keys);
  return rc;
}

/* ---- running Graphviz ---- */

static int on_path(const char *prog) {
  const char *path = getenv("PATH");
  if (!path || !*path) path = "/usr/bin:/bin";
  dg_buf b;
  dg_buf_init(&b);
  int found = 0;
  for (const char *p = path; !found;) {
    const char *e = strchr(p, ':');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    dg_buf_reset(&b);
    dg_buf_printf(&b, "%.*s/%s", (int)n, n ? p : ".", prog);
    struct stat st;
    found = stat(b.data, &st) == 0 && S_ISREG(st.st_mode) && access(b.data, X_OK) == 0;
    if (!e) break;
    p = e + 1;
  }
  dg_buf_free(&b);
  return found;
}

int dg_dot_render(const char *dot_path, const char *svg_path, size_t nodes, int verbose,
                  dg_error *err) {
  static int said_missing;
  if (nodes > DG_DOT_MAX_NODES) {
    if (verbose >= 0)
      fprintf(stderr,
              "diplograph: note: %s not drawn: %zu nodes is more than dot lays out readably "
              "(%d); draw a part with `diplograph dot --focus LABEL -o part.svg`, or the whole "
              "with `sfdp -Tsvg %s`\n",
              svg_path, nodes, DG_DOT_MAX_NODES, dot_path);
    return 1;
  }
  if (!on_path("dot")) {
    if (verbose >= 0 && !said_missing)
      fprintf(stderr, "diplograph: note: Graphviz `dot` is not installed; no SVG written\n");
    said_missing = 1;
    return 1;
  }
  int rc = 0, pipefd[2] = {-1, -1};
  dg_outfile out = {0};
  dg_buf msg;
  dg_buf_init(&msg);
  if ((rc = dg_outfile_open(&out, svg_path, err)) < 0) goto cleanup;
  fflush(out.fp);
  if (pipe(pipefd) != 0) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: pipe: %s", svg_path, strerror(errno));
    goto cleanup;
  }
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: fork: %s", svg_path, strerror(errno));
    goto cleanup;
  }
  if (pid == 0) {
    dup2(fileno(out.fp), STDOUT_FILENO);
    dup2(pipefd[1], STDERR_FILENO);
    close(pipefd[0]);
    close(pipefd[1]);
    execlp("dot", "dot", "-Tsvg", dot_path, (char *)NULL);
    _exit(127);
  }
  close(pipefd[1]);
  pipefd[1] = -1;
  char chunk[4096];
  ssize_t r;
  while ((r = read(pipefd[0], chunk, sizeof chunk)) != 0) {
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (msg.len < 65536) dg_buf_add(&msg, chunk, (size_t)r);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  while (msg.len && (msg.data[msg.len - 1] == '\n' || msg.data[msg.len - 1] == '\r'))
    msg.data[--msg.len] = '\0';
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    char *nl = msg.len ? strchr(msg.data, '\n') : NULL;
    if (nl) *nl = '\0';
    rc = dg_error_set(err, DG_ERR_IO, "%s: dot %s%s%s", svg_path,
                      WIFEXITED(status) ? "failed" : "was killed", msg.len ? ": " : "",
                      msg.len ? msg.data : "");
    goto cleanup;
  }
  if (msg.len && verbose >= 0) fprintf(stderr, "diplograph: warning: dot: %s\n", msg.data);
  rc = dg_outfile_commit(&out, err);
cleanup:
  if (pipefd[0] >= 0) close(pipefd[0]);
  if (pipefd[1] >= 0) close(pipefd[1]);
  dg_outfile_abort(&out);
  dg_buf_free(&msg);
  return rc;
}

int dg_export_dot_files(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                        dg_build_stats *st, dg_error *err) {
  int rc = 0;
  dg_view *v = dg_view_new(g, dg_build_ontology_dir(o->ontology_dir));
  dg_outfile out = {0};
  dg_buf dot_path, svg_path, title;
  dg_buf_init(&dot_path), dg_buf_init(&svg_path), dg_buf_init(&title);
  dg_buf_printf(&dot_path, "%s/graph.dot", outdir);
  dg_buf_printf(&svg_path, "%s/graph.svg", outdir);
  dg_buf_printf(&title, "diplograph \xC2\xB7 %zu document%s \xC2\xB7 %zu entities \xC2\xB7 %zu relations",
                dg_graph_ndocs(g), dg_graph_ndocs(g) == 1 ? "" : "s", v->nnodes, v->nfacts);
  dg_dot_part part = {NULL, NULL, title.data};
  dg_dot_stats ds;
  if ((rc = dg_outfile_open(&out, dot_path.data, err)) < 0) goto cleanup;
  if ((rc = dg_dot_write(v, &part, out.fp, &ds, err)) < 0) goto cleanup;
  if ((rc = dg_outfile_commit(&out, err)) < 0) goto cleanup;
  dg_export_note_written(st, "graph.dot");
  rc = dg_dot_render(dot_path.data, svg_path.data, ds.layout_nodes, o->verbose, err);
  if (rc == 0) dg_export_note_written(st, "graph.svg");
  if (rc > 0) rc = 0;
cleanup:
  dg_outfile_abort(&out);
  dg_buf_free(&dot_path), dg_buf_free(&svg_path), dg_buf_free(&title);
  dg_view_free(v);
  return rc;
}
