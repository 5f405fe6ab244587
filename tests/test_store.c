/* test_store: the Redland stores (dg_store) and the query runner (dg_query).
 *
 * Writes the sample graph of tests/export_sample.h into sqlite and BDB
 * hashes stores in a temporary directory and reads every quad back through
 * librdf, context by context: the store must hold exactly the distinct
 * fact and evidence quads of the graph, each in its graph, and the same
 * after a second write. A write that fails (the file size limit makes the
 * disk "full") must leave the previous store byte for byte and no
 * temporary file. Queries must agree between a store and the N-Quads files
 * of the same graph, and each output format must escape what it must.
 * PostgreSQL is covered by tests/cli/store_postgresql.sh, which starts a
 * server. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dg_export_rdf.h"
#include "dg_query.h"
#include "dg_store.h"
#include "export_sample.h"
#include "testhelp.h"

/* Under LeakSanitizer: rasqal 0.9.33 leaks the machinery of queries with
 * subqueries and aggregates (and what it holds), raptor's N-Triples parser
 * the URIs of typed literals. The slow unwinder sees the frames inside the
 * libraries, so only those leaks are suppressed: a Redland object the store
 * or query code forgets to free still fails here (the CLI tests, for speed,
 * suppress whole libraries: tests/lsan-redland.supp). strict_memcmp=0: the
 * BDB hashes storage compares context keys with a memcmp one byte too long,
 * harmless since the keys differ earlier. */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0:strict_memcmp=0"; }
const char *__lsan_default_suppressions(void) {
  return "leak:librasqal.so\nleak:raptor_concepts_init\nleak:rasqal_xsd_init\n"
         "leak:raptor_ntriples_parse_term\n";
}

static char dir[64];

/* ------------------------------------------------------------ helpers */

static void term_key(dg_buf *b, char kind, const char *value, const char *dt, const char *lang) {
  dg_buf_printf(b, "%c%s\x1f%s\x1f%s\x1e", kind, value, dt ? dt : "", lang ? lang : "");
}

/* The distinct quads of the graph's fact and evidence tables, as sorted keys. */
static void graph_quads(const dg_graph *g, dg_strvec *out) {
  size_t nf, ne;
  const dg_quad *tab[2] = {dg_graph_quads(g, &nf), dg_graph_evidence(g, &ne)};
  size_t n[2] = {nf, ne};
  dg_buf b;
  dg_buf_init(&b);
  for (int t = 0; t < 2; t++)
    for (size_t i = 0; i < n[t]; i++) {
      uint32_t ids[4] = {tab[t][i].s, tab[t][i].p, tab[t][i].o, tab[t][i].g};
      dg_buf_reset(&b);
      for (int k = 0; k < 4; k++) {
        const dg_term *x = dg_graph_term(g, ids[k]);
        term_key(&b, x->kind == DG_TERM_IRI ? 'I' : 'L', x->value, x->datatype, x->lang);
      }
      dg_strvec_add_unique(out, dg_buf_cstr(&b));
    }
  dg_buf_free(&b);
  dg_strvec_sort(out);
}

static void node_key(dg_buf *b, librdf_node *n) {
  if (librdf_node_is_resource(n)) {
    term_key(b, 'I', (const char *)librdf_uri_as_string(librdf_node_get_uri(n)), NULL, NULL);
  } else if (librdf_node_is_literal(n)) {
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    term_key(b, 'L', (const char *)librdf_node_get_literal_value(n),
             dt ? (const char *)librdf_uri_as_string(dt) : NULL,
             librdf_node_get_literal_value_language(n));
  } else {
    term_key(b, 'B', (const char *)librdf_node_get_blank_identifier(n), NULL, NULL);
  }
}

/* Every quad of the store, read through librdf with GRAPH ?g, as sorted
 * keys (kept with repeats: a duplicate in the store must show). (librdf's
 * own librdf_model_context_as_stream reads past a buffer under ASan.) */
