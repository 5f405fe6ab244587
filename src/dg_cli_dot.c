/* dg_cli_dot: `diplograph dot`, a readable part of the graph as DOT or SVG.
 *
 * Runs the build pipeline in memory (dg_build_graph: nothing is written to
 * the output directory), selects a neighbourhood of the view (dg_view_select:
 * --focus, --depth, --relations, --doc) and writes it with dg_dot_write, to
 * stdout or -o FILE; a FILE ending in .svg is laid out with Graphviz.
 * Exit status: 0 ok, 1 bad input or nothing matched, 2 usage. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dg_cli.h"
#include "dg_export_dot.h"
#include "dg_outfile.h"
#include "dg_view.h"

static void dot_usage(FILE *fp) {
  fputs("usage: diplograph dot [INPUT...] [--focus IRI|LABEL]... [--depth N]\n"
        "                      [--relations LIST] [--doc FILE] [-o FILE.dot|FILE.svg]\n"
        "\n"
        "Builds the graph of INPUT (default: corpus) in memory and draws part of it:\n"
        "  --focus X       start from the entity with IRI X (or an IRI tail such as\n"
        "                  event/asean-us-cyber-policy-dialogue-2), else the ones\n"
        "                  whose label, name or acronym is X (any case), else the\n"
        "                  ones whose label contains X; may be repeated\n"
        "  --depth N       follow facts N steps from the focus, both ways (default 1)\n"
        "  --relations L   follow and draw only these properties, comma-separated:\n"
        "                  coChair, reportsOn, venue, references (with recalls,\n"
        "                  reaffirms, welcomes, acknowledges, notes), mentions, ...\n"
        "  --doc FILE      only facts stated by this source document\n"
        "  -o FILE         write DOT to FILE (default: stdout); FILE.svg runs dot\n"
        "  --base IRI, --ontology DIR, -j N, -q, -v   as for build\n",
        fp);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "coChair,references" -> property bits; 0 and a message on a bad name. */
static int parse_relations(const char *list, unsigned *bits) {
  *bits = 0;
  char *copy = dg_xstrdup(list), *save = NULL;
  int ok = 1;
  for (char *t = strtok_r(copy, ", ", &save); t && ok; t = strtok_r(NULL, ", ", &save)) {
    int found = 0;
    for (int p = 0; p < DG_P__N; p++)
      if (!strcasecmp(t, dg_pred_name((dg_pred)p))) *bits |= 1u << p, found = 1;
    if (!strcasecmp(t, "references"))
      *bits |= 1u << DG_P_RECALLS | 1u << DG_P_REAFFIRMS | 1u << DG_P_WELCOMES |
               1u << DG_P_ACKNOWLEDGES | 1u << DG_P_NOTES;
    if (!found) {
      fprintf(stderr, "diplograph: dot: unknown relation '%s'; known:", t);
      for (int p = 0; p < DG_P__N; p++) fprintf(stderr, " %s", dg_pred_name((dg_pred)p));
      fprintf(stderr, "\n");
      ok = 0;
    }
  }
  free(copy);
  return ok;
}

/* The source document named FILE (a path, a file name, or its key). */
static int find_doc(const dg_view *v, const char *file) {
  const char *base = strrchr(file, '/');
  base = base ? base + 1 : file;
  for (size_t i = 0; i < v->nnodes; i++) {
    const dg_view_node *vn = &v->nodes[i];
    if (!vn->is_source) continue;
    if ((vn->file && (!strcmp(vn->file, file) || !strcmp(vn->file, base))) ||
        !strcmp(vn->n->key, base))
      return (int)i;
  }
  return -1;
}

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcasecmp(s + a - b, suf);
}

/* Writes the DOT of the selection to path ("-": stdout); a .svg path gets
 * the DOT laid out by Graphviz instead. */
static int emit(const dg_view *v, const dg_dot_part *part, const char *path, int verbose,
                dg_dot_stats *drawn, dg_error *err) {
  if (!strcmp(path, "-")) {
    int rc = dg_dot_write(v, part, stdout, drawn, err);
    if (rc == 0 && fflush(stdout) != 0) rc = dg_error_set(err, DG_ERR_IO, "stdout: write error");
    return rc;
  }
  int svg = has_suffix(path, ".svg"), rc;
  dg_outfile out = {0};
  dg_buf dotpath;
  dg_buf_init(&dotpath);
  dg_buf_printf(&dotpath, "%s%s", path, svg ? ".dot" : "");
  if ((rc = dg_outfile_open(&out, dotpath.data, err)) < 0) goto cleanup;
  if ((rc = dg_dot_write(v, part, out.fp, drawn, err)) < 0) goto cleanup;
  if (!svg) {
    rc = dg_outfile_commit(&out, err);
    goto cleanup;
  }
  /* lay out the temporary DOT file, then drop it */
  if (fflush(out.fp) != 0) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: write error", out.tmp);
    goto cleanup;
  }
  if (drawn->layout_nodes > DG_DOT_MAX_NODES && verbose >= 0)
    fprintf(stderr,
            "diplograph: note: %zu nodes: dot will be slow and the drawing hard to read; "
            "a smaller --depth or --relations helps\n",
            drawn->layout_nodes);
  rc = dg_dot_render(out.tmp, path, 0, verbose, err);
  if (rc > 0) rc = dg_error_set(err, DG_ERR_IO, "%s: Graphviz `dot` is not installed", path);
cleanup:
  dg_outfile_abort(&out);
  dg_buf_free(&dotpath);
  return rc;
}

