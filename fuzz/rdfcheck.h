/* rdfcheck: test-side checks that an RDF output is well-formed, shared by
 * the fuzz targets (fuzz/) and tests/test_hostile.c. Header-only so that it
 * never enters the shipped library.
 *
 * rdfcheck_count() parses a file back with raptor's own parser and counts its
 * statements (the count must equal what was serialized: nothing lost, nothing
 * split); rdfcheck_iri_ok() checks an IRI against the N-Triples IRIREF
 * grammar (a scheme; no space, control character or <>"{}|^`\ ; % only
 * before two hex digits). */
#ifndef DG_RDFCHECK_H
#define DG_RDFCHECK_H

#include <ctype.h>
#include <raptor2.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dg_export_rdf.h"
#include "dg_graph.h"

/* raptor 2.0.15's N-Triples/N-Quads parser leaks the datatype URI of every
 * typed literal it reads (`valgrind rapper -i nquads` on one typed literal
 * shows it). That leak is the checker's, not ours, so LeakSanitizer is told
 * to ignore allocations made while the checker parses (weak symbols: present
 * only in sanitized builds). */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

typedef struct rdfcheck_ctx {
  long statements;
  int errors;
  char msg[512];
} rdfcheck_ctx;

static void rdfcheck_stmt(void *user, raptor_statement *st) {
  (void)st;
  ((rdfcheck_ctx *)user)->statements++;
}

static void rdfcheck_log(void *user, raptor_log_message *m) {
  rdfcheck_ctx *c = user;
  if (m->level < RAPTOR_LOG_LEVEL_WARN) return;
  if (!c->errors++)
    snprintf(c->msg, sizeof c->msg, "line %d: %s", m->locator ? m->locator->line : -1,
             m->text ? m->text : "?");
}

/* Statements in the file, or -1 on any parse error or warning (msg says which). */
static inline long rdfcheck_count(const char *path, const char *syntax, char *msg, size_t msgsz) {
  rdfcheck_ctx c = {0, 0, ""};
  if (__lsan_disable) __lsan_disable();
  raptor_world *w = raptor_new_world();
  raptor_world_open(w);
  raptor_world_set_log_handler(w, &c, rdfcheck_log);
  raptor_parser *p = raptor_new_parser(w, syntax);
  unsigned char *us = raptor_uri_filename_to_uri_string(path);
  raptor_uri *u = raptor_new_uri(w, us);
  raptor_parser_set_statement_handler(p, &c, rdfcheck_stmt);
  if (raptor_parser_parse_file(p, u, u) && !c.errors) c.errors = 1, snprintf(c.msg, sizeof c.msg, "parse failed");
  raptor_free_uri(u);
  raptor_free_memory(us);
  raptor_free_parser(p);
  raptor_free_world(w);
  if (__lsan_enable) __lsan_enable();
  if (msg) snprintf(msg, msgsz, "%s", c.msg);
  return c.errors ? -1 : c.statements;
}

static inline int rdfcheck_iri_ok(const char *iri) {
  const char *colon = strchr(iri, ':');
  if (!colon || colon == iri) return 0;
  for (const char *p = iri; p < colon; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
          (p > iri && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))))
      return 0;
  for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
    if (*p <= 0x20 || strchr("<>\"{}|^`\\", *p)) return 0;
    else if (*p == '%' && !(isxdigit(p[1]) && isxdigit(p[2]))) return 0;
  return 1;
}

/* Adds one entity per name to r, each of a different kind and with a
 * different set of classes, keyed and named by the name itself; links each
 * to the one before (rotating predicates), gives it the name as a string
 * literal and as an acronym, and makes the name its evidence sentence.
 * Whatever the strings, what comes out must still be valid RDF. */
static inline void rdfcheck_add_names(dg_result *r, char *const *names, size_t n) {
  int prev = 0;
  size_t off = 0;
  for (size_t i = 0; i < n; i++) {
    const char *nm = names[i];
    size_t len = strlen(nm), cps = dg_utf8_count(nm, len);
    dg_kind kind = (dg_kind)(1 + i % (DG_K__N - 1));
    int e = dg_result_entity(r, kind, nm, nm);
    r->ents[e].classes |= 1u << (i % DG_C__COUNT);
    dg_result_acronym(r, e, nm);
    int span = dg_result_span(r, off, off + cps, nm, len);
    off += cps + 1;
    dg_result_fact(r, e, (dg_pred)(i % DG_P__N), prev, span);
    dg_result_literal(r, e, DG_P_MENTIONS, DG_L_STRING, nm, span);
    prev = e;
  }
}

/* Exports g's three RDF files into dir (graph.nq, graph.ttl, evidence.nq),
 * parses each back and checks every IRI term. 0 if all is well; otherwise -1
 * and a one-line reason in msg. */
static inline int rdfcheck_graph(const dg_graph *g, const char *dir, char *msg, size_t msgsz) {
  static const struct {
    const char *file, *syntax;
    dg_table table;
  } outs[] = {{"graph.nq", "nquads", DG_TABLE_FACTS},
              {"graph.ttl", "turtle", DG_TABLE_UNION},
              {"evidence.nq", "nquads", DG_TABLE_EVIDENCE}};
  for (size_t i = 0; i < dg_graph_nterms(g); i++) {
    const dg_term *t = dg_graph_term(g, (uint32_t)i);
    if (t->kind == DG_TERM_IRI && !rdfcheck_iri_ok(t->value)) {
      snprintf(msg, msgsz, "invalid IRI minted: <%s>", t->value);
      return -1;
    }
  }
  for (size_t k = 0; k < sizeof outs / sizeof *outs; k++) {
    char path[4096], why[512];
    dg_error err;
    size_t want;
    snprintf(path, sizeof path, "%s/%s", dir, outs[k].file);
    if (dg_export_raptor(g, outs[k].table, outs[k].syntax, path, &err) < 0) {
      snprintf(msg, msgsz, "%s: export: %.400s", outs[k].file, err.msg);
      return -1;
    }
    if (outs[k].table == DG_TABLE_FACTS) dg_graph_quads(g, &want);
    else if (outs[k].table == DG_TABLE_UNION) dg_graph_union(g, &want);
    else dg_graph_evidence(g, &want);
    long got = rdfcheck_count(path, outs[k].syntax, why, sizeof why);
    if (got < 0) {
      snprintf(msg, msgsz, "%s does not parse: %s", outs[k].file, why);
      return -1;
    }
    if ((size_t)got != want) {
      snprintf(msg, msgsz, "%s: %ld statements parsed, %zu written", outs[k].file, got, want);
      return -1;
    }
  }
  return 0;
}

/* Removes what rdfcheck_graph wrote into dir, and dir if then empty. */
static inline void rdfcheck_cleanup(const char *dir) {
  static const char *const files[] = {"graph.nq", "graph.ttl", "evidence.nq"};
  char p[4096];
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, files[i]);
    unlink(p);
  }
  rmdir(dir);
}

#endif