static int store_quads(const dg_store_spec *sp, dg_strvec *out) {
  dg_error err;
  dg_error_clear(&err);
  dg_store_world w;
  librdf_storage *st = NULL;
  librdf_model *m = NULL;
  librdf_query *q = NULL;
  librdf_query_results *r = NULL;
  int rc = dg_store_world_open(&w, "test store", &err);
  if (rc == 0) rc = dg_store_open(&w, sp, &st, &m);
  if (rc == 0) {
    q = librdf_new_query(w.world, "sparql", NULL,
                         (const unsigned char *)"SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                         NULL);
    r = q ? librdf_model_query_execute(m, q) : NULL;
    if (!r) rc = -1;
  }
  if (rc == 0) {
    dg_buf b;
    dg_buf_init(&b);
    for (; !librdf_query_results_finished(r); librdf_query_results_next(r)) {
      dg_buf_reset(&b);
      for (int k = 0; k < 4; k++) {
        librdf_node *n = librdf_query_results_get_binding_value(r, k);
        node_key(&b, n);
        librdf_free_node(n);
      }
      dg_strvec_push(out, dg_buf_cstr(&b));
    }
    dg_buf_free(&b);
  } else {
    fprintf(stderr, "store_quads: %s\n", err.msg);
  }
  if (r) librdf_free_query_results(r);
  if (q) librdf_free_query(q);
  if (m) librdf_free_model(m);
  if (st) librdf_free_storage(st);
  dg_store_world_close(&w);
  dg_strvec_sort(out);
  return rc;
}

static int same_vectors(const dg_strvec *a, const dg_strvec *b) {
  if (a->n != b->n) {
    fprintf(stderr, "  %zu quads, want %zu\n", a->n, b->n);
    return 0;
  }
  for (size_t i = 0; i < a->n; i++)
    if (strcmp(a->v[i], b->v[i])) return 0;
  return 1;
}

/* Names in dir other than want[] (NULL-terminated; a trailing '*' matches a
 * prefix) are counted as strays. */
static int strays(const char *const *want) {
  int n = 0;
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    int ok = 0;
    for (int i = 0; want[i] && !ok; i++) {
      size_t l = strlen(want[i]);
      ok = want[i][l - 1] == '*' ? !strncmp(e->d_name, want[i], l - 1) : !strcmp(e->d_name, want[i]);
    }
    if (!ok) {
      fprintf(stderr, "  stray file %s\n", e->d_name);
      n++;
    }
  }
  if (d) closedir(d);
  return n;
}

/* A graph of one document naming n programmes, each with its sentence:
 * big enough that its stores outgrow a small file size limit. */
static dg_graph *big_graph(int n) {
  dg_result *r = dg_result_new("900_big.txt", "900_big");
  r->ents[0].classes |= DG_C_STATEMENT;
  char key[64], text[128];
  for (int i = 0; i < n; i++) {
    snprintf(key, sizeof key, "programme number %d", i);
    snprintf(text, sizeof text, "The statement welcomed Programme Number %d and its results.", i);
    int s = sample_span(r, (size_t)i * 100, text);
    int p = sample_ent(r, DG_K_PROGRAMME, key, key, DG_C_PROGRAMME);
    dg_result_fact(r, 0, DG_P_MENTIONS, p, s);
  }
  dg_graph *g = dg_graph_new(NULL);
  dg_error err;
  dg_error_clear(&err);
  dg_graph_add(g, r, &err);
  dg_result_free(r);
  dg_graph_finalize(g);
  return g;
}

static void make_spec(const char *type, dg_store_spec *sp) {
  dg_error err;
  dg_error_clear(&err);
  int rc = dg_store_spec_parse(type, NULL, dir, sp, &err);
  CHECK(rc == 0);
}

/* ------------------------------------------------------------- tests */

