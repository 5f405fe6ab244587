/* fuzz_extract: libFuzzer target for extraction through to RDF output.
 *
 * The input is a text file: dg_doc_from_memory decodes it, dg_extract_doc
 * extracts it with the real lexicon, and then every line of the decoded text
 * is also added as a hostile entity name (rdfcheck_add_names), so the graph
 * and exporter layers see arbitrary strings whatever the extractor finds
 * today. The graph is merged, finalized, serialized by raptor (graph.nq,
 * graph.ttl, evidence.nq into a private temporary directory, on /dev/shm when
 * there is one) and parsed back: any parse error, lost statement or invalid
 * IRI aborts, which libFuzzer reports as a crash. Built and run by
 * scripts/fuzz. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "rdfcheck.h"
#include "dg_build.h"
#include "dg_doc.h"
#include "dg_extract.h"
#include "dg_graph.h"
#include "dg_lexicon.h"

static dg_lexicon *lexicon;
static char tmpdir[256];

static void remove_tmpdir(void) { rdfcheck_cleanup(tmpdir); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  xmlInitParser();
  dg_error err;
  if (dg_lexicon_load(dg_build_ontology_dir(NULL), &lexicon, &err) < 0) {
    fprintf(stderr, "fuzz_extract: %s\n", err.msg);
    abort();
  }
  snprintf(tmpdir, sizeof tmpdir, "%s/dg-fuzz-XXXXXX",
           access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
  if (!mkdtemp(tmpdir)) abort();
  atexit(remove_tmpdir);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dg_doc *doc = NULL;
  dg_result *res = NULL;
  dg_graph *g = NULL;
  dg_strvec lines;
  dg_error err;
  char why[1024];
  dg_strvec_init(&lines);
  if (dg_doc_from_memory("fuzz.txt", (const char *)data, size, DG_FMT_TEXT, &doc, &err) < 0)
    goto cleanup;
  if (dg_extract_doc(lexicon, doc, &res, &err) < 0) goto cleanup;
  /* each line of the text (ending at LF or CR) becomes a name as well */
  for (const char *p = doc->text; *p && lines.n < 64;) {
    size_t n = strcspn(p, "\r\n");
    if (n) dg_strvec_pushn(&lines, p, n);
    p += n + (p[n] != '\0');
  }
  rdfcheck_add_names(res, lines.v, lines.n);
  g = dg_graph_new(NULL);
  if (dg_graph_add(g, res, &err) < 0) {
    fprintf(stderr, "fuzz_extract: dg_graph_add: %s\n", err.msg);
    abort();
  }
  dg_graph_finalize(g);
  if (rdfcheck_graph(g, tmpdir, why, sizeof why) < 0) {
    fprintf(stderr, "fuzz_extract: %s\n", why);
    abort();
  }
cleanup:
  dg_graph_free(g);
  dg_result_free(res);
  dg_doc_free(doc);
  dg_strvec_free(&lines);
  return 0;
}
