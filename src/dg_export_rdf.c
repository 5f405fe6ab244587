/* dg_export_rdf: see dg_export_rdf.h. */
#include "dg_export_rdf.h"

#include <errno.h>
#include <pthread.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dg_export.h"
#include "dg_outfile.h"

typedef struct log_ctx {
  dg_error *err;
  const char *path;
  int failed;
} log_ctx;

static void raptor_log(void *user, raptor_log_message *m) {
  log_ctx *c = user;
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR && !c->failed) {
    c->failed = 1;
    dg_error_set(c->err, DG_ERR_RDF, "%s: raptor: %s", c->path, m->text ? m->text : "error");
  }
}

static const struct {
  const char *prefix, *ns;
} prefixes[] = {{"dg", DG_NS},      {"rdf", DG_NS_RDF},       {"rdfs", DG_NS_RDFS},
                {"xsd", DG_NS_XSD}, {"skos", DG_NS_SKOS},     {"owl", DG_NS_OWL},
                {"prov", DG_NS_PROV}, {"dcterms", DG_NS_DCT}, {"schema", DG_NS_SCHEMA},
                {"nif", DG_NS_NIF}};

/* raptor's serializers write a byte at a time; its file stream turns each
 * byte into an fputc call, a third of the cost of writing N-Quads. This sink
 * gathers the bytes into blocks and hands stdio whole blocks. */
#define SINK_BLOCK ((size_t)1 << 16)
typedef struct sink {
  FILE *fp;
  unsigned char *buf;
  size_t len;
  int failed;
} sink;

static int sink_flush(sink *s) {
  if (s->len && fwrite(s->buf, 1, s->len, s->fp) != s->len) s->failed = 1;
  s->len = 0;
  return s->failed;
}

/* Kept out of line so that sink_byte's common case stays a leaf function. */
__attribute__((noinline)) static int sink_byte_full(sink *s, int byte) {
  if (sink_flush(s)) return 1;
  s->buf[s->len++] = (unsigned char)byte;
  return 0;
}

static int sink_byte(void *ctx, const int byte) {
  sink *s = ctx;
  if (s->len == SINK_BLOCK) return sink_byte_full(s, byte);
  s->buf[s->len++] = (unsigned char)byte;
  return 0;
}

static int sink_bytes(void *ctx, const void *ptr, size_t size, size_t nmemb) {
  sink *s = ctx;
  size_t n = size * nmemb;
  if (n > SINK_BLOCK - s->len) {
    if (sink_flush(s)) return 0;
    if (n > SINK_BLOCK) {
      if (fwrite(ptr, size, nmemb, s->fp) != nmemb) s->failed = 1;
      return s->failed ? 0 : (int)nmemb;
    }
  }
  memcpy(s->buf + s->len, ptr, n);
  s->len += n;
  return (int)nmemb;
}

static const raptor_iostream_handler sink_handler = {
    .version = 2, .write_byte = sink_byte, .write_bytes = sink_bytes}; /* raptor 2.0.15 rejects 1 */

/* raptor 2.0.15's Turtle serializer writes a carriage return inside a
 * literal as the raw byte (invalid between "..." and rewritten as LF by
 * Turtle readers that normalise line ends); an N-Quads literal gets "\r".
 * It emits no raw CR anywhere else (its line ends are LF, our IRIs are
 * percent-encoded), so the Turtle sink turns each raw CR byte into the
 * escape "\r", which means the same character in either kind of string. */
static int sink_byte_turtle(void *ctx, const int byte) {
  if (byte != '\r') return sink_byte(ctx, byte);
  return sink_byte(ctx, '\\') || sink_byte(ctx, 'r');
}

static int sink_bytes_turtle(void *ctx, const void *ptr, size_t size, size_t nmemb) {
  const char *p = ptr, *end = p + size * nmemb, *cr;
  while ((cr = memchr(p, '\r', (size_t)(end - p)))) {
    if (cr > p && sink_bytes(ctx, p, 1, (size_t)(cr - p)) != (int)(cr - p)) return 0;
    if (sink_byte_turtle(ctx, '\r')) return 0;
    p = cr + 1;
  }
  if (p < end && sink_bytes(ctx, p, 1, (size_t)(end - p)) != (int)(end - p)) return 0;
  return (int)nmemb;
}

