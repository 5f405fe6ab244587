/* dg_export_html: see dg_export_html.h. */
#include "dg_export_html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dg_export.h"
#include "dg_export_dot.h"
#include "dg_outfile.h"
#include "dg_view.h"

static const char css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#1d2329;background:#f5f6f8}"
    "header{background:#1f3a5f;color:#fff;padding:18px 32px 14px}"
    "header h1{margin:0 0 4px;font-size:22px;font-weight:600}"
    "header p{margin:0;opacity:.85}"
    "nav{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #d8dde3;"
    "padding:8px 32px;display:flex;gap:18px;flex-wrap:wrap}"
    "nav a{color:#1f5fa8;text-decoration:none;font-weight:500}"
    "nav a:hover{text-decoration:underline}"
    "main{padding:8px 32px 48px;max-width:1500px}"
    "section{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:14px 18px;"
    "margin:18px 0}"
    "h2{font-size:18px;margin:0 0 10px;color:#1f3a5f}"
    "h3{font-size:15px;margin:18px 0 8px}"
    "p.note{color:#5a6570;margin:4px 0 10px}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #e6e9ed}"
    "th{background:#eef1f5;font-weight:600;font-size:13px;position:sticky;top:37px}"
    "tr:nth-child(even) td{background:#fafbfc}"
    "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "td.date{white-space:nowrap;font-variant-numeric:tabular-nums}"
    "td.kind,td.ev{white-space:nowrap}"
    ".muted{color:#7a848e}"
    ".chip{display:inline-block;width:10px;height:10px;border-radius:2px;border:1px solid #8a939c;"
    "margin-right:6px;vertical-align:-1px}"
    "a{color:#1f5fa8}"
    "a.ent{text-decoration:none;color:inherit;border-bottom:1px dotted #8a939c}"
    "a.ent:hover{color:#1f5fa8}"
    ".diagram{overflow:auto;max-height:80vh;border:1px solid #e6e9ed;border-radius:6px;background:#fff}"
    ".diagram svg{display:block}"
    "#fit:checked~.diagram svg{width:100%;height:auto}"
    "label.fit{font-size:13px;color:#5a6570;margin-left:4px}"
    "ol.sentences{padding-left:0;list-style:none;margin:6px 0 0}"
    "ol.sentences li{padding:6px 8px;border-left:3px solid #d8dde3;margin:4px 0;background:#fafbfc}"
    "ol.sentences li:target{border-left-color:#e08a1e;background:#fff4e0}"
    "span.where{display:block;font-size:12px;color:#7a848e}"
    "tr:target td{background:#fff4e0}";

/* A page a browser opens comfortably: lists of names stop after this
 * many (with "and N more"), the facts table after that many rows (the
 * rest are in graph.nq and evidence.nq). */
#define LIST_MAX 40
#define FACT_ROWS_MAX 5000

/* ---- escaping ---- */

/* Text or attribute value: markup characters as entities, bad UTF-8 as
 * U+FFFD, control characters dropped (newline and tab become spaces). */
