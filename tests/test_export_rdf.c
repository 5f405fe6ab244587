/* test_export_rdf: graph.nq, graph.ttl and evidence.nq through raptor's real
 * serializers, read back with raptor's parsers and compared term by term
 * with the graph's tables; failed exports leave the previous file intact. */
#include <dirent.h>
#include <raptor2.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dg_export_rdf.h"
#include "testhelp.h"

/* raptor 2.0.15's N-Triples/N-Quads parser leaks the URIs it parses for
 * typed literals (raptor_ntriples_parse_term), and with them references to
 * the world's concept URIs. Under LeakSanitizer, suppress exactly those
 * stacks (slow unwinding, so the frames inside libraptor are seen); leaks
 * anywhere else, the exporters included, still fail the test. */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0"; }
const char *__lsan_default_suppressions(void) {
  return "leak:raptor_ntriples_parse_term\nleak:raptor_concepts_init\n";
}

/* Names that the serializers must escape. */
static const char HOSTILE[] = "He said \"yes\" \\ back\\slash\nnew line\ttab \xC3\xA9 \xE2\x80\x94 "
                              "\xF0\x9F\x98\x80 <tag> & ]]> '\"\"\"'";
static const char SENT[] = "The \"Forum\" was held in Suva;\nit was\tchaired by Fiji \xE2\x80\x99s minister.";

static dg_graph *sample(void) {
  dg_result *r = dg_result_new("a b.txt", "a b");
  int ev = dg_result_entity(r, DG_K_EVENT, "coral sea forum 1", "Coral Sea Forum");
  int fj = dg_result_entity(r, DG_K_COUNTRY, "fiji", "Fiji");
  int od = dg_result_entity(r, DG_K_ORG, "hostile", HOSTILE);
  dg_result_entity(r, DG_K_ORG, "hostile", "Hostile Org");
  r->ents[ev].classes = DG_C_EVENT | DG_C_MEETING;
  r->ents[fj].classes = DG_C_COUNTRY;
  r->ents[od].classes = DG_C_ORG;
  dg_result_acronym(r, od, "H\"O");
  int sp = dg_result_span(r, 3, 3 + dg_utf8_count(SENT, sizeof SENT - 1), SENT, sizeof SENT - 1);
  dg_result_fact(r, ev, DG_P_COCHAIR, fj, sp);
  dg_result_literal(r, ev, DG_P_DATE, DG_L_GYEARMONTH, "2024-06", sp);
  dg_result_literal(r, ev, DG_P_ORDINAL, DG_L_INTEGER, "1", sp);
  dg_result_literal(r, ev, DG_P_VIRTUAL, DG_L_BOOLEAN, "true", -1);
  dg_result_fact(r, 0, DG_P_MENTIONS, od, sp);
  dg_result *r2 = dg_result_new("c.txt", "c");
  int fj2 = dg_result_entity(r2, DG_K_COUNTRY, "fiji", "Republic of Fiji");
  r2->ents[fj2].classes = DG_C_COUNTRY;
  dg_result_fact(r2, 0, DG_P_MENTIONS, fj2, -1);
  dg_graph *g = dg_graph_new("http://example.org/kg/");
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_graph_add(g, r, &err) == 0);
  CHECK(dg_graph_add(g, r2, &err) == 0);
  dg_graph_finalize(g);
  dg_result_free(r);
  dg_result_free(r2);
  return g;
}

/* ---- a key per statement, the same from raptor terms and graph terms ---- */

static void key_raptor(const raptor_term *t, dg_buf *b) {
  if (!t) {
    dg_buf_adds(b, "-|");
    return;
  }
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    dg_buf_printf(b, "I%s|", (const char *)raptor_uri_as_string(t->value.uri));
  } else if (t->type == RAPTOR_TERM_TYPE_LITERAL) {
    const raptor_term_literal_value *l = &t->value.literal;
    dg_buf_printf(b, "L%s^%s@%s|", (const char *)l->string,
                  l->datatype ? (const char *)raptor_uri_as_string(l->datatype) : "",
                  l->language ? (const char *)l->language : "");
  } else {
    dg_buf_adds(b, "B|");
  }
}

static void key_dg(const dg_term *t, dg_buf *b) {
  if (t->kind == DG_TERM_IRI) dg_buf_printf(b, "I%s|", t->value);
  else dg_buf_printf(b, "L%s^%s@%s|", t->value, t->datatype ? t->datatype : "", t->lang ? t->lang : "");
}

