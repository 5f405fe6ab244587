/* dg_graph: the in-memory knowledge graph of one run.
 *
 * dg_graph_add() merges one document's dg_result: entities are resolved
 * across documents by (kind, canonical key), so the same key from any file,
 * in any run, is one node. dg_graph_finalize() then settles what needs the
 * whole run (acronyms defined in one document and used alone in another,
 * the canonical label of each entity), mints IRIs and builds two sorted,
 * de-duplicated quad tables over interned terms:
 *   - the facts, each in the named graph of the document that states it;
 *   - the evidence: each fact again in the graph of its sentence
 *     (<doc#char=B,E>), with NIF triples describing that sentence.
 * Exporters read only these tables (and the entity list), never the text.
 * After finalize, term ids follow output order (N-Quads term order), so
 * comparing ids compares terms.
 *
 * Why not a librdf model: interning plus one sort keeps output
 * deterministic and costs a fraction of librdf's per-statement overhead;
 * raptor still serializes every syntax and librdf still loads the stores.
 * Ownership: the graph owns everything it holds; dg_graph_add copies from
 * the result, which the caller still owns. Names, literals, sentences and
 * term values live in one string pool (dg_strpool), each distinct name or
 * sentence once, and are freed with the graph in a few calls. */
#ifndef DG_GRAPH_H
#define DG_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "dg_error.h"
#include "dg_fact.h"

#define DG_NS "https://w3id.org/diplograph/ontology#"
#define DG_DEFAULT_BASE "https://w3id.org/diplograph/id/"
#define DG_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define DG_NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define DG_NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define DG_NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define DG_NS_OWL "http://www.w3.org/2002/07/owl#"
#define DG_NS_PROV "http://www.w3.org/ns/prov#"
#define DG_NS_DCT "http://purl.org/dc/terms/"
#define DG_NS_SCHEMA "http://schema.org/"
#define DG_NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

typedef enum { DG_TERM_IRI = 'I', DG_TERM_LITERAL = 'L' } dg_term_kind;

typedef struct dg_term {
  char kind;            /* DG_TERM_IRI or DG_TERM_LITERAL */
  const char *value;    /* IRI, or literal lexical form (UTF-8); in the graph's pool */
  const char *datatype; /* literal datatype IRI (static string) or NULL */
  const char *lang;     /* literal language tag (static string) or NULL */
} dg_term;

typedef struct dg_quad {
  uint32_t s, p, o, g;
} dg_quad;

/* An entity of the merged graph, for exporters that draw or list things. */
typedef struct dg_node {
  dg_kind kind;
  char *key;
  char *iri;
  char *label;
  unsigned classes;     /* union over documents */
  dg_strvec names;      /* every name seen, any document */
  int *name_counts;
  dg_strvec acronyms;
  char *gaz_label;
  char *wikidata;
  int series;           /* node index or -1 */
  int ordinal;
  int acr_only;
  int alias_of;         /* -1, or the node this one was merged into */
  dg_strvec keys;       /* numbered events: "SERIES#N", "SERIES 2016" handles */
} dg_node;

/* A fact of the merged graph. */
typedef struct dg_edge {
  int doc;              /* node index of the source document */
  int subj;
  dg_pred pred;
  int obj;              /* node index, or -1 for a literal */
  dg_lit lt;
  const char *lit;      /* literal object or NULL; in the graph's pool */
  size_t ev_begin, ev_end;
  const char *ev_text;  /* evidence sentence, or NULL; one copy per distinct
                           sentence, owned by the graph */
  uint32_t lit_id, ev_id; /* lit and ev_text as ids of the graph's pool */
} dg_edge;

typedef struct dg_graph dg_graph;

dg_graph *dg_graph_new(const char *base_iri);
void dg_graph_free(dg_graph *g);
/* Merges a document's result. Returns 0, or DG_ERR_INPUT if a document with
 * the same name was already added (the message names both inputs by r->path). */
int dg_graph_add(dg_graph *g, const dg_result *r, dg_error *err);
void dg_graph_finalize(dg_graph *g);
/* Same, sorting the quad tables on up to threads threads (same result). */
void dg_graph_finalize_threads(dg_graph *g, int threads);

/* Output order of terms: kind (IRI before literal), value, datatype,
 * language, bytewise. After finalize, id order is this order. */
int dg_term_cmp(const dg_term *x, const dg_term *y);

const char *dg_graph_base(const dg_graph *g);
size_t dg_graph_nterms(const dg_graph *g);
const dg_term *dg_graph_term(const dg_graph *g, uint32_t id);
const dg_quad *dg_graph_quads(const dg_graph *g, size_t *n);
const dg_quad *dg_graph_evidence(const dg_graph *g, size_t *n);
/* The union graph: distinct triples over all documents (g fields meaningless). */
const dg_quad *dg_graph_union(const dg_graph *g, size_t *n);
const dg_node *dg_graph_nodes(const dg_graph *g, size_t *n);
const dg_edge *dg_graph_edges(const dg_graph *g, size_t *n);
size_t dg_graph_ndocs(const dg_graph *g);

/* Resolves a node index through merges. */
int dg_graph_canonical(const dg_graph *g, int node);

/* Writes an IRI-safe slug of key into out: lower-case ASCII letters and
 * digits, other runs folded to '-', non-ASCII percent-encoded. */
void dg_slug(const char *key, dg_buf *out);

#endif
