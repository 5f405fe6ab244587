/* dg_build: see dg_build.h. */
#include "dg_build.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dg_doc.h"
#include "dg_export.h"
#include "dg_extract.h"
#include "dg_lexicon.h"
#include "dg_outfile.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* User + system CPU seconds of the whole process so far (every thread):
 * next to wall time, it shows how busy the cores were in each phase. */
static double cpu_now(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int dir_ok(const char *d) {
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_printf(&b, "%s/diplograph.ttl", d);
  struct stat st;
  int ok = stat(b.data, &st) == 0;
  dg_buf_free(&b);
  return ok;
}

const char *dg_build_ontology_dir(const char *given) {
  if (given && *given) return given;
  const char *env = getenv("DIPLOGRAPH_ONTOLOGY");
  if (env && *env) return env;
  if (dir_ok("ontology")) return "ontology";
  if (dir_ok(DG_SOURCE_ONTOLOGY_DIR)) return DG_SOURCE_ONTOLOGY_DIR;
  return DG_INSTALL_ONTOLOGY_DIR;
}

/* Listing problems: a skipped entry is an error of the run (exit status 1,
 * or the end of it under --fail-fast), a note is a warning. */
typedef struct list_ctx {
  const dg_build_opts *o;
  dg_error first; /* the first entry skipped */
} list_ctx;

static void list_problem(void *ctx, int skipped, const char *msg) {
  list_ctx *c = ctx;
  if (skipped && !c->first.msg[0]) dg_error_set(&c->first, DG_ERR_INPUT, "%s", msg);
  /* --quiet hides warnings, never errors */
  if ((!skipped && c->o->verbose < 0) || (skipped && c->o->fail_fast)) return;
  fprintf(stderr, "diplograph: %s: %s%s\n", skipped ? "error" : "warning", msg,
          skipped ? " (skipped)" : "");
}

/* Documents in flight live in a ring of `window` slots: document k (input
 * order) uses slot k % window. Workers take documents in order while fewer
 * than `window` are taken and not yet merged; the calling thread merges
 * each into the graph in input order as soon as it is done and frees its
 * result. So at most `window` results are held whatever the corpus size,
 * and the output never depends on scheduling. With -j N there are N - 1
 * worker threads: the calling thread extracts too while the document it
 * must merge next is not done, instead of sleeping and being woken for
 * every document (on a 2-core virtual machine those wake-ups took a core
 * from a worker 20,000 times a run). */
typedef struct job {
  dg_result *res;
  size_t bytes;
  int rc;
  int done;
  char *warning;
  dg_error err;
} job;

typedef struct pool {
  char *const *paths;
  size_t njobs;
  size_t next;   /* next document to take */
  size_t merged; /* documents [0, merged) are merged and their slots free */
  size_t window;
  job *ring;
  int stop;
  pthread_mutex_t lock;
  pthread_cond_t done; /* a job finished (the merging thread waits) */
  pthread_cond_t room; /* a slot was freed, or stop (workers wait) */
  const dg_lexicon *lx;
  int fail_fast;
} pool;

static void run_job(const pool *p, const char *path, job *j) {
  dg_doc *doc = NULL;
  dg_error_clear(&j->err);
  j->rc = dg_doc_read(path, &doc, &j->err);
  if (j->rc == 0) {
    j->bytes = doc->len;
    if (doc->warning) j->warning = dg_xstrdup(doc->warning);
    j->rc = dg_extract_doc(p->lx, doc, &j->res, &j->err);
  }
  dg_doc_free(doc);
}

/* Whether a document can be taken now: one is left, the ring has room. */
static int can_take(const pool *p) {
  return !p->stop && p->next < p->njobs && p->next < p->merged + p->window;
}

/* Takes the next document and extracts it. Called and returns with the
 * lock held; runs the extraction without it. */
static void take_and_run(pool *p) {
  size_t k = p->next++;
  job *j = &p->ring[k % p->window];
  pthread_mutex_unlock(&p->lock);
  run_job(p, p->paths[k], j);
  pthread_mutex_lock(&p->lock);
  j->done = 1;
  if (j->rc < 0 && p->fail_fast) p->stop = 1;
  pthread_cond_signal(&p->done);
}

static void *worker(void *arg) {
  pool *p = arg;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (!p->stop && p->next < p->njobs && p->next >= p->merged + p->window)
      pthread_cond_wait(&p->room, &p->lock);
    if (!can_take(p)) break;
    take_and_run(p);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

/* Document k, once done; NULL if it will never run (after a fail-fast
 * stop). Without threads, runs it here; with them, extracts later documents
 * here while k is not done. */
static job *wait_job(pool *p, size_t k, int threaded) {
  job *j = &p->ring[k % p->window];
  if (!threaded) {
    if (p->stop) return NULL;
    run_job(p, p->paths[k], j);
    if (j->rc < 0 && p->fail_fast) p->stop = 1;
    return j;
  }
  pthread_mutex_lock(&p->lock);
  while (!j->done && !(p->stop && k >= p->next)) {
    if (can_take(p)) take_and_run(p);
    else pthread_cond_wait(&p->done, &p->lock);
  }
  if (!j->done) j = NULL;
  pthread_mutex_unlock(&p->lock);
  return j;
}

/* Frees document k's slot for the next document. */
static void release_job(pool *p, job *j, int threaded) {
  dg_result_free(j->res);
  free(j->warning);
  memset(j, 0, sizeof *j);
  if (!threaded) {
    p->merged++;
    return;
  }
  pthread_mutex_lock(&p->lock);
  p->merged++;
  pthread_cond_broadcast(&p->room);
  pthread_mutex_unlock(&p->lock);
}

/* Merges one finished document: reports its warning or error, adds its
 * result. Returns < 0 only when the run must stop (--fail-fast). */
static int merge_job(const dg_build_opts *o, dg_graph *g, job *j, dg_build_stats *st,
                     dg_error *err) {
  if (j->warning && o->verbose >= 0) fprintf(stderr, "diplograph: warning: %s\n", j->warning);
  if (j->rc < 0) {
    st->failed++;
    if (o->fail_fast) {
      *err = j->err;
      return j->rc;
    }
    fprintf(stderr, "diplograph: error: %s (skipped)\n", j->err.msg);
    return 0;
  }
  st->docs++;
  st->bytes += j->bytes;
  double t0 = now();
  int rc = dg_graph_add(g, j->res, err);
  st->t_merge += now() - t0;
  if (rc < 0) {
    if (o->fail_fast) return rc;
    fprintf(stderr, "diplograph: error: %s (skipped)\n", err->msg);
    st->failed++, st->docs--;
    dg_error_clear(err);
  }
  return 0;
}

static void count_classes(const dg_graph *g, dg_build_stats *st) {
  size_t n;
  const dg_node *nodes = dg_graph_nodes(g, &n);
  for (size_t i = 0; i < n; i++) {
    if (nodes[i].alias_of >= 0) continue;
    st->entities++;
    for (unsigned b = 0; b < DG_C__COUNT; b++)
      if (nodes[i].classes & (1u << b)) st->per_class[b]++;
  }
  dg_graph_edges(g, &st->facts);
  dg_graph_quads(g, &st->quads);
  dg_graph_evidence(g, &st->evidence_quads);
}

int dg_build_graph(const dg_build_opts *o, dg_graph **out, dg_build_stats *st, dg_error *err) {
  int rc = 0;
  dg_strvec files;
  dg_lexicon *lx = NULL;
  dg_graph *g = NULL;
  pool p;
  pthread_t *th = NULL;
  int started = 0;
  memset(&p, 0, sizeof p);
  memset(st, 0, sizeof *st);
  dg_strvec_init(&files);
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.done, NULL);
  pthread_cond_init(&p.room, NULL);
  const char *outdir = o->outdir ? o->outdir : "out";

  if ((rc = dg_lexicon_load(dg_build_ontology_dir(o->ontology_dir), &lx, err)) < 0) goto cleanup;
  list_ctx lc = {o, {0, ""}};
  st->failed = (size_t)dg_doc_list_inputs(o->inputs, o->ninputs, &files, list_problem, &lc);
  if (st->failed && o->fail_fast) {
    *err = lc.first;
    rc = DG_ERR_INPUT;
    goto cleanup;
  }
  if (!files.n) {
    rc = dg_error_set(err, DG_ERR_INPUT, "no input documents (.txt, .html, .htm, .xml) found");
    goto cleanup;
  }
  if (!o->no_output && (rc = dg_outfile_ensure_dir(outdir, err)) < 0) goto cleanup;

  double t0 = now(), c0 = cpu_now();
  p.paths = files.v;
  p.njobs = files.n;
  p.lx = lx;
  p.fail_fast = o->fail_fast;
  int jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (jobs < 1) jobs = 1;
  p.window = jobs > 1 ? (size_t)jobs * 8 : 1;
  p.ring = dg_xcalloc(p.window, sizeof *p.ring);
  g = dg_graph_new(o->base);
  if (jobs > 1 && files.n > 1) {
    dg_doc_global_init(); /* before any worker reads HTML or XML */
    th = dg_xmalloc((size_t)jobs * sizeof *th);
    /* this thread is the last extractor (see wait_job) */
    while (started < jobs - 1 && pthread_create(&th[started], NULL, worker, &p) == 0) started++;
  }
  for (size_t k = 0; k < files.n; k++) {
    job *j = wait_job(&p, k, started > 0);
    if (!j) break; /* not reached after a fail-fast stop */
    rc = merge_job(o, g, j, st, err);
    release_job(&p, j, started > 0);
    if (rc < 0) goto cleanup;
  }
  double t1 = now(), c1 = cpu_now();
  st->t_extract = t1 - t0;
  st->c_extract = c1 - c0;
  if (!st->docs) {
    rc = dg_error_set(err, DG_ERR_INPUT, "none of the %zu input documents could be read", files.n);
    goto cleanup;
  }
  dg_graph_finalize_threads(g, jobs);
  double t2 = now();
  st->t_graph = t2 - t1;
  st->c_graph = cpu_now() - c1;
  count_classes(g, st);
  *out = g;
  g = NULL;
cleanup:
  pthread_mutex_lock(&p.lock);
  p.stop = 1;
  pthread_cond_broadcast(&p.room);
  pthread_mutex_unlock(&p.lock);
  for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
  free(th);
  for (size_t i = 0; i < p.window; i++) {
    dg_result_free(p.ring[i].res);
    free(p.ring[i].warning);
  }
  free(p.ring);
  pthread_cond_destroy(&p.room);
  pthread_cond_destroy(&p.done);
  pthread_mutex_destroy(&p.lock);
  dg_graph_free(g);
  dg_lexicon_free(lx);
  dg_strvec_free(&files);
  return rc;
}

int dg_build_run(const dg_build_opts *o, dg_build_stats *st, dg_error *err) {
  dg_graph *g = NULL;
  int rc = dg_build_graph(o, &g, st, err);
  if (rc < 0) return rc;
  double t0 = now(), c0 = cpu_now();
  if (!o->no_output) {
    dg_outfile_guard_dir(o->outdir ? o->outdir : "out");
    rc = dg_export_all(g, o->outdir ? o->outdir : "out", o, st, err);
    dg_outfile_guard_dir(NULL);
  }
  st->t_write = now() - t0;
  st->c_write = cpu_now() - c0;
  dg_graph_free(g);
  return rc;
}