static void on_statement(void *user, raptor_statement *st) {
  dg_buf b;
  dg_buf_init(&b);
  key_raptor(st->subject, &b);
  key_raptor(st->predicate, &b);
  key_raptor(st->object, &b);
  key_raptor(st->graph, &b);
  dg_strvec_push(user, b.data);
  dg_buf_free(&b);
}

static int parse_errors;
static void on_log(void *user, raptor_log_message *m) {
  (void)user;
  if (m->level >= RAPTOR_LOG_LEVEL_WARN) {
    parse_errors++;
    fprintf(stderr, "raptor: %s\n", m->text);
  }
}

/* Parses path with raptor's parser for syntax; statements as sorted keys. */
static void parse(const char *syntax, const char *path, dg_strvec *out) {
  raptor_world *w = raptor_new_world();
  raptor_world_open(w);
  raptor_world_set_log_handler(w, NULL, on_log);
  raptor_parser *p = raptor_new_parser(w, syntax);
  raptor_parser_set_statement_handler(p, out, on_statement);
  unsigned char *uri_str = raptor_uri_filename_to_uri_string(path);
  raptor_uri *uri = raptor_new_uri(w, uri_str);
  CHECK(raptor_parser_parse_file(p, uri, uri) == 0);
  raptor_free_uri(uri);
  raptor_free_memory(uri_str);
  raptor_free_parser(p);
  raptor_free_world(w);
  dg_strvec_sort(out);
}

static void table_keys(const dg_graph *g, dg_table table, dg_strvec *out) {
  size_t n;
  const dg_quad *q = table == DG_TABLE_FACTS   ? dg_graph_quads(g, &n)
                     : table == DG_TABLE_UNION ? dg_graph_union(g, &n)
                                               : dg_graph_evidence(g, &n);
  dg_buf b;
  dg_buf_init(&b);
  for (size_t i = 0; i < n; i++) {
    dg_buf_reset(&b);
    key_dg(dg_graph_term(g, q[i].s), &b);
    key_dg(dg_graph_term(g, q[i].p), &b);
    key_dg(dg_graph_term(g, q[i].o), &b);
    if (table == DG_TABLE_UNION) dg_buf_adds(&b, "-|");
    else key_dg(dg_graph_term(g, q[i].g), &b);
    dg_strvec_push(out, b.data);
  }
  dg_buf_free(&b);
  dg_strvec_sort(out);
}

static int same_keys(const dg_strvec *a, const dg_strvec *b) {
  if (a->n != b->n) {
    fprintf(stderr, "  %zu statements read back, %zu in the table\n", a->n, b->n);
    return 0;
  }
  for (size_t i = 0; i < a->n; i++)
    if (strcmp(a->v[i], b->v[i])) {
      fprintf(stderr, "  read back: %s\n  table:     %s\n", a->v[i], b->v[i]);
      return 0;
    }
  return 1;
}

static void spit(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  CHECK(fp != NULL);
  if (fp) fputs(text, fp), fclose(fp);
}

static int temporaries_in(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  if (!d) return -1;
  for (struct dirent *e; (e = readdir(d));) n += strstr(e->d_name, ".tmp.") != NULL;
  closedir(d);
  return n;
}

static char dir[] = "/tmp/test_export_rdf.XXXXXX";

static void path_in(dg_buf *b, const char *name) {
  dg_buf_reset(b);
  dg_buf_printf(b, "%s/%s", dir, name);
}

