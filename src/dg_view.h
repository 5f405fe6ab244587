/* dg_view: the graph as people see it, shared by the diagram
 * (dg_export_dot) and the report (dg_export_html).
 *
 * Built from dg_graph_nodes / dg_graph_edges only, never from text:
 *   - the canonical entities (merged aliases resolved) in IRI order, each
 *     with a synthetic id (its index + 1), its class bits, its most specific
 *     class, and the literals it carries (date, ordinal, ...) so that those
 *     are drawn inside the node rather than as separate nodes;
 *   - the distinct facts between entities (subject, property, object),
 *     sorted by subject, property, object, each with the edges (one per
 *     stating document) behind it, and an index of incoming facts;
 *   - the display labels of properties and classes: the ontology's
 *     rdfs:label where it has one, else the local name split into words;
 *     and a colour per class, the same in the diagram and the report;
 *   - a neighbourhood selection (focus, depth, relations, document) for
 *     `diplograph dot`.
 * The text helpers both writers need live here too: reading UTF-8 with bad
 * bytes replaced, and wrapping long labels into a few short lines.
 * Ownership: the view borrows the graph, which must outlive it; it owns its
 * arrays. Literal strings in dg_view_node point into the graph. */
#ifndef DG_VIEW_H
#define DG_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "dg_error.h"
#include "dg_graph.h"

typedef struct dg_view_node {
  int node;            /* index in dg_graph_nodes */
  const dg_node *n;
  unsigned classes;    /* class bits (the kind's class when none is asserted) */
  int cls;             /* most specific class bit index, or -1 */
  const char *date;    /* smallest value of each literal property, or NULL */
  const char *planned;
  const char *issued;
  const char *file;    /* source file name, for documents of this run */
  int ordinal;
  int is_virtual;
  int series;          /* view index of the event's series, or -1 */
  int is_source;       /* a source document of this run */
} dg_view_node;

typedef struct dg_view_fact {
  int subj, obj;       /* view indexes */
  dg_pred pred;
  size_t first, count; /* range of dg_view.fact_edges: the edges stating it */
} dg_view_fact;

typedef struct dg_view {
  const dg_graph *g;
  dg_view_node *nodes;
  size_t nnodes;
  int *index;          /* graph node index -> view index, or -1 */
  dg_view_fact *facts; /* sorted by subject, property, object */
  size_t nfacts;
  size_t *fact_edges;  /* edge indexes, grouped by fact */
  size_t *out_start;   /* facts of node i: facts[out_start[i] .. out_start[i+1]) */
  size_t *in_facts;    /* fact indexes sorted by object */
  size_t *in_start;    /* incoming of node i: in_facts[in_start[i] .. in_start[i+1]) */
  char *pred_labels[DG_P__N];
  char *class_labels[DG_C__COUNT];
} dg_view;

/* Builds the view of a finalized graph. ontology_dir may be NULL or hold no
 * readable diplograph.ttl: labels then come from local names. */
dg_view *dg_view_new(const dg_graph *g, const char *ontology_dir);
void dg_view_free(dg_view *v);

/* View index of a graph node (through merges), or -1. */
int dg_view_of(const dg_view *v, int graph_node);
/* Human label of a property ("co-chair") or of a class bit ("event series"). */
const char *dg_view_pred_label(const dg_view *v, dg_pred p);
const char *dg_view_class_label(const dg_view *v, unsigned bit);
/* The colour that stands for a class (bit index; -1: white), "#rrggbb". */
const char *dg_view_fill(int cls);
/* Is the class bit an event class (Event and its kinds)? */
int dg_view_is_event(const dg_view_node *vn);

/* Finds the view nodes a --focus names: an exact IRI; else a label, name or
 * acronym equal ignoring case; else labels containing it ignoring case.
 * Sets *out to a new array of view indexes, ascending, that the caller
 * frees, and returns how many. */
size_t dg_view_match(const dg_view *v, const char *text, int **out);

/* A part of the view: nodes within depth steps of the focus nodes (all
 * nodes when nfocus is 0), following only facts whose property bit is set
 * in relations (0: all) and, when doc >= 0 (a view index), that this
 * document states. keep_node / keep_fact are caller-allocated arrays of
 * nnodes / nfacts flags. Returns the number of nodes kept. */
size_t dg_view_select(const dg_view *v, const int *focus, size_t nfocus, int depth,
                      unsigned relations, int doc, unsigned char *keep_node,
                      unsigned char *keep_fact);

/* Next code point of a NUL-terminated UTF-8 string, advancing *s; an
 * invalid byte reads as U+FFFD. Returns 0 at the end. */
uint32_t dg_view_next_cp(const char **s);
/* Splits text at white space into at most maxlines lines of at most width
 * code points each; a word longer than a line is cut, and text that does
 * not fit ends in an ellipsis. Returns 1 if the text was shortened. */
int dg_view_wrap(const char *text, size_t width, size_t maxlines, dg_strvec *lines);

#endif