static const raptor_iostream_handler turtle_sink_handler = {
    .version = 2, .write_byte = sink_byte_turtle, .write_bytes = sink_bytes_turtle};

static raptor_term *make_term(raptor_world *w, const dg_term *t) {
  if (t->kind == DG_TERM_IRI) return raptor_new_term_from_uri_string(w, (const unsigned char *)t->value);
  raptor_uri *dt = t->datatype ? raptor_new_uri(w, (const unsigned char *)t->datatype) : NULL;
  raptor_term *r = raptor_new_term_from_literal(w, (const unsigned char *)t->value, dt,
                                                (const unsigned char *)t->lang);
  if (dt) raptor_free_uri(dt);
  return r;
}

/* raptor_world_open() initialises libxml2 and raptor_free_world() calls
 * xmlCleanupParser(), neither safe while another thread uses libxml2. So
 * worlds are opened and freed only by the thread that runs the build;
 * writer threads are handed an open world and only serialize. */
static raptor_world *open_world(const char *path, dg_error *err) {
  raptor_world *w = raptor_new_world();
  if (!w || raptor_world_open(w)) {
    if (w) raptor_free_world(w);
    dg_error_set(err, DG_ERR_RDF, "%s: cannot start raptor", path);
    return NULL;
  }
  return w;
}

/* Writes one table of g to path with raptor's serializer `syntax`. */
static int serialize(raptor_world *w, const dg_graph *g, dg_table table, const char *syntax,
                     const char *path, dg_error *err) {
  int rc = 0;
  raptor_serializer *ser = NULL;
  raptor_iostream *io = NULL;
  sink sk = {NULL, NULL, 0, 0};
  raptor_term **cache = NULL;
  dg_outfile out = {0};
  log_ctx lc = {err, path, 0};
  size_t nq = 0, nt = dg_graph_nterms(g);
  const dg_quad *q = table == DG_TABLE_FACTS    ? dg_graph_quads(g, &nq)
                     : table == DG_TABLE_UNION ? dg_graph_union(g, &nq)
                                               : dg_graph_evidence(g, &nq);
  int with_graph = table != DG_TABLE_UNION;

  raptor_world_set_log_handler(w, &lc, raptor_log);
  ser = raptor_new_serializer(w, syntax);
  if (!ser) {
    rc = dg_error_set(err, DG_ERR_RDF, "%s: raptor has no '%s' serializer", path, syntax);
    goto cleanup;
  }
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
    raptor_uri *u = raptor_new_uri(w, (const unsigned char *)prefixes[i].ns);
    raptor_serializer_set_namespace(ser, u, (const unsigned char *)prefixes[i].prefix);
    raptor_free_uri(u);
  }
  {
    raptor_uri *u = raptor_new_uri(w, (const unsigned char *)dg_graph_base(g));
    raptor_serializer_set_namespace(ser, u, (const unsigned char *)"id");
    raptor_free_uri(u);
  }
  if ((rc = dg_outfile_open(&out, path, err)) < 0) goto cleanup;
  sk.fp = out.fp;
  sk.buf = dg_xmalloc(SINK_BLOCK);
  io = raptor_new_iostream_from_handler(
      w, &sk, strcmp(syntax, "turtle") ? &sink_handler : &turtle_sink_handler);
  if (!io || raptor_serializer_start_to_iostream(ser, NULL, io)) {
    rc = dg_error_set(err, DG_ERR_RDF, "%s: cannot start the %s serializer", path, syntax);
    goto cleanup;
  }
  cache = calloc(nt ? nt : 1, sizeof *cache);
  if (!cache) {
    rc = dg_error_set(err, DG_ERR_NOMEM, "%s: out of memory", path);
    goto cleanup;
  }
  for (size_t i = 0; i < nq && !lc.failed; i++) {
    uint32_t ids[4] = {q[i].s, q[i].p, q[i].o, q[i].g};
    for (int k = 0; k < (with_graph ? 4 : 3); k++)
      if (!cache[ids[k]]) cache[ids[k]] = make_term(w, dg_graph_term(g, ids[k]));
    raptor_statement st;
    raptor_statement_init(&st, w);
    st.subject = cache[ids[0]];
    st.predicate = cache[ids[1]];
    st.object = cache[ids[2]];
    st.graph = with_graph ? cache[ids[3]] : NULL;
    raptor_serializer_serialize_statement(ser, &st);
  }
  raptor_serializer_serialize_end(ser);
  raptor_free_serializer(ser); /* writes what raptor still holds */
  ser = NULL;
  if (lc.failed) {
    rc = DG_ERR_RDF;
    goto cleanup;
  }
  if (sink_flush(&sk)) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: write error: %s", path, strerror(errno));
    goto cleanup;
  }
  rc = dg_outfile_commit(&out, err);