static void test_spec(void) {
  dg_store_spec sp;
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_store_spec_parse("sqlite", NULL, "out", &sp, &err) == 0);
  CHECK_STR(sp.dir, "out");
  CHECK_STR(sp.name, "kg");
  char *d = dg_store_spec_describe(&sp);
  CHECK_STR(d, "out/kg.sqlite");
  free(d);
  dg_store_spec_free(&sp);

  CHECK(dg_store_spec_parse("hashes", " dir='a b' , name=store2", "out", &sp, &err) == 0);
  CHECK_STR(sp.dir, "a b");
  CHECK_STR(sp.name, "store2");
  d = dg_store_spec_describe(&sp);
  CHECK_STR(d, "a b/store2-*.db");
  free(d);
  dg_store_spec_free(&sp);

  CHECK(dg_store_spec_parse("postgresql", "host=db.example,database=kg,user=u,password=\"p w\"",
                            "out", &sp, &err) == 0);
  CHECK_STR(sp.host, "db.example");
  CHECK_STR(sp.port, "5432");
  CHECK_STR(sp.database, "kg");
  CHECK_STR(sp.password, "p w");
  dg_store_spec_free(&sp);

  static const struct {
    const char *type, *options, *msg;
  } bad[] = {{"mysql", NULL, "not a store type"},
             {"postgresql", "host=h", "needs database"},
             {"sqlite", "host=h", "no key 'host'"},
             {"postgresql", "dir=x,database=d,user=u", "no key 'dir'"},
             {"hashes", "name", "not key=value"},
             {"sqlite", "dir=it's", "quotes"},
             {"sqlite", "name=a/b", "plain name"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    dg_error_clear(&err);
    CHECK(dg_store_spec_parse(bad[i].type, bad[i].options, "out", &sp, &err) == DG_ERR_USAGE);
    CHECK(strstr(err.msg, bad[i].msg) != NULL);
  }
}

static void test_roundtrip(const char *type, const char *const *files) {
  dg_graph *g = sample_graph();
  dg_strvec want, got;
  dg_strvec_init(&want);
  graph_quads(g, &want);
  CHECK(want.n > 100);
  dg_store_spec sp;
  make_spec(type, &sp);
  dg_error err;
  dg_error_clear(&err);
  for (int round = 0; round < 2; round++) {
    size_t n = 0;
    int rc = dg_store_write_spec(g, &sp, &n, &err);
    if (rc) fprintf(stderr, "%s: %s\n", type, err.msg);
    CHECK(rc == 0);
    CHECK(n == want.n); /* the second write replaces, never adds */
    dg_strvec_init(&got);
    CHECK(store_quads(&sp, &got) == 0);
    CHECK(same_vectors(&got, &want));
    dg_strvec_free(&got);
    CHECK(strays(files) == 0);
  }
  dg_store_spec_free(&sp);
  dg_strvec_free(&want);
  dg_graph_free(g);
}

/* The write of a bigger graph fails half way (file size limit): the store
 * written before stays byte for byte, with nothing left beside it. */
