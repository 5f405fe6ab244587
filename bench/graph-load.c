/* graph-load: the build pipeline on one thread, timed stage by stage.
 *
 * Benchmark helper for scripts/bench, not part of diplograph. `diplograph
 * build -v` times extraction, graph and writing as wholes; this program runs
 * the same library calls in order (read, extract, dg_graph_add, finalize,
 * then each RDF file through dg_export_*) and prints one "key value" line
 * per stage and per file, so each file's cost can be set next to rapper's.
 *
 * --synthetic replaces the extractor by a stand-in that makes a fact per
 * capitalised phrase of every sentence (a "mention" from the document, with
 * the sentence as evidence), an entity-to-entity fact per adjacent pair of
 * phrases and a date literal per year: a graph with the shape extraction
 * gives (many distinct entities, evidence on every fact) and a known,
 * stable size, to measure the graph and the writers while the real
 * extractor is still small or changing.
 *
 * usage: graph-load [--synthetic] OUT_DIR INPUT...
 * Ownership: everything is freed before exit (it runs clean under ASan). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dg_build.h"
#include "dg_doc.h"
#include "dg_export_rdf.h"
#include "dg_extract.h"
#include "dg_graph.h"
#include "dg_sentence.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const dg_kind kinds[] = {DG_K_ORG, DG_K_COUNTRY, DG_K_BODY, DG_K_PROGRAMME,
                                DG_K_PLACE, DG_K_PERSON, DG_K_EVENT, DG_K_SERIES};
static const unsigned classes[] = {DG_C_ORG, DG_C_COUNTRY, DG_C_BODY, DG_C_PROGRAMME,
                                   DG_C_PLACE, DG_C_PERSON, DG_C_EVENT, DG_C_SERIES};
static const dg_pred rels[] = {DG_P_COCHAIR, DG_P_REFERENCES, DG_P_VENUE, DG_P_WELCOMES,
                               DG_P_NOTES, DG_P_INSERIES};

/* Capitalised phrases of a sentence: runs of words starting with a capital,
 * joined by single spaces; "of"/"and"/"the" inside a run are kept. */
static void phrases(const char *s, size_t n, dg_strvec *out) {
  dg_buf cur;
  dg_buf_init(&cur);
  size_t i = 0;
  while (i <= n) {
    size_t b = i;
    while (i < n && !isspace((unsigned char)s[i])) i++;
    size_t wl = i - b;
    while (wl && strchr(",.;:()\"", s[b + wl - 1])) wl--;
    int cap = wl > 1 && isupper((unsigned char)s[b]);
    int joiner = cur.len && (wl == 2 || wl == 3) &&
                 (!strncmp(s + b, "of", wl) || !strncmp(s + b, "and", wl) || !strncmp(s + b, "the", wl));
    if (cap || joiner) {
      if (cur.len) dg_buf_addc(&cur, ' ');
      dg_buf_add(&cur, s + b, wl);
    }
    if ((!cap && !joiner) || i >= n || wl < i - b) {
      if (cur.len && cur.len > 3) dg_strvec_push(out, cur.data);
      dg_buf_reset(&cur);
    }
    i++;
  }
  dg_buf_free(&cur);
}

static dg_result *synth(const dg_doc *doc) {
  char *key = dg_extract_doc_key(doc->name);
  dg_result *r = dg_result_new(doc->name, key);
  free(key);
  r->ents[0].classes |= DG_C_STATEMENT;
  dg_sent *ss = NULL;
  size_t ns = dg_sentence_split(doc->text, doc->len, &ss);
  dg_buf k;
  dg_buf_init(&k);
  for (size_t i = 0; i < ns; i++) {
    const char *t = doc->text + ss[i].begin;
    size_t len = ss[i].end - ss[i].begin;
    size_t cb = dg_utf8_count(doc->text, ss[i].begin);
    int span = dg_result_span(r, cb, cb + dg_utf8_count(t, len), t, len);
    dg_strvec ph;
    dg_strvec_init(&ph);
    phrases(t, len, &ph);
    int prev = -1;
    for (size_t j = 0; j < ph.n; j++) {
      uint64_t h = dg_hash(ph.v[j], strlen(ph.v[j]));
      size_t kk = h % (sizeof kinds / sizeof *kinds);
      dg_buf_reset(&k);
      for (const char *p = ph.v[j]; *p; p++) dg_buf_addc(&k, (char)tolower((unsigned char)*p));
      int e = dg_result_entity(r, kinds[kk], k.data, ph.v[j]);
      r->ents[e].classes |= classes[kk];
      dg_result_fact(r, 0, DG_P_MENTIONS, e, span);
      if (prev >= 0 && prev != e) dg_result_fact(r, prev, rels[h % (sizeof rels / sizeof *rels)], e, span);
      prev = e;
    }
    for (size_t j = 0; j + 4 <= len; j++)
      if ((t[j] == '1' || t[j] == '2') && isdigit((unsigned char)t[j + 1]) &&
          isdigit((unsigned char)t[j + 2]) && isdigit((unsigned char)t[j + 3]) &&
          (j + 4 == len || !isdigit((unsigned char)t[j + 4])) && (j == 0 || !isdigit((unsigned char)t[j - 1]))) {
        char y[5];
        memcpy(y, t + j, 4), y[4] = '\0';
        dg_result_literal(r, 0, DG_P_DATE, DG_L_GYEAR, y, span);
      }
    dg_strvec_free(&ph);
  }
  dg_buf_free(&k);
  free(ss);
  return r;
}

