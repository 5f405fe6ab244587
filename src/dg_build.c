/* dg_build: see dg_build.h. */
#include "dg_build.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* One slot per input file, filled by whichever worker takes it. */
typedef struct job {
  const char *path;
  dg_result *res;
  size_t bytes;
  int rc;
  dg_error err;
  char *warning;
} job;

typedef struct pool {
  job *jobs;
  size_t njobs;
  size_t next;
  int stop;
  pthread_mutex_t lock;
  const dg_lexicon *lx;
  int fail_fast;
} pool;

static void run_job(pool *p, job *j) {
  dg_doc *doc = NULL;
  dg_error_clear(&j->err);
  j->rc = dg_doc_read(j->path, &doc, &j->err);
  if (j->rc == 0) {
    j->bytes = doc->len;
    if (doc->warning) j->warning = dg_xstrdup(doc->warning);
    j->rc = dg_extract_doc(p->lx, doc, &j->res, &j->err);
  }
  dg_doc_free(doc);
}

static void *worker(void *arg) {
  pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    if (p->stop || p->next >= p->njobs) {
      pthread_mutex_unlock(&p->lock);
      return NULL;
    }
    job *j = &p->jobs[p->next++];
    pthread_mutex_unlock(&p->lock);
    run_job(p, j);
    if (j->rc < 0 && p->fail_fast) {
      pthread_mutex_lock(&p->lock);
      p->stop = 1;
      pthread_mutex_unlock(&p->lock);
    }
  }
}

static int run_pool(pool *p, int jobs) {
  if (jobs <= 1 || p->njobs < 2) {
    worker(p);
    return 0;
  }
  pthread_t *th = dg_xmalloc((size_t)jobs * sizeof *th);
  int started = 0;
  for (int i = 0; i < jobs; i++)
    if (pthread_create(&th[i], NULL, worker, p) == 0) started++;
    else break;
  if (!started) worker(p);
  for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
  free(th);
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
  memset(&p, 0, sizeof p);
  memset(st, 0, sizeof *st);
  dg_strvec_init(&files);
  pthread_mutex_init(&p.lock, NULL);
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

  double t0 = now();
  p.njobs = files.n;
  p.jobs = dg_xcalloc(files.n, sizeof *p.jobs);
  for (size_t i = 0; i < files.n; i++) p.jobs[i].path = files.v[i];
  p.lx = lx;
  p.fail_fast = o->fail_fast;
  int jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (jobs < 1) jobs = 1;
  run_pool(&p, jobs);
  double t1 = now();
  st->t_extract = t1 - t0;

  g = dg_graph_new(o->base);
  for (size_t i = 0; i < p.njobs; i++) {
    job *j = &p.jobs[i];
    if (j->warning && o->verbose >= 0) fprintf(stderr, "diplograph: warning: %s\n", j->warning);
    if (!j->res && j->rc == 0) continue; /* not reached after a fail-fast stop */
    if (j->rc < 0) {
      st->failed++;
      if (o->fail_fast) {
        *err = j->err;
        rc = j->rc;
        goto cleanup;
      }
      fprintf(stderr, "diplograph: error: %s (skipped)\n", j->err.msg);
      continue;
    }
    st->docs++;
    st->bytes += j->bytes;
    if ((rc = dg_graph_add(g, j->res, err)) < 0) {
      if (o->fail_fast) goto cleanup;
      fprintf(stderr, "diplograph: error: %s (skipped)\n", err->msg);
      st->failed++, st->docs--;
      rc = 0;
      dg_error_clear(err);
    }
    dg_result_free(j->res);
    j->res = NULL;
  }
  if (!st->docs) {
    rc = dg_error_set(err, DG_ERR_INPUT, "none of the %zu input documents could be read", files.n);
    goto cleanup;
  }
  dg_graph_finalize(g);
  double t2 = now();
  st->t_graph = t2 - t1;
  count_classes(g, st);
  *out = g;
  g = NULL;
cleanup:
  for (size_t i = 0; i < p.njobs; i++) {
    dg_result_free(p.jobs[i].res);
    free(p.jobs[i].warning);
  }
  free(p.jobs);
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
  double t0 = now();
  if (!o->no_output) {
    dg_outfile_guard_dir(o->outdir ? o->outdir : "out");
    rc = dg_export_all(g, o->outdir ? o->outdir : "out", o, st, err);
    dg_outfile_guard_dir(NULL);
  }
  st->t_write = now() - t0;
  dg_graph_free(g);
  return rc;
}