static void esc(dg_buf *b, const char *s) {
  uint32_t cp;
  if (!s) return;
  while ((cp = dg_view_next_cp(&s)) != 0) {
    switch (cp) {
      case '&': dg_buf_adds(b, "&amp;"); continue;
      case '<': dg_buf_adds(b, "&lt;"); continue;
      case '>': dg_buf_adds(b, "&gt;"); continue;
      case '"': dg_buf_adds(b, "&quot;"); continue;
      case '\'': dg_buf_adds(b, "&#39;"); continue;
      case '\n':
      case '\t':
      case '\r': dg_buf_addc(b, ' '); continue;
      default: break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
    dg_utf8_append(b, cp);
  }
}

/* ---- the page ---- */

typedef struct page {
  const dg_view *v;
  const dg_edge *edges;
  size_t nedges;
  char *anchor;       /* per view node: where its row is ('e', 'r', 'p', 'f') or 0 */
  dg_buf *b;
} page;

static int is_reference(dg_pred p) {
  return p == DG_P_REFERENCES || p == DG_P_RECALLS || p == DG_P_REAFFIRMS ||
         p == DG_P_WELCOMES || p == DG_P_ACKNOWLEDGES || p == DG_P_NOTES;
}

static int is_programme_or_body(const dg_view_node *vn) {
  return (vn->classes & (DG_C_PROGRAMME | DG_C_BODY)) != 0 && !dg_view_is_event(vn);
}

static int is_referenced(const dg_view *v, size_t i) {
  for (size_t k = v->in_start[i]; k < v->in_start[i + 1]; k++)
    if (is_reference(v->facts[v->in_facts[k]].pred)) return 1;
  return 0;
}

static void chip(page *pg, const dg_view_node *vn) {
  dg_buf_printf(pg->b, "<span class=\"chip\" style=\"background:%s\"></span>", dg_view_fill(vn->cls));
}

static const char *class_of(const page *pg, const dg_view_node *vn) {
  return vn->cls >= 0 ? dg_view_class_label(pg->v, (unsigned)vn->cls) : dg_kind_name(vn->n->kind);
}

/* A name with its IRI as the hover title, no link. */
static void named(dg_buf *b, const dg_node *n) {
  dg_buf_adds(b, "<span title=\"");
  esc(b, n->iri);
  dg_buf_adds(b, "\">");
  esc(b, n->label);
  dg_buf_adds(b, "</span>");
}

/* The Kind cell: colour chip and class label. */
static void kind_cell(page *pg, const dg_view_node *vn) {
  dg_buf_adds(pg->b, "<td class=\"kind\">");
  chip(pg, vn);
  esc(pg->b, class_of(pg, vn));
  dg_buf_adds(pg->b, "</td>");
}

/* An entity's name, linking to its row in this page where it has one; the
 * IRI as the hover title. */
static void entity(page *pg, int i) {
  const dg_view_node *vn = &pg->v->nodes[i];
  dg_buf *b = pg->b;
  if (pg->anchor[i]) dg_buf_printf(b, "<a class=\"ent\" href=\"#%c-n%d\" title=\"", pg->anchor[i], i + 1);
  else dg_buf_adds(b, "<span title=\"");
  esc(b, vn->n->iri);
  dg_buf_adds(b, "\">");
  esc(b, vn->n->label);
  dg_buf_adds(b, pg->anchor[i] ? "</a>" : "</span>");
}

static void more(dg_buf *b, size_t n) {
  if (n > LIST_MAX) dg_buf_printf(b, " <span class=\"muted\">and %zu more</span>", n - LIST_MAX);
}

/* The subjects (incoming) or objects of node i's facts whose property
 * bit is in preds, as links, each entity once, at most LIST_MAX. */
static size_t related(page *pg, int i, unsigned preds, int incoming) {
  const dg_view *v = pg->v;
  size_t n = 0;
  size_t a = incoming ? v->in_start[i] : v->out_start[i];
  size_t z = incoming ? v->in_start[i + 1] : v->out_start[i + 1];
  int last = -1;
  for (size_t k = a; k < z; k++) {
    const dg_view_fact *x = &v->facts[incoming ? v->in_facts[k] : k];
    int other = incoming ? x->subj : x->obj;
    if (!(preds & (1u << x->pred)) || other == last) continue;
    last = other;
    if (n++ >= LIST_MAX) continue;
    if (n > 1) dg_buf_adds(pg->b, ", ");
    entity(pg, other);
  }
  more(pg->b, n);
  return n;
}

static void write_diagram(page *pg, const char *outdir, const dg_build_stats *st,
                          const dg_build_opts *o) {
  dg_buf *b = pg->b;
  int have = 0;
  for (size_t i = 0; i < st->nwritten; i++) have |= !strcmp(st->written[i], "graph.svg");
  dg_buf_adds(b, "<section id=\"diagram\"><h2>Diagram</h2>\n");
  char *svg = NULL;
  if (have) {
    dg_buf path;
    dg_buf_init(&path);
    dg_buf_printf(&path, "%s/graph.svg", outdir);
    FILE *fp = fopen(path.data, "rb");
    if (fp) {
      dg_buf t;
      dg_buf_init(&t);
      char chunk[65536];
      size_t n;
      while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) dg_buf_add(&t, chunk, n);
      fclose(fp);
      svg = dg_buf_steal(&t);
    }
    dg_buf_free(&path);
  }
  const char *start = svg ? strstr(svg, "<svg") : NULL;
  if (start) {
    dg_buf_adds(b,
                "<p class=\"note\">Colours stand for classes, line styles for properties (legend "
                "at the top of the drawing). Hover over a node for its full name and IRI. Also "
                "as <a href=\"graph.svg\">graph.svg</a> and <a href=\"graph.dot\">graph.dot</a>."
                "</p>\n<input type=\"checkbox\" id=\"fit\"><label class=\"fit\" for=\"fit\">fit "
                "to width</label>\n<div class=\"diagram\">\n");
    dg_buf_adds(b, start);
    dg_buf_adds(b, "</div>\n");
  } else {
    dg_buf_adds(b, "<p class=\"note\">No diagram in this report: ");
    dg_buf_adds(b, o->no_dot ? "the build ran with --no-dot."
                             : "graph.svg was not drawn in this run, either because Graphviz "
                               "(<code>dot</code>) is not installed or because the graph is "
                               "larger than dot draws readably. <a href=\"graph.dot\">graph.dot"
                               "</a> has all of it; draw a part with <code>diplograph dot --focus "
                               "LABEL -o part.svg</code>.");
    dg_buf_adds(b, "</p>\n");
  }
  free(svg);
  dg_buf_adds(b, "</section>\n");
}