static int write_one(const dg_graph *g, const char *dir, const char *name,
                     int (*fn)(const dg_graph *, const char *, dg_error *), double *t) {
  dg_buf p;
  dg_buf_init(&p);
  dg_buf_printf(&p, "%s/%s", dir, name);
  dg_error err;
  dg_error_clear(&err);
  double t0 = now();
  int rc = fn(g, p.data, &err);
  *t = now() - t0;
  if (rc < 0) fprintf(stderr, "graph-load: %s\n", err.msg);
  dg_buf_free(&p);
  return rc;
}

int main(int argc, char **argv) {
  int synthetic = argc > 1 && !strcmp(argv[1], "--synthetic");
  argv += synthetic, argc -= synthetic;
  if (argc < 3) {
    fprintf(stderr, "usage: graph-load [--synthetic] OUT_DIR INPUT...\n");
    return 2;
  }
  int rc = 0;
  dg_strvec files;
  dg_strvec_init(&files);
  dg_lexicon *lx = NULL;
  dg_error err;
  dg_error_clear(&err);
  if (!synthetic && dg_lexicon_load(dg_build_ontology_dir(NULL), &lx, &err) < 0) {
    fprintf(stderr, "graph-load: %s\n", err.msg);
    return 1;
  }
  dg_doc_list_inputs(argv + 2, (size_t)(argc - 2), &files, NULL, NULL);
  dg_graph *g = dg_graph_new(NULL);
  double t_extract = 0, t_add = 0, t0;
  size_t bytes = 0;
  for (size_t i = 0; i < files.n; i++) {
    dg_doc *doc = NULL;
    if (dg_doc_read(files.v[i], &doc, &err) < 0) {
      fprintf(stderr, "graph-load: %s\n", err.msg);
      rc = 1;
      break;
    }
    bytes += doc->len;
    t0 = now();
    dg_result *r = NULL;
    if (synthetic) r = synth(doc);
    else if (dg_extract_doc(lx, doc, &r, &err) < 0) {
      fprintf(stderr, "graph-load: %s\n", err.msg);
      dg_doc_free(doc);
      continue;
    }
    t_extract += now() - t0;
    t0 = now();
    if (dg_graph_add(g, r, &err) < 0) fprintf(stderr, "graph-load: %s\n", err.msg), rc = 1;
    t_add += now() - t0;
    dg_result_free(r);
    dg_doc_free(doc);
  }
  t0 = now();
  dg_graph_finalize(g);
  double t_fin = now() - t0, t_nq = 0, t_ttl = 0, t_ev = 0;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  long rss_graph = ru.ru_maxrss;
  if (!rc && (write_one(g, argv[1], "graph.nq", dg_export_nquads, &t_nq) < 0 ||
              write_one(g, argv[1], "graph.ttl", dg_export_turtle, &t_ttl) < 0 ||
              write_one(g, argv[1], "evidence.nq", dg_export_evidence, &t_ev) < 0))
    rc = 1;
  size_t ne, nq, nev, nn;
  dg_graph_edges(g, &ne);
  dg_graph_quads(g, &nq);
  dg_graph_evidence(g, &nev);
  dg_graph_nodes(g, &nn);
  getrusage(RUSAGE_SELF, &ru);
  printf("docs %zu\nbytes %zu\nnodes %zu\nfacts %zu\nquads %zu\nevidence_quads %zu\n", files.n,
         bytes, nn, ne, nq, nev);
  printf("t_extract %.3f\nt_add %.3f\nt_finalize %.3f\nt_nq %.3f\nt_ttl %.3f\nt_evidence %.3f\n",
         t_extract, t_add, t_fin, t_nq, t_ttl, t_ev);
  printf("maxrss_graph_kb %ld\nmaxrss_kb %ld\n", rss_graph, ru.ru_maxrss);
  dg_graph_free(g);
  dg_lexicon_free(lx);
  dg_strvec_free(&files);
  return rc;
}
