/* dg_export_rdf: see dg_export_rdf.h. */
#include "dg_export_rdf.h"

#include <errno.h>
#include <fcntl.h>
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
 * gathers the bytes into blocks and hands stdio whole blocks. Without a
 * FILE it collects everything in memory instead (one part of a file that
 * several threads serialize), growing its buffer. */
#define SINK_BLOCK ((size_t)1 << 16)
typedef struct sink {
  dg_outfile *out; /* the file, told of each block written; NULL: keep the bytes in buf */
  unsigned char *buf;
  size_t len, cap;
  int failed;
} sink;

static int sink_flush(sink *s) {
  if (!s->out) return s->failed;
  if (s->len && fwrite(s->buf, 1, s->len, s->out->fp) != s->len) s->failed = 1;
  if (!s->failed) dg_outfile_wrote(s->out, s->len);
  s->len = 0;
  return s->failed;
}

/* Makes room for n more bytes: written out, or (in memory) a larger buffer. */
static int sink_room(sink *s, size_t n) {
  if (s->out) return sink_flush(s);
  size_t cap = s->cap ? s->cap : SINK_BLOCK;
  while (cap - s->len < n) cap *= 2;
  s->buf = dg_xrealloc(s->buf, cap);
  s->cap = cap;
  return 0;
}

/* Kept out of line so that sink_byte's common case stays a leaf function. */
__attribute__((noinline)) static int sink_byte_full(sink *s, int byte) {
  if (sink_room(s, 1)) return 1;
  s->buf[s->len++] = (unsigned char)byte;
  return 0;
}

static int sink_byte(void *ctx, const int byte) {
  sink *s = ctx;
  if (s->len == s->cap) return sink_byte_full(s, byte);
  s->buf[s->len++] = (unsigned char)byte;
  return 0;
}

