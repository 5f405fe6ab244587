/* main: the diplograph command line. Parses options and calls the library;
 * no pipeline logic lives here. Exit status: 0 ok, 1 bad input or I/O,
 * 2 usage, 130 interrupted. */
#include <ctype.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dg_build.h"
#include "dg_cli.h"
#include "dg_outfile.h"

/* A fatal signal removes the run's temporaries and staging directories, then
 * ends the process by that signal (the shell reports 130 for SIGINT); the
 * outputs of the previous run are never touched. */
static void on_signal(int sig) {
  dg_outfile_abort_all();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install_signals(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) sigaddset(&sa.sa_mask, sigs[i]);
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    /* a SIGINT or SIGHUP ignored on entry (nohup, `&` in a script) stays ignored */
    if (sigs[i] != SIGTERM && sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    sigaction(sigs[i], &sa, NULL);
  }
  /* over a file size limit (ulimit -f) a write fails with EFBIG and the run
   * reports it, instead of being killed with a half-written temporary */
  signal(SIGXFSZ, SIG_IGN);
}

static void usage(FILE *fp) {
  fputs("usage: diplograph build [INPUT...] [-o DIR] [--base IRI] [-j N] [-q|-v]\n"
        "                        [--store sqlite|hashes|postgresql|none] [--store-options OPTS]\n"
        "                        [--keep-going|--fail-fast] [--no-dot] [--no-html]\n"
        "       diplograph query [--store TYPE --store-options OPTS | FILE.ttl|FILE.nq]\n"
        "                        (QUERY.rq | -e SPARQL) [-r table|csv|tsv|json]\n"
        "       diplograph dot [INPUT...] [--focus IRI|LABEL] [--depth N] [--relations LIST] [-o FILE]\n"
        "       diplograph --help | --version\n"
        "\n"
        "build reads statements (.txt, .html, .htm, .xml; a directory means every such\n"
        "file below it; default: corpus) and writes into DIR (default: out):\n"
        "  graph.ttl    the knowledge graph (union of all documents), Turtle\n"
        "  graph.nq     every fact in the named graph of its source document, N-Quads\n"
        "  evidence.nq  each fact in the graph of the sentence that states it (NIF)\n"
        "  kg.sqlite    a Redland store (see --store)\n"
        "  graph.dot, graph.svg, index.html  diagram and report\n"
        "\n"
        "options:\n"
        "  -o, --output DIR      output directory (default out)\n"
        "      --base IRI        base for minted IRIs (default " DG_DEFAULT_BASE ")\n"
        "      --ontology DIR    gazetteers and ontology (default: ./ontology or installed)\n"
        "  -j, --jobs N          extraction threads (default: number of cores)\n"
        "      --keep-going      skip bad documents and go on (default)\n"
        "      --fail-fast       stop at the first bad document; nothing is written\n"
        "  -q, --quiet           no summary, no warnings\n"
        "  -v, --verbose         more detail\n",
        fp);
}

/* Every IRI minted starts with the base, so it must itself be a valid
 * absolute IRI: a scheme, then nothing N-Triples forbids in an IRI. */
static int base_ok(const char *b) {
  size_t i = 0;
  while (isalpha((unsigned char)b[i]) ||
         (i && b[i] && (isdigit((unsigned char)b[i]) || strchr("+-.", b[i]))))
    i++;
  if (!i || b[i] != ':') return 0;
  for (const unsigned char *p = (const unsigned char *)b; *p; p++)
    if (*p <= 0x20 || *p == 0x7F || strchr("<>\"{}|^`\\", *p)) return 0;
  return 1;
}

static int cmd_build(int argc, char **argv) {
  static const struct option opts[] = {
      {"output", required_argument, 0, 'o'}, {"base", required_argument, 0, 'b'},
      {"ontology", required_argument, 0, 'O'}, {"jobs", required_argument, 0, 'j'},
      {"quiet", no_argument, 0, 'q'}, {"verbose", no_argument, 0, 'v'},
      {"keep-going", no_argument, 0, 'k'}, {"fail-fast", no_argument, 0, 'F'},
      {"store", required_argument, 0, 's'}, {"store-options", required_argument, 0, 'S'},
      {"no-output", no_argument, 0, 'N'}, {"no-dot", no_argument, 0, 'D'},
      {"no-html", no_argument, 0, 'H'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
  dg_build_opts o;
  memset(&o, 0, sizeof o);
  o.outdir = "out";
  o.store = "sqlite";
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:j:qvh", opts, NULL)) != -1) {
    switch (c) {
      case 'o': o.outdir = optarg; break;
      case 'b': o.base = optarg; break;
      case 'O': o.ontology_dir = optarg; break;
      case 'j': {
        char *end;
        long j = strtol(optarg, &end, 10);
        if (*end || j < 1 || j > 256) {
          fprintf(stderr, "diplograph: -j takes a number from 1 to 256\n");
          return 2;
        }
        o.jobs = (int)j;
        break;
      }
      case 'q': o.verbose = -1; break;
      case 'v': o.verbose = 1; break;
      case 'k': o.fail_fast = 0; break;
      case 'F': o.fail_fast = 1; break;
      case 's': o.store = optarg; break;
      case 'S': o.store_options = optarg; break;
      case 'N': o.no_output = 1; break;
      case 'D': o.no_dot = 1; break;
      case 'H': o.no_html = 1; break;
      case 'h': usage(stdout); return 0;
      default: usage(stderr); return 2;
    }
  }
  if (strcmp(o.store, "sqlite") && strcmp(o.store, "hashes") && strcmp(o.store, "postgresql") &&
      strcmp(o.store, "none")) {
    fprintf(stderr, "diplograph: --store must be sqlite, hashes, postgresql or none\n");
    return 2;
  }
  if (o.base && !base_ok(o.base)) {
    fprintf(stderr, "diplograph: --base must be an absolute IRI (a scheme, then no space, control "
                    "character or <>\"{}|^`\\)\n");
    return 2;
  }
  static char *def[] = {"corpus"};
  o.inputs = optind < argc ? argv + optind : def;
  o.ninputs = optind < argc ? (size_t)(argc - optind) : 1;
  dg_build_stats st;
  dg_error err;
  dg_error_clear(&err);
  int rc = dg_build_run(&o, &st, &err);
  if (rc < 0) {
    fprintf(stderr, "diplograph: error: %s\n", err.msg);
    return rc == DG_ERR_USAGE ? 2 : rc == DG_ERR_INTR ? 130 : 1;
  }
  if (o.verbose >= 0) dg_cli_print_summary(stdout, &o, &st);
  return st.failed ? 1 : 0;
}

int main(int argc, char **argv) {
  install_signals();
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version")) {
    printf("diplograph %s\n", DG_VERSION);
    return 0;
  }
  if (!strcmp(cmd, "build")) return cmd_build(argc - 1, argv + 1);
  if (!strcmp(cmd, "query")) return dg_cli_query(argc - 1, argv + 1);
  if (!strcmp(cmd, "dot")) return dg_cli_dot(argc - 1, argv + 1);
  fprintf(stderr, "diplograph: unknown command '%s'\n", cmd);
  usage(stderr);
  return 2;
}
