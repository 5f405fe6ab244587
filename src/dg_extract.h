/* dg_extract: from one document's text to its dg_result (entities + facts).
 *
 * Runs the text stages in order: sentences (dg_sentence), mentions
 * (dg_mention: names, dates, ordinals, acronym definitions, lists), entity
 * resolution within the document (dg_resolve), then the relation rules here.
 * Never formats RDF. Thread-safe: the lexicon is read-only; temporary
 * strings and arrays come from the calling thread's scratch arena
 * (dg_arena_thread), reset at the start and end of each call, and the
 * thread's memos (dg_memo).
 * Ownership: *out belongs to the caller (dg_result_free: a few frees,
 * whichever thread makes them). */
#ifndef DG_EXTRACT_H
#define DG_EXTRACT_H

#include "dg_doc.h"
#include "dg_error.h"
#include "dg_fact.h"
#include "dg_lexicon.h"

int dg_extract_doc(const dg_lexicon *lx, const dg_doc *doc, dg_result **out, dg_error *err);

/* The document key of a file name: its base name without extension. */
char *dg_extract_doc_key(const char *file);

#endif