static void test_failure(const char *type, const char *const *files) {
  dg_store_spec sp;
  make_spec(type, &sp);
  dg_graph *g = sample_graph();
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_store_write_spec(g, &sp, NULL, &err) == 0);

  dg_strvec names;
  dg_strvec_init(&names);
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));)
    if (e->d_name[0] != '.') dg_strvec_push(&names, e->d_name);
  if (d) closedir(d);
  CHECK(names.n > 0);
  char **before = dg_xcalloc(names.n + 1, sizeof *before);
  size_t *sizes = dg_xcalloc(names.n + 1, sizeof *sizes);
  dg_buf p;
  dg_buf_init(&p);
  for (size_t i = 0; i < names.n; i++) {
    dg_buf_reset(&p);
    dg_buf_printf(&p, "%s/%s", dir, names.v[i]);
    before[i] = test_slurp_n(p.data, &sizes[i]);
  }

  dg_graph *big = big_graph(3000);
  struct rlimit old, lim;
  getrlimit(RLIMIT_FSIZE, &old);
  lim = old;
  lim.rlim_cur = 64 * 1024;
  signal(SIGXFSZ, SIG_IGN);
  /* Berkeley DB reports each failed page write on stderr itself */
  fflush(stderr);
  int saved = dup(2), null = open("/dev/null", O_WRONLY);
  dup2(null, 2);
  setrlimit(RLIMIT_FSIZE, &lim);
  dg_error_clear(&err);
  int rc = dg_store_write_spec(big, &sp, NULL, &err);
  setrlimit(RLIMIT_FSIZE, &old);
  dup2(saved, 2);
  close(saved);
  close(null);
  CHECK(rc < 0);
  CHECK(strstr(err.msg, sp.name) != NULL); /* the message names the store */

  for (size_t i = 0; i < names.n; i++) {
    dg_buf_reset(&p);
    dg_buf_printf(&p, "%s/%s", dir, names.v[i]);
    size_t n = 0;
    char *now = test_slurp_n(p.data, &n);
    CHECK(now && n == sizes[i] && !memcmp(now, before[i], n));
    free(now);
    free(before[i]);
  }
  CHECK(strays(files) == 0);
  dg_buf_free(&p);
  free(before);
  free(sizes);
  dg_strvec_free(&names);
  dg_graph_free(big);
  dg_graph_free(g);
  dg_store_spec_free(&sp);
}

/* Runs sparql on a store (spec) or on files; returns the printed output. */
static char *run_query(const dg_store_spec *sp, char *const *files, size_t nfiles,
                       const char *sparql, dg_query_format fmt, int *rc, dg_error *err) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  dg_store_world w;
  librdf_storage *st = NULL;
  librdf_model *m = NULL;
  dg_error_clear(err);
  *rc = dg_store_world_open(&w, "test", err);
  if (*rc == 0)
    *rc = sp ? dg_store_open(&w, sp, &st, &m) : dg_query_load_files(&w, files, nfiles, &st, &m);
  if (*rc == 0) *rc = dg_query_run(&w, m, sparql, "q.rq", fmt, fp);
  if (m) librdf_free_model(m);
  if (st) librdf_free_storage(st);
  dg_store_world_close(&w);
  fclose(fp);
  return buf;
}