int dg_cli_dot(int argc, char **argv) {
  static const struct option opts[] = {
      {"output", required_argument, 0, 'o'},   {"focus", required_argument, 0, 'f'},
      {"depth", required_argument, 0, 'd'},    {"relations", required_argument, 0, 'r'},
      {"doc", required_argument, 0, 'D'},      {"base", required_argument, 0, 'b'},
      {"ontology", required_argument, 0, 'O'}, {"jobs", required_argument, 0, 'j'},
      {"quiet", no_argument, 0, 'q'},          {"verbose", no_argument, 0, 'v'},
      {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
  dg_build_opts o;
  memset(&o, 0, sizeof o);
  o.no_output = 1;
  o.store = "none";
  const char *output = "-", *doc = NULL;
  dg_strvec focus;
  dg_strvec_init(&focus);
  int depth = 1, c, status = 0;
  unsigned relations = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:j:qvh", opts, NULL)) != -1) {
    char *end;
    long n;
    switch (c) {
      case 'o': output = optarg; break;
      case 'f': dg_strvec_push(&focus, optarg); break;
      case 'd':
        n = strtol(optarg, &end, 10);
        if (*end || n < 0 || n > 1000) {
          fprintf(stderr, "diplograph: dot: --depth takes a number from 0 to 1000\n");
          status = 2;
        }
        depth = (int)n;
        break;
      case 'r':
        if (!parse_relations(optarg, &relations)) status = 2;
        break;
      case 'D': doc = optarg; break;
      case 'b': o.base = optarg; break;
      case 'O': o.ontology_dir = optarg; break;
      case 'j':
        n = strtol(optarg, &end, 10);
        if (*end || n < 1 || n > 256) {
          fprintf(stderr, "diplograph: dot: -j takes a number from 1 to 256\n");
          status = 2;
        }
        o.jobs = (int)n;
        break;
      case 'q': o.verbose = -1; break;
      case 'v': o.verbose = 1; break;
      case 'h':
        dot_usage(stdout);
        dg_strvec_free(&focus);
        return 0;
      default: status = 2; break;
    }
    if (status) {
      if (c == '?') dot_usage(stderr);
      dg_strvec_free(&focus);
      return 2;
    }
  }
  static char *def[] = {"corpus"};
  o.inputs = optind < argc ? argv + optind : def;
  o.ninputs = optind < argc ? (size_t)(argc - optind) : 1;

  dg_graph *g = NULL;
  dg_view *v = NULL;
  int *sel = NULL, *m = NULL;
  unsigned char *keep_node = NULL, *keep_fact = NULL;
  size_t nsel = 0;
  dg_dot_stats drawn = {0, 0};
  dg_buf title;
  dg_buf_init(&title);
  dg_build_stats st;
  dg_error err;
  dg_error_clear(&err);
  double t0 = now();
  int rc = dg_build_graph(&o, &g, &st, &err);
  if (rc < 0) goto cleanup;
  double t1 = now();
  v = dg_view_new(g, dg_build_ontology_dir(o.ontology_dir));

  for (size_t i = 0; i < focus.n; i++) {
    size_t n = dg_view_match(v, focus.v[i], &m);
    if (!n) {
      rc = dg_error_set(&err, DG_ERR_INPUT, "no entity matches --focus '%s'", focus.v[i]);
      goto cleanup;
    }
    if (n > 1 && o.verbose >= 0)
      fprintf(stderr, "diplograph: note: --focus '%s' matches %zu entities; drawing around all\n",
              focus.v[i], n);
    sel = dg_xrealloc(sel, (nsel + n) * sizeof *sel);
    memcpy(sel + nsel, m, n * sizeof *m);
    nsel += n;
    dg_buf_printf(&title, "%s%s", i ? ", " : "", n == 1 ? v->nodes[m[0]].n->label : focus.v[i]);
    free(m);
    m = NULL;
  }
  int docnode = -1;
  if (doc && (docnode = find_doc(v, doc)) < 0) {
    rc = dg_error_set(&err, DG_ERR_INPUT, "--doc %s: not a source document of this run", doc);
    goto cleanup;
  }
  if (nsel) {
    char d[48];
    snprintf(d, sizeof d, " (depth %d)", depth);
    dg_buf_adds(&title, d);
  }
  if (docnode >= 0)
    dg_buf_printf(&title, "%sfacts stated in %s", title.len ? ", " : "",
                  v->nodes[docnode].file ? v->nodes[docnode].file : v->nodes[docnode].n->label);
  keep_node = dg_xmalloc(v->nnodes ? v->nnodes : 1);
  keep_fact = dg_xmalloc(v->nfacts ? v->nfacts : 1);
  dg_view_select(v, sel, nsel, depth, relations, docnode, keep_node, keep_fact);
  dg_dot_part part = {keep_node, keep_fact, title.len ? title.data : NULL};
  double t2 = now();
  rc = emit(v, &part, output, o.verbose, &drawn, &err);
  if (rc == 0 && o.verbose > 0)
    fprintf(stderr, "dot: %zu of %zu nodes drawn; time: build %.3fs, view %.3fs, write %.3fs\n",
            drawn.entities, v->nnodes, t1 - t0, t2 - t1, now() - t2);
cleanup:
  if (rc < 0) {
    fprintf(stderr, "diplograph: error: %s\n", err.msg);
    status = rc == DG_ERR_USAGE ? 2 : rc == DG_ERR_INTR ? 130 : 1;
  }
  free(sel), free(m), free(keep_node), free(keep_fact);
  dg_buf_free(&title);
  dg_view_free(v);
  dg_graph_free(g);
  dg_strvec_free(&focus);
  return status;
}