static void test_roundtrip(const dg_graph *g) {
  static const struct {
    const char *file, *syntax;
    dg_table table;
    int (*fn)(const dg_graph *, const char *, dg_error *);
  } outs[] = {{"graph.nq", "nquads", DG_TABLE_FACTS, dg_export_nquads},
              {"graph.ttl", "turtle", DG_TABLE_UNION, dg_export_turtle},
              {"evidence.nq", "nquads", DG_TABLE_EVIDENCE, dg_export_evidence}};
  dg_buf p;
  dg_buf_init(&p);
  for (size_t i = 0; i < sizeof outs / sizeof *outs; i++) {
    dg_error err;
    dg_error_clear(&err);
    path_in(&p, outs[i].file);
    CHECK(outs[i].fn(g, p.data, &err) == 0);
    dg_strvec got, want;
    dg_strvec_init(&got);
    dg_strvec_init(&want);
    parse_errors = 0;
    parse(outs[i].syntax, p.data, &got);
    CHECK(parse_errors == 0);
    table_keys(g, outs[i].table, &want);
    CHECK(want.n > 0);
    CHECK(same_keys(&got, &want));
    /* the same graph exported again: byte-identical */
    char *first = test_slurp(p.data);
    CHECK(outs[i].fn(g, p.data, &err) == 0);
    char *second = test_slurp(p.data);
    CHECK(first && second && !strcmp(first, second));
    if (i == 1) { /* Turtle: @prefix lines for the namespaces used */
      CHECK(first && strstr(first, "@prefix dg: <" DG_NS "> .") != NULL);
      CHECK(first && strstr(first, "@prefix rdfs: <" DG_NS_RDFS "> .") != NULL);
    }
    free(first), free(second);
    dg_strvec_free(&got), dg_strvec_free(&want);
  }
  /* the hostile name and the sentence survived escaping (checked above
   * term by term); they are really there */
  path_in(&p, "graph.nq");
  char *nq = test_slurp(p.data);
  CHECK(nq && strstr(nq, "\\\"yes\\\"") && strstr(nq, "\\n"));
  free(nq);
  CHECK(temporaries_in(dir) == 0);
  dg_buf_free(&p);
}

static void test_raptor_table(const dg_graph *g) {
  /* any raptor serializer, any table */
  dg_buf p;
  dg_buf_init(&p);
  path_in(&p, "union.nt");
  dg_error err;
  dg_error_clear(&err);
  CHECK(dg_export_raptor(g, DG_TABLE_UNION, "ntriples", p.data, &err) == 0);
  dg_strvec got, want;
  dg_strvec_init(&got), dg_strvec_init(&want);
  parse("ntriples", p.data, &got);
  table_keys(g, DG_TABLE_UNION, &want);
  CHECK(same_keys(&got, &want));
  dg_strvec_free(&got), dg_strvec_free(&want);
  dg_buf_free(&p);
}

static void test_failures(const dg_graph *g) {
  dg_buf p;
  dg_buf_init(&p);
  dg_error err;
  /* a directory that does not exist: an error naming the path */
  dg_error_clear(&err);
  path_in(&p, "no/such/dir/graph.nq");
  CHECK(dg_export_nquads(g, p.data, &err) < 0);
  CHECK(strstr(err.msg, p.data) != NULL);
  /* an unknown syntax: an error, the previous file untouched */
  path_in(&p, "prev.nq");
  spit(p.data, "previous\n");
  dg_error_clear(&err);
  CHECK(dg_export_raptor(g, DG_TABLE_FACTS, "no-such-syntax", p.data, &err) < 0);
  CHECK(strstr(err.msg, "no-such-syntax") != NULL);
  char *s = test_slurp(p.data);
  CHECK_STR(s, "previous\n");
  free(s);
  /* the disk fills up while writing (a file size limit, as root too):
   * the error names the file, the previous one stays, no temporary */
  struct rlimit old, small = {200, 200};
  getrlimit(RLIMIT_FSIZE, &old);
  small.rlim_max = old.rlim_max;
  void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
  CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
  static int (*const fns[])(const dg_graph *, const char *, dg_error *) = {
      dg_export_nquads, dg_export_turtle, dg_export_evidence};
  for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
    dg_error_clear(&err);
    CHECK(fns[i](g, p.data, &err) < 0);
    CHECK(strstr(err.msg, "prev.nq") != NULL);
    s = test_slurp(p.data);
    CHECK_STR(s, "previous\n");
    free(s);
  }
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, prev);
  CHECK(temporaries_in(dir) == 0);
  /* and with room again, the export replaces it */
  dg_error_clear(&err);
  CHECK(dg_export_nquads(g, p.data, &err) == 0);
  s = test_slurp(p.data);
  CHECK(s && strncmp(s, "previous", 8) != 0 && strlen(s) > 200);
  free(s);
  dg_buf_free(&p);
}

static void cleanup_dir(void) {
  DIR *d = opendir(dir);
  if (!d) return;
  dg_buf p;
  dg_buf_init(&p);
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, ".."))) continue;
    path_in(&p, e->d_name);
    unlink(p.data);
  }
  closedir(d);
  dg_buf_free(&p);
  rmdir(dir);
}

int main(void) {
  if (!mkdtemp(dir)) {
    perror(dir);
    return 1;
  }
  dg_graph *g = sample();
  test_roundtrip(g);
  test_raptor_table(g);
  test_failures(g);
  dg_graph_free(g);
  cleanup_dir();
  return TEST_REPORT();
}