static void test_query(void) {
  dg_graph *g = sample_graph();
  dg_store_spec sp;
  make_spec("sqlite", &sp);
  dg_error err;
  dg_error_clear(&err);
  size_t nq = 0;
  CHECK(dg_store_write_spec(g, &sp, &nq, &err) == 0);
  char gpath[128], epath[128];
  snprintf(gpath, sizeof gpath, "%s/graph.nq", dir);
  snprintf(epath, sizeof epath, "%s/evidence.nq", dir);
  CHECK(dg_export_nquads(g, gpath, &err) == 0);
  CHECK(dg_export_evidence(g, epath, &err) == 0);
  char *files[] = {gpath, epath};
  int rc;

  /* every quad is in a named graph: the count over GRAPH ?g is the store size */
  char *out = run_query(&sp, NULL, 0, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                        DG_QUERY_CSV, &rc, &err);
  char want[64];
  snprintf(want, sizeof want, "n\r\n%zu\r\n", nq);
  CHECK(rc == 0);
  CHECK_STR(out, want);
  free(out);

  /* the store and the files answer alike, for a query of the library */
  size_t n;
  char *evidence = test_slurp_n("queries/evidence.rq", &n);
  CHECK(evidence != NULL);
  if (evidence) {
    char *a = run_query(&sp, NULL, 0, evidence, DG_QUERY_TSV, &rc, &err);
    CHECK(rc == 0);
    char *b = run_query(NULL, files, 2, evidence, DG_QUERY_TSV, &rc, &err);
    CHECK(rc == 0);
    CHECK(a && strstr(a, "\"The Dialogue was co-chaired by the United States and Lao PDR.\""));
    CHECK_STR(a, b);
    free(a);
    free(b);
    free(evidence);
  }

  /* formats: a hostile name with a quote, a newline and a comma */
  const char *hq = "PREFIX dg: <" DG_NS "> PREFIX rdfs: <" DG_NS_RDFS "> "
                   "SELECT ?name ?x WHERE { ?o rdfs:label ?name FILTER (CONTAINS(?name, 'Line one')) }";
  out = run_query(&sp, NULL, 0, hq, DG_QUERY_JSON, &rc, &err);
  CHECK(rc == 0);
  CHECK(out && strstr(out, "\"head\": {\"vars\": [\"name\", \"x\"]}"));
  CHECK(out && strstr(out, "{\"name\": {\"type\": \"literal\", \"value\": \"Line one\\nLine two\", "
                           "\"xml:lang\": \"en\"}}"));
  free(out);
  out = run_query(&sp, NULL, 0, hq, DG_QUERY_CSV, &rc, &err);
  CHECK_STR(out, "name,x\r\n\"Line one\nLine two\",\r\n");
  free(out);
  out = run_query(&sp, NULL, 0, hq, DG_QUERY_TABLE, &rc, &err);
  CHECK_STR(out, "name              | x\n------------------+---\nLine one Line two | \n(1 row)\n");
  free(out);
  out = run_query(&sp, NULL, 0, "SELECT ?a WHERE { ?s ?p 'no such thing' }", DG_QUERY_TSV, &rc,
                  &err);
  CHECK_STR(out, "?a\n"); /* no rows: the header still */
  free(out);
  out = run_query(&sp, NULL, 0, "ASK { ?s ?p ?o }", DG_QUERY_JSON, &rc, &err);
  CHECK(out && strstr(out, "\"boolean\": true"));
  free(out);

  /* errors name the query and the line, or the file and the line */
  out = run_query(&sp, NULL, 0, "SELECT ?a\nWHERE { ?a ?b }", DG_QUERY_TABLE, &rc, &err);
  CHECK(rc < 0);
  CHECK(strstr(err.msg, "q.rq:2") != NULL);
  free(out);
  char bad[128];
  snprintf(bad, sizeof bad, "%s/bad.nt", dir);
  FILE *fp = fopen(bad, "w");
  fputs("<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", fp);
  fclose(fp);
  char *badfiles[] = {bad};
  out = run_query(NULL, badfiles, 1, "ASK { }", DG_QUERY_TABLE, &rc, &err);
  CHECK(rc < 0);
  CHECK(strstr(err.msg, "bad.nt:2") != NULL);
  free(out);
  unlink(bad);
  unlink(gpath);
  unlink(epath);

  /* a store that is not there */
  dg_store_spec missing;
  dg_error_clear(&err);
  CHECK(dg_store_spec_parse("sqlite", "name=missing", dir, &missing, &err) == 0);
  out = run_query(&missing, NULL, 0, "ASK { }", DG_QUERY_TABLE, &rc, &err);
  CHECK(rc < 0);
  CHECK(strstr(err.msg, "missing.sqlite") != NULL);
  free(out);
  dg_store_spec_free(&missing);
  dg_store_spec_free(&sp);
  dg_graph_free(g);
}

static void empty_dir(void) {
  DIR *d = opendir(dir);
  char p[512];
  for (struct dirent *e; d && (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    unlink(p);
  }
  if (d) closedir(d);
}

int main(void) {
  snprintf(dir, sizeof dir, "%s", "/tmp/dg-test-store.XXXXXX");
  if (!mkdtemp(dir)) return 1;
  static const char *const sqlite_files[] = {"kg.sqlite", NULL};
  static const char *const hashes_files[] = {"kg-*", NULL};
  test_spec();
  test_roundtrip("sqlite", sqlite_files);
  empty_dir();
  test_roundtrip("hashes", hashes_files);
  empty_dir();
  test_failure("sqlite", sqlite_files);
  empty_dir();
  test_failure("hashes", hashes_files);
  empty_dir();
  test_query();
  empty_dir();
  rmdir(dir);
  return TEST_REPORT();
}
