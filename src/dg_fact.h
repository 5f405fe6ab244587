/* dg_fact: what extraction produces for one document, before any RDF.
 *
 * A dg_result holds the document's entities (each with a kind, a canonical
 * key and every surface name seen) and its facts (subject, predicate, object
 * entity or typed literal, and the evidence sentence). Facts never hold raw
 * entity strings, only entity indexes; the graph stage turns keys into IRIs.
 * Entity 0 is always the source document itself.
 * Ownership: the result owns all entities, facts and strings in it. Every
 * string, and every entity's names/acronyms/variants array, lives in the
 * result's arena, so dg_result_free is a handful of free() calls whichever
 * thread makes them; add to those lists only through dg_result_name,
 * dg_result_acronym and dg_result_variant (never dg_strvec_push/free), and
 * copy strings in with dg_result_strdup. */
#ifndef DG_FACT_H
#define DG_FACT_H

#include <stddef.h>

#include "dg_arena.h"
#include "dg_str.h"

typedef enum {
  DG_K_DOC, DG_K_EVENT, DG_K_SERIES, DG_K_ORG, DG_K_COUNTRY, DG_K_BODY, DG_K_PROGRAMME,
  DG_K_PLACE, DG_K_PERSON, DG_K_TERM, DG_K__N
} dg_kind;

/* IRI path segment of a kind: "doc", "event", ... */
const char *dg_kind_name(dg_kind k);

/* Class bits: an entity may carry several (a ministerial conference is both a
 * body and an event series). */
enum {
  DG_C_DOCUMENT = 1u << 0, DG_C_STATEMENT = 1u << 1, DG_C_REPORT = 1u << 2,
  DG_C_RESOLUTION = 1u << 3, DG_C_POLICY = 1u << 4, DG_C_EVENT = 1u << 5,
  DG_C_DIALOGUE = 1u << 6, DG_C_SUMMIT = 1u << 7, DG_C_MEETING = 1u << 8,
  DG_C_CONFERENCE = 1u << 9, DG_C_SERIES = 1u << 10, DG_C_ORG = 1u << 11,
  DG_C_COUNTRY = 1u << 12, DG_C_BODY = 1u << 13, DG_C_PROGRAMME = 1u << 14,
  DG_C_PLACE = 1u << 15, DG_C_PERSON = 1u << 16, DG_C_TERM = 1u << 17
};
#define DG_C__COUNT 18
/* Local name in the dg: namespace of class bit i ("Document", ...). */
const char *dg_class_name(unsigned bit_index);

typedef enum {
  DG_P_INSERIES, DG_P_ORDINAL, DG_P_DATE, DG_P_PLANNEDDATE, DG_P_VENUE, DG_P_VIRTUAL,
  DG_P_COCHAIR, DG_P_REPORTSON, DG_P_ADOPTEDAT, DG_P_REFERENCES, DG_P_RECALLS,
  DG_P_REAFFIRMS, DG_P_WELCOMES, DG_P_ACKNOWLEDGES, DG_P_NOTES, DG_P_MENTIONS,
  DG_P_PLANNEDNEXT, DG_P_ISSUED, DG_P__N
} dg_pred;

/* Full IRI of a predicate. */
const char *dg_pred_iri(dg_pred p);
/* Short name, e.g. "coChair" (dcterms:issued gives "issued"). */
const char *dg_pred_name(dg_pred p);

typedef enum {
  DG_L_NONE, DG_L_INTEGER, DG_L_DATE, DG_L_GYEARMONTH, DG_L_GYEAR, DG_L_BOOLEAN, DG_L_STRING
} dg_lit;

typedef struct dg_entity {
  dg_kind kind;
  char *key;          /* canonical key, unique per kind; IRIs derive from it */
  unsigned classes;   /* DG_C_* bits asserted by this document */
  dg_strvec names;    /* every surface name seen, first seen first */
  dg_strvec acronyms; /* acronyms defined or used for it */
  dg_strvec variants; /* forms derived from the names (partners swapped,
                         "SERIES#N"): alternative labels, never the label */
  char *label;        /* canonical label from a gazetteer, or NULL */
  char *wikidata;     /* Q-id from a gazetteer, or NULL */
  int series;         /* events: entity index of the series, or -1 */
  int ordinal;        /* events: number in the series, or 0 */
  int acr_only;       /* known only by an acronym this document does not define */
  int replaced;       /* events: superseded by another entity (left out) */
} dg_entity;

typedef struct dg_fact {
  int subj;
  dg_pred pred;
  int obj;            /* entity index, or -1 when the object is a literal */
  dg_lit lt;
  char *lit;
  int span;           /* evidence sentence index into dg_result.spans, or -1 */
} dg_fact;

typedef struct dg_span {
  size_t begin, end;  /* code point offsets into the document text */
  char *text;
} dg_span;

typedef struct dg_result {
  char *file;         /* base name of the source file */
  char *path;         /* the input as the user named it, for messages (NULL: file) */
  dg_entity *ents;
  size_t nents, capents;
  dg_fact *facts;
  size_t nfacts, capfacts;
  dg_span *spans;
  size_t nspans, capspans;
  dg_idtab index;     /* (kind, key) -> entity index */
  dg_idtab span_index;/* (begin, end) -> span index */
  dg_arena arena;     /* every string and name list of the result */
} dg_result;

dg_result *dg_result_new(const char *file, const char *doc_key);
void dg_result_free(dg_result *r);
/* Finds or creates the entity (kind, key); adds name (if non-NULL) to its
 * names. Returns its index. */
int dg_result_entity(dg_result *r, dg_kind kind, const char *key, const char *name);
/* The same for a key of known length. */
int dg_result_entity_n(dg_result *r, dg_kind kind, const char *key, size_t keylen, const char *name);
/* Adds a name / acronym / variant to entity e unless it is already there. */
void dg_result_name(dg_result *r, int e, const char *name);
void dg_result_acronym(dg_result *r, int e, const char *acr);
void dg_result_variant(dg_result *r, int e, const char *variant);
/* A copy of s owned by the result (for dg_entity.label and .wikidata). */
char *dg_result_strdup(dg_result *r, const char *s);
int dg_result_find(const dg_result *r, dg_kind kind, const char *key);
/* Adds a fact unless the same (subj, pred, obj/lit) is already there. */
void dg_result_fact(dg_result *r, int subj, dg_pred pred, int obj, int span);
void dg_result_literal(dg_result *r, int subj, dg_pred pred, dg_lit lt, const char *lit, int span);
/* Removes facts matching (subj, pred) with any object. */
void dg_result_drop(dg_result *r, int subj, dg_pred pred);
/* Call after entities were removed or moved: the (kind, key) index is
 * rebuilt (by the next lookup that needs it). */
void dg_result_reindex(dg_result *r);
int dg_result_span(dg_result *r, size_t begin, size_t end, const char *text, size_t len);
int dg_result_has(const dg_result *r, int subj, dg_pred pred, int obj);

#endif