static int sink_bytes(void *ctx, const void *ptr, size_t size, size_t nmemb) {
  sink *s = ctx;
  size_t n = size * nmemb;
  if (n > s->cap - s->len) {
    if (sink_room(s, n)) return 0;
    if (n > s->cap - s->len) { /* to a file, and larger than a block */
      if (fwrite(ptr, size, nmemb, s->out->fp) != nmemb) s->failed = 1;
      else dg_outfile_wrote(s->out, n);
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
  /* No URI interning: raptor would keep every URI in an AVL tree ordered by
   * string compares (a search and an insert per term made, a delete per
   * term freed: about 5 % of a build's instructions). The term caches
   * already make each graph term once per world, and raptor compares URIs
   * by their strings either way. */
  if (w) raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_URI_INTERNING, 0);
  if (!w || raptor_world_open(w)) {
    if (w) raptor_free_world(w);
    dg_error_set(err, DG_ERR_RDF, "%s: cannot start raptor", path);
    return NULL;
  }
  return w;
}

static const dg_quad *table_quads(const dg_graph *g, dg_table table, size_t *nq) {
  return table == DG_TABLE_FACTS    ? dg_graph_quads(g, nq)
         : table == DG_TABLE_UNION ? dg_graph_union(g, nq)
                                   : dg_graph_evidence(g, nq);
}

/* Hands quads q[0..n) to ser; cache (indexed by term id) keeps the raptor
 * term of each graph term made so far in world w. Stops early once lc has
 * seen an error. */
static void put_quads(raptor_world *w, raptor_serializer *ser, raptor_term **cache,
                      const dg_graph *g, const dg_quad *q, size_t n, int with_graph,
                      const log_ctx *lc) {
  for (size_t i = 0; i < n && !lc->failed; i++) {
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
}

static raptor_term **new_cache(const dg_graph *g) {
  size_t nt = dg_graph_nterms(g);
  return calloc(nt ? nt : 1, sizeof(raptor_term *));
}

static void free_cache(const dg_graph *g, raptor_term **cache) {
  if (!cache) return;
  for (size_t i = 0, nt = dg_graph_nterms(g); i < nt; i++)
    if (cache[i]) raptor_free_term(cache[i]);
  free(cache);
}

/* Writes one table of g with raptor's serializer `syntax` into out (open,
 * not committed); cache as for put_quads (terms of world w). */
static int serialize_to(raptor_world *w, raptor_term **cache, const dg_graph *g, dg_table table,
                        const char *syntax, dg_outfile *out, dg_error *err) {
  int rc = 0;
  raptor_serializer *ser = NULL;
  raptor_iostream *io = NULL;
  sink sk = {NULL, NULL, 0, 0, 0};
  const char *path = out->path;
  log_ctx lc = {err, path, 0};
  size_t nq = 0;
  const dg_quad *q = table_quads(g, table, &nq);

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
  sk.out = out;
  sk.buf = dg_xmalloc(SINK_BLOCK);
  sk.cap = SINK_BLOCK;
  io = raptor_new_iostream_from_handler(
      w, &sk, strcmp(syntax, "turtle") ? &sink_handler : &turtle_sink_handler);
  if (!io || raptor_serializer_start_to_iostream(ser, NULL, io)) {
    rc = dg_error_set(err, DG_ERR_RDF, "%s: cannot start the %s serializer", path, syntax);
    goto cleanup;
  }
  put_quads(w, ser, cache, g, q, nq, table != DG_TABLE_UNION, &lc);
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
cleanup:
  if (ser) raptor_free_serializer(ser);
  if (io) raptor_free_iostream(io);
  free(sk.buf);
  raptor_world_set_log_handler(w, NULL, NULL); /* lc is about to go */
  return rc;
}

/* Writes one table of g to path: serialize_to a new dg_outfile, committed. */
static int serialize(raptor_world *w, raptor_term **cache, const dg_graph *g, dg_table table,
                     const char *syntax, const char *path, dg_error *err) {
  dg_outfile out;
  int rc = dg_outfile_open(&out, path, err);
  if (rc == 0) rc = serialize_to(w, cache, g, table, syntax, &out, err);
  if (rc == 0) return dg_outfile_commit(&out, err);
  dg_outfile_abort(&out);
  return rc;
}

int dg_export_raptor(const dg_graph *g, dg_table table, const char *syntax, const char *path,
                     dg_error *err) {
  raptor_world *w = open_world(path, err);
  if (!w) return DG_ERR_RDF;
  raptor_term **cache = new_cache(g);
  int rc = cache ? serialize(w, cache, g, table, syntax, path, err)
                 : dg_error_set(err, DG_ERR_NOMEM, "%s: out of memory", path);
  free_cache(g, cache);
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

/* ---- the three RDF files, side by side ----
 *
 * N-Quads has no state between statements, so graph.nq and evidence.nq are
 * cut into parts of PART_QUADS quads that any worker serializes into memory;
 * the parts are appended to the file in order by whichever worker completes
 * the next one, so the bytes are those of one serializer and there is one
 * file (and one fsync) per output, with no temporaries beyond dg_outfile's.
 * Turtle abbreviates across statements and is written whole by one worker.
 * A worker may run at most PART_WINDOW parts ahead of the part a file is
 * waiting for, which bounds the memory held in parts.
 * A part is about 250 KB, so it is appended while still in the serializing
 * core's cache: with 16K-quad parts (4 MB) the copy into the page cache
 * read every part back from memory, and a -j 2 build spent about a third
 * more CPU writing than -j 1 (1,222 perf samples in the kernel's copy
 * against 76 at -j 1; with 1,024-quad parts it drops out of the profile). */
#define PART_QUADS ((size_t)1024)
#define PART_WINDOW 8

typedef struct wr_part {
  unsigned char *buf;
  size_t len, cap;
  int ready;
} wr_part;

typedef struct wr_file {
  const char *name;
  dg_table table;
  const char *syntax;
  char *path;
  const dg_quad *q;
  size_t nq;
  size_t nparts;  /* 0: written whole by serialize() */
  size_t claimed; /* parts (or the whole) handed to workers */
  size_t next;    /* first part not yet appended */
  int writing;    /* a worker is appending parts */
  wr_part *parts;
  dg_outfile out;
  pthread_cond_t advanced; /* next moved (or the run stopped) */
  int rc;
  dg_error err;
} wr_file;

/* Part buffers, once appended, are kept for the next parts: a fresh one
 * would be page-faulted in (and zeroed by the kernel) byte by byte again. */
#define SPARE_MAX 16
typedef struct wr_run {
  const dg_graph *g;
  wr_file f[3];
  pthread_mutex_t lock;
  int stop; /* a file failed: claim nothing more */
  wr_part spare[SPARE_MAX]; /* free buffers (buf, cap) */
  int nspare;
} wr_run;

typedef struct wr_worker {
  wr_run *r;
  raptor_world *w;
  raptor_term **cache;
  pthread_t th;
  int threaded;
} wr_worker;

/* Claim order: the Turtle file first (the longest single task), then the
 * parts of the N-Quads files. */
static const int claim_order[3] = {1, 0, 2};

/* Records the first failure of f and stops the run. Under r->lock. */
static void wr_fail(wr_run *r, wr_file *f, int rc, const dg_error *err) {
  if (f->rc == 0) f->rc = rc, f->err = *err;
  r->stop = 1;
  for (int i = 0; i < 3; i++) pthread_cond_broadcast(&r->f[i].advanced);
}

/* Appends the parts of f that are ready, in order. Called under r->lock
 * by the worker that completed a part; only one worker appends at a time,
 * the others leave their part to it. */
static void wr_append(wr_run *r, wr_file *f) {
  if (f->writing) return;
  f->writing = 1;
  while (f->rc == 0 && f->next < f->nparts && f->parts[f->next].ready) {
    wr_part *p = &f->parts[f->next];
    pthread_mutex_unlock(&r->lock);
    int bad = p->len && fwrite(p->buf, 1, p->len, f->out.fp) != p->len;
    int e = errno;
    if (!bad) dg_outfile_wrote(&f->out, p->len); /* the disk works while the serializers do */
    pthread_mutex_lock(&r->lock);
    if (r->nspare < SPARE_MAX) r->spare[r->nspare++] = (wr_part){p->buf, 0, p->cap, 0};
    else free(p->buf);
    p->buf = NULL;
    f->next++;
    pthread_cond_broadcast(&f->advanced);
    if (bad) {
      dg_error err;
      dg_error_set(&err, DG_ERR_IO, "%s: write error: %s", f->path, strerror(e));
      wr_fail(r, f, DG_ERR_IO, &err);
    }
  }
  f->writing = 0;
}

/* Serializes part i of f into memory, into buf (capacity cap) if not NULL. */
static int wr_part_run(wr_worker *k, wr_file *f, size_t i, unsigned char *buf, size_t cap,
                       dg_error *err) {
  int rc = 0;
  log_ctx lc = {err, f->path, 0};
  sink sk = {NULL, buf, 0, buf ? cap : 0, 0};
  raptor_iostream *io = NULL;
  raptor_world_set_log_handler(k->w, &lc, raptor_log);
  raptor_serializer *ser = raptor_new_serializer(k->w, f->syntax);
  size_t lo = i * PART_QUADS, n = f->nq - lo < PART_QUADS ? f->nq - lo : PART_QUADS;
  if (!ser) {
    rc = dg_error_set(err, DG_ERR_RDF, "%s: raptor has no '%s' serializer", f->path, f->syntax);
    goto cleanup;
  }
  io = raptor_new_iostream_from_handler(k->w, &sk, &sink_handler);
  if (!io || raptor_serializer_start_to_iostream(ser, NULL, io)) {
    rc = dg_error_set(err, DG_ERR_RDF, "%s: cannot start the %s serializer", f->path, f->syntax);
    goto cleanup;
  }
  put_quads(k->w, ser, k->cache, k->r->g, f->q + lo, n, 1, &lc);
  raptor_serializer_serialize_end(ser);
  raptor_free_serializer(ser);
  ser = NULL;
  if (lc.failed) rc = DG_ERR_RDF;
cleanup:
  if (ser) raptor_free_serializer(ser);
  if (io) raptor_free_iostream(io);
  raptor_world_set_log_handler(k->w, NULL, NULL); /* lc is about to go */
  if (rc == 0) {
    f->parts[i].buf = sk.buf;
    f->parts[i].len = sk.len;
    f->parts[i].cap = sk.cap;
  } else {
    free(sk.buf);
  }
  return rc;
}

static void *wr_worker_run(void *arg) {
  wr_worker *k = arg;
  wr_run *r = k->r;
  pthread_mutex_lock(&r->lock);
  for (;;) {
    wr_file *f = NULL;
    size_t i = 0;
    for (int o = 0; o < 3 && !f && !r->stop; o++) {
      wr_file *c = &r->f[claim_order[o]];
      if (c->claimed < (c->nparts ? c->nparts : 1)) f = c, i = c->claimed++;
    }
    if (!f) break;
    while (f->nparts && i >= f->next + PART_WINDOW && !r->stop)
      pthread_cond_wait(&f->advanced, &r->lock);
    if (r->stop) break;
    wr_part sp = {NULL, 0, 0, 0};
    if (f->nparts && r->nspare) sp = r->spare[--r->nspare];
    pthread_mutex_unlock(&r->lock);
    dg_error err = {0, ""};
    int rc = f->nparts ? wr_part_run(k, f, i, sp.buf, sp.cap, &err)
                       : serialize_to(k->w, k->cache, r->g, f->table, f->syntax, &f->out, &err);
    pthread_mutex_lock(&r->lock);
    if (rc < 0) {
      wr_fail(r, f, rc, &err);
    } else if (f->nparts) {
      f->parts[i].ready = 1;
      wr_append(r, f);
    }
  }
  pthread_mutex_unlock(&r->lock);
  /* each worker frees its own terms (hundreds of thousands) while the others
   * finish, instead of the calling thread freeing every cache after the join */
  free_cache(r->g, k->cache);
  k->cache = NULL;
  return NULL;
}

static void *commit_run(void *arg) {
  wr_file *f = arg;
  dg_error err;
  int rc = dg_outfile_commit(&f->out, &err);
  if (rc < 0) f->rc = rc, f->err = err;
  return NULL;
}

/* Commits the three files once all are written, at the same time: each
 * commit's fsync ends in a flush of the disk's cache (on these virtual
 * machines 0.1-0.3 s, waiting for the host), and on ext4 the journal commit
 * it forces holds up the other writers' appends. Committed as each file was
 * finished, the first two stalled both workers mid-run and the third came at
 * the end; together, one wait at the end does for all three. A commit
 * without a thread runs here. */
static void commit_all(wr_run *r) {
  pthread_t th[3];
  int started[3] = {0, 0, 0};
  for (int i = 1; i < 3; i++) started[i] = pthread_create(&th[i], NULL, commit_run, &r->f[i]) == 0;
  for (int i = 0; i < 3; i++)
    if (!started[i]) commit_run(&r->f[i]);
  for (int i = 1; i < 3; i++)
    if (started[i]) pthread_join(th[i], NULL);
}

int dg_export_rdf_files(const dg_graph *g, const char *dir, int jobs, dg_build_stats *st,
                        dg_error *err) {
  static const struct {
    const char *name;
    dg_table table;
    const char *syntax;
  } files[3] = {{"graph.nq", DG_TABLE_FACTS, "nquads"},
                {"graph.ttl", DG_TABLE_UNION, "turtle"},
                {"evidence.nq", DG_TABLE_EVIDENCE, "nquads"}};
  wr_run r;
  wr_worker *k = NULL;
  int nk = 0, rc = 0;
  memset(&r, 0, sizeof r);
  r.g = g;
  pthread_mutex_init(&r.lock, NULL);
  if (jobs <= 0) jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
  nk = jobs < 1 ? 1 : jobs;
  for (int i = 0; i < 3; i++) {
    wr_file *f = &r.f[i];
    dg_buf p;
    dg_buf_init(&p);
    dg_buf_printf(&p, "%s/%s", dir, files[i].name);
    f->path = dg_buf_steal(&p);
    f->name = files[i].name;
    f->table = files[i].table;
    f->syntax = files[i].syntax;
    f->q = table_quads(g, f->table, &f->nq);
    pthread_cond_init(&f->advanced, NULL);
    if (rc == 0) rc = dg_outfile_open(&f->out, f->path, err);
    /* one worker streams each file straight to disk: parts would only add
     * a copy */
    if (f->table == DG_TABLE_UNION || nk == 1) continue;
    /* at least one part, so that an empty table still makes its file */
    f->nparts = f->nq ? (f->nq + PART_QUADS - 1) / PART_QUADS : 1;
    f->parts = dg_xcalloc(f->nparts, sizeof *f->parts);
  }
  if (rc < 0) {
    nk = 0;
    goto cleanup;
  }
  {
    size_t tasks = 1 + r.f[0].nparts + r.f[2].nparts;
    if ((size_t)nk > tasks) nk = (int)tasks;
  }
  k = dg_xcalloc((size_t)nk, sizeof *k);
  for (int i = 0; i < nk; i++) {
    k[i].r = &r;
    if (!(k[i].w = open_world(r.f[0].path, err)) || !(k[i].cache = new_cache(g))) {
      if (k[i].w && !k[i].cache) rc = dg_error_set(err, DG_ERR_NOMEM, "%s: out of memory", r.f[0].path);
      else rc = DG_ERR_RDF;
      nk = i + 1;
      goto cleanup;
    }
  }
  /* this thread is worker 0; it claims what a worker without a thread would */
  for (int i = 1; i < nk; i++)
    k[i].threaded = pthread_create(&k[i].th, NULL, wr_worker_run, &k[i]) == 0;
  wr_worker_run(&k[0]);
  for (int i = 1; i < nk; i++)
    if (k[i].threaded) pthread_join(k[i].th, NULL);
  if (!r.stop) commit_all(&r);
  for (int i = 0; i < 3; i++) {
    if (rc == 0 && r.f[i].rc < 0) *err = r.f[i].err, rc = r.f[i].rc;
    if (rc == 0) dg_export_note_written(st, r.f[i].name);
  }
cleanup:
  for (int i = 0; i < nk; i++) {
    free_cache(g, k[i].cache);
    if (k[i].w) raptor_free_world(k[i].w);
  }
  free(k);
  for (int i = 0; i < r.nspare; i++) free(r.spare[i].buf);
  for (int i = 0; i < 3; i++) {
    wr_file *f = &r.f[i];
    if (f->out.tmp) dg_outfile_abort(&f->out);
    for (size_t j = 0; j < f->nparts; j++) free(f->parts[j].buf);
    free(f->parts);
    pthread_cond_destroy(&f->advanced);
    free(f->path);
  }
  pthread_mutex_destroy(&r.lock);
  return rc;
}