typedef struct row {
  const char *when; /* date, else planned date, or NULL */
  const char *series;
  int ordinal;
  const char *label;
  int node;
} row;

static int cmp_row(const void *a, const void *b) {
  const row *x = a, *y = b;
  if (!x->when != !y->when) return x->when ? -1 : 1;
  int c = x->when ? strcmp(x->when, y->when) : 0;
  if (c) return c;
  c = strcmp(x->series ? x->series : "", y->series ? y->series : "");
  if (c) return c;
  if (x->ordinal != y->ordinal) return x->ordinal < y->ordinal ? -1 : 1;
  c = strcmp(x->label, y->label);
  return c ? c : (x->node > y->node) - (x->node < y->node);
}

static void write_timeline(page *pg) {
  const dg_view *v = pg->v;
  dg_buf *b = pg->b;
  row *rows = dg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *rows);
  size_t n = 0;
  for (size_t i = 0; i < v->nnodes; i++) {
    const dg_view_node *vn = &v->nodes[i];
    if (!dg_view_is_event(vn)) continue;
    rows[n++] = (row){vn->date ? vn->date : vn->planned,
                      vn->series >= 0 ? v->nodes[vn->series].n->label : NULL, vn->ordinal,
                      vn->n->label, (int)i};
  }
  qsort(rows, n, sizeof *rows, cmp_row);
  dg_buf_printf(b,
                "<section id=\"timeline\"><h2>Timeline of events</h2>\n<p class=\"note\">%zu "
                "event%s, earliest first; planned dates in grey, undated events last.</p>\n",
                n, n == 1 ? "" : "s");
  dg_buf_adds(b, "<table class=\"timeline\"><thead><tr><th>Date</th><th>Event</th><th>Series</th>"
                 "<th>No.</th><th>Venue</th><th>Co-chairs</th><th>Reported in</th></tr></thead>"
                 "<tbody>\n");
  for (size_t r = 0; r < n; r++) {
    int i = rows[r].node;
    const dg_view_node *vn = &v->nodes[i];
    dg_buf_printf(b, "<tr class=\"event\" id=\"e-n%d\"><td class=\"date\">", i + 1);
    if (vn->date) esc(b, vn->date);
    else if (vn->planned) {
      dg_buf_adds(b, "<span class=\"muted\">planned ");
      esc(b, vn->planned);
      dg_buf_adds(b, "</span>");
    } else {
      dg_buf_adds(b, "<span class=\"muted\">&#8212;</span>");
    }
    dg_buf_adds(b, "</td><td>");
    chip(pg, vn);
    named(b, vn->n);
    dg_buf_adds(b, " <span class=\"muted\">");
    esc(b, class_of(pg, vn));
    dg_buf_adds(b, "</span></td><td>");
    if (vn->series >= 0) named(b, v->nodes[vn->series].n);
    dg_buf_adds(b, "</td><td class=\"num\">");
    if (vn->ordinal > 0) dg_buf_printf(b, "%d", vn->ordinal);
    dg_buf_adds(b, "</td><td>");
    size_t k = related(pg, i, 1u << DG_P_VENUE, 0);
    if (vn->is_virtual) dg_buf_adds(b, k ? ", virtual" : "virtual");
    dg_buf_adds(b, "</td><td>");
    related(pg, i, 1u << DG_P_COCHAIR, 0);
    dg_buf_adds(b, "</td><td>");
    related(pg, i, 1u << DG_P_REPORTSON | 1u << DG_P_ADOPTEDAT, 1);
    dg_buf_adds(b, "</td></tr>\n");
  }
  dg_buf_adds(b, "</tbody></table>\n</section>\n");
  free(rows);
}