cleanup:
  if (out.tmp) dg_outfile_abort(&out);
  if (cache) {
    for (size_t i = 0; i < nt; i++)
      if (cache[i]) raptor_free_term(cache[i]);
    free(cache);
  }
  if (ser) raptor_free_serializer(ser);
  if (io) raptor_free_iostream(io);
  free(sk.buf);
  raptor_world_set_log_handler(w, NULL, NULL); /* lc is about to go */
  return rc;
}

int dg_export_raptor(const dg_graph *g, dg_table table, const char *syntax, const char *path,
                     dg_error *err) {
  raptor_world *w = open_world(path, err);
  if (!w) return DG_ERR_RDF;
  int rc = serialize(w, g, table, syntax, path, err);
  raptor_free_world(w);
  return rc;
}

int dg_export_nquads(const dg_graph *g, const char *path, dg_error *err) {
  return dg_export_raptor(g, DG_TABLE_FACTS, "nquads", path, err);
}
int dg_export_turtle(const dg_graph *g, const char *path, dg_error *err) {
  return dg_export_raptor(g, DG_TABLE_UNION, "turtle", path, err);
}
int dg_export_evidence(const dg_graph *g, const char *path, dg_error *err) {
  return dg_export_raptor(g, DG_TABLE_EVIDENCE, "nquads", path, err);
}

/* ---- the three RDF files, side by side ---- */

typedef struct rdf_task {
  const dg_graph *g;
  const char *name;
  dg_table table;
  const char *syntax;
  raptor_world *w;
  char *path;
  int rc;
  dg_error err;
} rdf_task;

static void *rdf_task_run(void *arg) {
  rdf_task *t = arg;
  t->rc = serialize(t->w, t->g, t->table, t->syntax, t->path, &t->err);
  return NULL;
}

int dg_export_rdf_files(const dg_graph *g, const char *dir, int jobs, dg_build_stats *st,
                        dg_error *err) {
  rdf_task t[3] = {{g, "graph.nq", DG_TABLE_FACTS, "nquads", NULL, NULL, 0, {0, ""}},
                   {g, "graph.ttl", DG_TABLE_UNION, "turtle", NULL, NULL, 0, {0, ""}},
                   {g, "evidence.nq", DG_TABLE_EVIDENCE, "nquads", NULL, NULL, 0, {0, ""}}};
  pthread_t th[3];
  int threaded[3] = {0, 0, 0}, rc = 0;
  for (int i = 0; i < 3; i++) {
    dg_buf p;
    dg_buf_init(&p);
    dg_buf_printf(&p, "%s/%s", dir, t[i].name);
    t[i].path = dg_buf_steal(&p);
    if (!(t[i].w = open_world(t[i].path, err))) rc = DG_ERR_RDF;
  }
  if (rc < 0) goto cleanup;
  if (jobs <= 0) jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
  /* the first file on this thread, the others on their own */
  for (int i = 1; i < 3 && jobs > 1; i++)
    threaded[i] = pthread_create(&th[i], NULL, rdf_task_run, &t[i]) == 0;
  for (int i = 0, failed = 0; i < 3; i++)
    if (!threaded[i] && !failed) {
      rdf_task_run(&t[i]);
      failed = t[i].rc < 0; /* one at a time: stop at the first failure */
    }
  for (int i = 1; i < 3; i++)
    if (threaded[i]) pthread_join(th[i], NULL);
  for (int i = 0; i < 3; i++) {
    if (rc == 0 && t[i].rc < 0) *err = t[i].err, rc = t[i].rc;
    if (rc == 0) dg_export_note_written(st, t[i].name);
  }
cleanup:
  for (int i = 0; i < 3; i++) {
    if (t[i].w) raptor_free_world(t[i].w);
    free(t[i].path);
  }
  return rc;
}