typedef struct cited {
  size_t by; /* distinct citing subjects */
  const char *label;
  int node;
} cited;

static int cmp_cited(const void *a, const void *b) {
  const cited *x = a, *y = b;
  if (x->by != y->by) return x->by > y->by ? -1 : 1;
  int c = strcmp(x->label, y->label);
  return c ? c : (x->node > y->node) - (x->node < y->node);
}

static void write_references(page *pg) {
  const dg_view *v = pg->v;
  dg_buf *b = pg->b;
  cited *c = dg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *c);
  size_t n = 0;
  for (size_t i = 0; i < v->nnodes; i++) {
    if (!is_referenced(v, i)) continue;
    size_t by = 0;
    int last = -1;
    for (size_t k = v->in_start[i]; k < v->in_start[i + 1]; k++) {
      const dg_view_fact *x = &v->facts[v->in_facts[k]];
      if (is_reference(x->pred) && x->subj != last) by++, last = x->subj;
    }
    c[n++] = (cited){by, v->nodes[i].n->label, (int)i};
  }
  qsort(c, n, sizeof *c, cmp_cited);
  dg_buf_printf(b,
                "<section id=\"references\"><h2>Referenced documents</h2>\n<p class=\"note\">%zu "
                "document%s cited, most cited first, with the stance each citing document "
                "takes.</p>\n",
                n, n == 1 ? "" : "s");
  dg_buf_adds(b, "<table class=\"references\"><thead><tr><th>Document</th><th>Kind</th>"
                 "<th>Cited by</th><th>Citing documents</th></tr></thead><tbody>\n");
  for (size_t r = 0; r < n; r++) {
    int i = c[r].node;
    const dg_view_node *vn = &v->nodes[i];
    dg_buf_printf(b, "<tr class=\"reference\" id=\"r-n%d\"><td>", i + 1);
    named(b, vn->n);
    dg_buf_adds(b, "</td>");
    kind_cell(pg, vn);
    dg_buf_printf(b, "<td class=\"num\">%zu</td><td>", c[r].by);
    /* in_facts are sorted by subject, then property: one entry per subject */
    int last = -1;
    size_t shown = 0;
    for (size_t k = v->in_start[i]; k < v->in_start[i + 1]; k++) {
      const dg_view_fact *x = &v->facts[v->in_facts[k]];
      if (!is_reference(x->pred)) continue;
      if (x->subj != last && shown == LIST_MAX) break;
      if (x->subj != last) {
        if (last >= 0) dg_buf_adds(b, ")</span><br>");
        entity(pg, x->subj);
        dg_buf_adds(b, " <span class=\"muted\">(");
        shown++;
      } else {
        dg_buf_adds(b, ", ");
      }
      esc(b, dg_view_pred_label(v, x->pred));
      last = x->subj;
    }
    if (last >= 0) dg_buf_adds(b, ")</span>");
    more(b, c[r].by);
    dg_buf_adds(b, "</td></tr>\n");
  }
  dg_buf_adds(b, "</tbody></table>\n</section>\n");
  free(c);
}

static void write_programmes(page *pg) {
  const dg_view *v = pg->v;
  dg_buf *b = pg->b;
  size_t n = 0;
  for (size_t i = 0; i < v->nnodes; i++) n += is_programme_or_body(&v->nodes[i]);
  dg_buf_printf(b,
                "<section id=\"programmes\"><h2>Programmes and bodies</h2>\n<p class=\"note\">%zu "
                "programme%s, bod%s, forums and working groups the documents name.</p>\n",
                n, n == 1 ? "" : "s", n == 1 ? "y" : "ies");
  dg_buf_adds(b, "<table class=\"programmes\"><thead><tr><th>Name</th><th>Kind</th>"
                 "<th>Also called</th><th>Named by</th></tr></thead><tbody>\n");
  /* programmes, then bodies, each by name */
  cited *c = dg_xmalloc((n ? n : 1) * sizeof *c);
  size_t m = 0;
  for (size_t i = 0; i < v->nnodes; i++)
    if (is_programme_or_body(&v->nodes[i]))
      c[m++] = (cited){(v->nodes[i].classes & DG_C_PROGRAMME) != 0, v->nodes[i].n->label, (int)i};
  qsort(c, m, sizeof *c, cmp_cited);
  for (size_t r = 0; r < m; r++) {
      size_t i = (size_t)c[r].node;
      const dg_view_node *vn = &v->nodes[i];
      dg_buf_printf(b, "<tr class=\"programme\" id=\"p-n%zu\"><td>", i + 1);
      named(b, vn->n);
      dg_buf_adds(b, "</td>");
      kind_cell(pg, vn);
      dg_buf_adds(b, "<td>");
      size_t shown = 0;
      for (size_t a = 0; a < vn->n->acronyms.n && shown < 8; a++, shown++) {
        if (shown) dg_buf_adds(b, ", ");
        dg_buf_adds(b, "<b>");
        esc(b, vn->n->acronyms.v[a]);
        dg_buf_adds(b, "</b>");
      }
      for (size_t a = 0; a < vn->n->names.n && shown < 8; a++) {
        if (!strcmp(vn->n->names.v[a], vn->n->label) ||
            dg_strvec_find(&vn->n->acronyms, vn->n->names.v[a]) >= 0)
          continue;
        if (shown++) dg_buf_adds(b, ", ");
        esc(b, vn->n->names.v[a]);
      }
      dg_buf_adds(b, "</td><td>");
      related(pg, (int)i, ~0u, 1);
      dg_buf_adds(b, "</td></tr>\n");
    }
  free(c);
  dg_buf_adds(b, "</tbody></table>\n</section>\n");
}

/* Edges in page order: by source document, then evidence position. */
typedef struct edge_key {
  int doc;
  int no_evidence;
  size_t begin, end, edge;
} edge_key;

static int cmp_edge(const void *a, const void *b) {
  const edge_key *x = a, *y = b;
  if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
  if (x->no_evidence != y->no_evidence) return x->no_evidence < y->no_evidence ? -1 : 1;
  if (x->begin != y->begin) return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return (x->edge > y->edge) - (x->edge < y->edge);
}

static void literal(dg_buf *b, const dg_edge *e) {
  if (e->lt == DG_L_BOOLEAN) dg_buf_adds(b, !strcmp(e->lit, "true") || !strcmp(e->lit, "1") ? "yes" : "no");
  else esc(b, e->lit);
}

static void write_sources(page *pg, const size_t *order, size_t n) {
  const dg_view *v = pg->v;
  dg_buf *b = pg->b;
  size_t *count = dg_xcalloc(v->nnodes ? v->nnodes : 1, sizeof *count);
  size_t ndocs = 0;
  for (size_t i = 0; i < n; i++) {
    int d = dg_view_of(v, pg->edges[order[i]].doc);
    if (d >= 0) count[d]++;
  }
  for (size_t i = 0; i < v->nnodes; i++) ndocs += v->nodes[i].is_source;
  dg_buf_printf(b,
                "<section id=\"sources\"><h2>Source documents</h2>\n<p class=\"note\">%zu "
                "document%s read.</p>\n",
                ndocs, ndocs == 1 ? "" : "s");
  dg_buf_adds(b, "<table class=\"sources\"><thead><tr><th>File</th><th>Title</th><th>Kind</th>"
                 "<th>Facts</th><th>Reports on</th></tr></thead><tbody>\n");
  for (size_t i = 0; i < v->nnodes; i++) {
    const dg_view_node *vn = &v->nodes[i];
    if (!vn->is_source) continue;
    dg_buf_printf(b, "<tr class=\"source\"><td><a href=\"#f-n%zu\">", i + 1);
    esc(b, vn->file ? vn->file : vn->n->key);
    dg_buf_adds(b, "</a></td><td>");
    named(b, vn->n);
    dg_buf_adds(b, "</td>");
    kind_cell(pg, vn);
    dg_buf_printf(b, "<td class=\"num\">%zu</td><td>", count[i]);
    related(pg, (int)i, 1u << DG_P_REPORTSON | 1u << DG_P_ADOPTEDAT, 0);
    dg_buf_adds(b, "</td></tr>\n");
  }
  dg_buf_adds(b, "</tbody></table>\n</section>\n");
  free(count);
}

static void sentence_id(dg_buf *b, int doc, const dg_edge *e) {
  dg_buf_printf(b, "s%d-%zu-%zu", doc + 1, e->ev_begin, e->ev_end);
}

/* Per source document: its facts, each linking to its evidence sentence,
 * then those sentences with their offsets. */
static void write_facts(page *pg, const size_t *order, size_t n) {
  const dg_view *v = pg->v;
  dg_buf *b = pg->b;
  dg_buf_printf(b,
                "<section id=\"facts\"><h2>Facts and their evidence</h2>\n<p class=\"note\">%zu "
                "fact%s as the documents state them; each links to the sentence it comes from "
                "(character offsets count Unicode code points from the start of the document's "
                "text).</p>\n",
                n, n == 1 ? "" : "s");
  size_t limit = n < FACT_ROWS_MAX ? n : FACT_ROWS_MAX;
  for (size_t i = 0; i < limit;) {
    int d = dg_view_of(v, pg->edges[order[i]].doc);
    size_t j = i;
    while (j < limit && dg_view_of(v, pg->edges[order[j]].doc) == d) j++;
    const dg_view_node *dn = d >= 0 ? &v->nodes[d] : NULL;
    const char *file = dn ? (dn->file ? dn->file : dn->n->key) : "?";
    dg_buf_printf(b, "<h3 id=\"f-n%d\">", d + 1);
    esc(b, file);
    if (dn && strcmp(dn->n->label, file)) {
      dg_buf_adds(b, " <span class=\"muted\">&#8212; ");
      esc(b, dn->n->label);
      dg_buf_adds(b, "</span>");
    }
    dg_buf_adds(b, "</h3>\n<table class=\"facts\"><thead><tr><th>Subject</th><th>Property</th>"
                   "<th>Object</th><th>Evidence</th></tr></thead><tbody>\n");
    for (size_t k = i; k < j; k++) {
      const dg_edge *e = &pg->edges[order[k]];
      int s = dg_view_of(v, e->subj), o = e->obj >= 0 ? dg_view_of(v, e->obj) : -1;
      if (s < 0) continue;
      dg_buf_adds(b, "<tr class=\"fact\"><td>");
      entity(pg, s);
      dg_buf_adds(b, "</td><td>");
      esc(b, dg_view_pred_label(v, e->pred));
      dg_buf_adds(b, "</td><td>");
      if (o >= 0) entity(pg, o);
      else if (e->lit) literal(b, e);
      dg_buf_adds(b, "</td><td class=\"ev\">");
      if (e->ev_text) {
        dg_buf_adds(b, "<a href=\"#");
        sentence_id(b, d, e);
        dg_buf_printf(b, "\">chars %zu&#8211;%zu</a>", e->ev_begin, e->ev_end);
      } else {
        dg_buf_adds(b, "<span class=\"muted\">&#8212;</span>");
      }
      dg_buf_adds(b, "</td></tr>\n");
    }
    dg_buf_adds(b, "</tbody></table>\n<ol class=\"sentences\">\n");
    for (size_t k = i; k < j; k++) {
      const dg_edge *e = &pg->edges[order[k]];
      if (!e->ev_text) continue;
      if (k > i) {
        const dg_edge *p = &pg->edges[order[k - 1]];
        if (p->ev_text && p->ev_begin == e->ev_begin && p->ev_end == e->ev_end) continue;
      }
      dg_buf_adds(b, "<li class=\"sentence\" id=\"");
      sentence_id(b, d, e);
      dg_buf_adds(b, "\"><span class=\"where\">");
      esc(b, file);
      dg_buf_printf(b, " &#183; chars %zu&#8211;%zu</span>", e->ev_begin, e->ev_end);
      esc(b, e->ev_text);
      dg_buf_adds(b, "</li>\n");
    }
    dg_buf_adds(b, "</ol>\n");
    i = j;
  }
  if (limit < n)
    dg_buf_printf(b,
                  "<p class=\"note\" id=\"facts-more\">%zu more facts are not listed here, to "
                  "keep the page light: they are in graph.nq, their evidence in evidence.nq "
                  "(<code>diplograph query</code> asks both).</p>\n",
                  n - limit);
  dg_buf_adds(b, "</section>\n");
}

static void write_page(page *pg, const char *outdir, const dg_build_opts *o,
                       const dg_build_stats *st) {
  const dg_view *v = pg->v;
  dg_buf *b = pg->b;
  size_t nsrc = 0, nev = 0;
  for (size_t i = 0; i < v->nnodes; i++) {
    const dg_view_node *vn = &v->nodes[i];
    nsrc += vn->is_source;
    nev += dg_view_is_event(vn);
    /* where each entity's row is, for links (a source's facts first) */
    pg->anchor[i] = vn->is_source ? 'f'
                    : dg_view_is_event(vn) ? 'e'
                    : is_referenced(v, i)  ? 'r'
                    : is_programme_or_body(vn) ? 'p'
                                               : 0;
  }
  /* the page order of facts: by document, then position in it */
  edge_key *keys = dg_xmalloc((pg->nedges ? pg->nedges : 1) * sizeof *keys);
  size_t n = 0;
  for (size_t i = 0; i < pg->nedges; i++) {
    const dg_edge *e = &pg->edges[i];
    if (dg_view_of(v, e->subj) < 0) continue;
    keys[n++] = (edge_key){dg_view_of(v, e->doc), !e->ev_text, e->ev_begin, e->ev_end, i};
  }
  qsort(keys, n, sizeof *keys, cmp_edge);
  size_t *order = dg_xmalloc((n ? n : 1) * sizeof *order);
  for (size_t i = 0; i < n; i++) order[i] = keys[i].edge;
  free(keys);

  dg_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>diplograph report</title>\n<style>");
  dg_buf_adds(b, css);
  dg_buf_adds(b, "</style>\n</head>\n<body>\n<header><h1>diplograph report</h1><p>");
  dg_buf_printf(b, "%zu source document%s &#183; %zu entities &#183; %zu events &#183; %zu facts",
                nsrc, nsrc == 1 ? "" : "s", v->nnodes, nev, n);
  dg_buf_adds(b, "</p></header>\n<nav><a href=\"#diagram\">Diagram</a><a href=\"#timeline\">"
                 "Timeline</a><a href=\"#references\">Referenced documents</a><a "
                 "href=\"#programmes\">Programmes and bodies</a><a href=\"#sources\">Sources</a>"
                 "<a href=\"#facts\">Facts and evidence</a></nav>\n<main>\n");
  write_diagram(pg, outdir, st, o);
  write_timeline(pg);
  write_references(pg);
  write_programmes(pg);
  write_sources(pg, order, n);
  write_facts(pg, order, n);
  dg_buf_adds(b, "</main>\n</body>\n</html>\n");
  free(order);
}

int dg_export_html(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err) {
  int rc = 0;
  dg_view *v = dg_view_new(g, dg_build_ontology_dir(o->ontology_dir));
  dg_outfile out = {0};
  dg_buf path, text;
  dg_buf_init(&path), dg_buf_init(&text);
  dg_buf_printf(&path, "%s/index.html", outdir);
  page pg = {v, NULL, 0, dg_xcalloc(v->nnodes ? v->nnodes : 1, 1), &text};
  pg.edges = dg_graph_edges(g, &pg.nedges);
  write_page(&pg, outdir, o, st);
  if ((rc = dg_outfile_open(&out, path.data, err)) < 0) goto cleanup;
  if (fwrite(text.data, 1, text.len, out.fp) != text.len) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: %s", path.data, strerror(errno));
    goto cleanup;
  }
  if ((rc = dg_outfile_commit(&out, err)) < 0) goto cleanup;
  dg_export_note_written(st, "index.html");
cleanup:
  dg_outfile_abort(&out);
  free(pg.anchor);
  dg_buf_free(&path), dg_buf_free(&text);
  dg_view_free(v);
  return rc;
}
