/* test_hostile: names that try to break the output, straight through the
 * graph and export layers (dg_result -> dg_graph -> dg_export_raptor), so
 * the check does not depend on what the extractor finds today.
 *
 * Each hostile string becomes an entity key, a name, an acronym, a string
 * literal and an evidence sentence (rdfcheck_add_names), and one of them is
 * also the source file name. All three outputs must then parse back with
 * raptor with the same number of statements (fuzz/rdfcheck.h), every IRI
 * must be valid (percent-encoded where needed), and python3-rdflib must read
 * them too, with the literals it reads (from graph.nq and graph.ttl) equal
 * to the strings given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../fuzz/rdfcheck.h"
#include "dg_fact.h"
#include "dg_graph.h"
#include "testhelp.h"

static char *const hostile[] = {
    "The 3rd \"Quote\\Back>slash\" Cyber Policy Dialogue",
    "<http://evil.example/s> <http://evil.example/p> \"x\" .",
    "\" . <http://evil.example/a> <http://evil.example/b> \"",
    "ends with a quote\"",
    "ends with a backslash\\",
    "\"\"\"triple quoted\"\"\"",
    "line one\nline two",
    "line one\r\nline two",
    "tab\there and\fform feed",
    "control \x01\x02\x1b\x7f chars",
    "hash # question ? percent % amp & at @en ^^<x>",
    "curly {a} pipe | caret ^ backtick ` lt < gt >",
    "   many   spaces   ",
    "-",
    "...",
    "_:b0",
    "C\xC3\xB4te d\xE2\x80\x99Ivoire \xE2\x80\x94 na\xC3\xAFve",
    "\xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80 emoji",
    "\xD8\xAC\xD8\xA7\xD9\x85\xD8\xB9\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xAF\xD9\x88\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9",
    "right-to-left \xE2\x80\xAE" "override \xE2\x80\xAC and \xE2\x80\x8F mark",
    "zero\xE2\x80\x8Bwidth \xEF\xBB\xBF bom \xE2\x80\xA8 line sep \xC2\x85 nel",
};
#define NHOSTILE (sizeof hostile / sizeof *hostile)

/* The second opinion: Debian's python3-rdflib reads the three files in dir,
 * and every string of strings_file (NUL-separated) is a literal of graph.nq.
 * Returns the script's exit status (0 when all holds). */
static int rdflib_check(const char *dir, const char *strings_file) {
  static const char script[] =
      "import sys, rdflib\n"
      "d, want = sys.argv[1], open(sys.argv[2], encoding='utf-8', newline='').read().split('\\0')[:-1]\n"
      "cg = rdflib.ConjunctiveGraph(); cg.parse(d + '/graph.nq', format='nquads')\n"
      "tg = rdflib.Graph(); tg.parse(d + '/graph.ttl', format='turtle')\n"
      "rdflib.ConjunctiveGraph().parse(d + '/evidence.nq', format='nquads')\n"
      "lits = {str(o) for o in cg.objects() if isinstance(o, rdflib.Literal)}\n"
      "# rdflib 6.1 reads \\\\ in N-Quads wrongly; strings with a backslash are left to raptor\n"
      "miss = [w for w in want if '\\\\' not in w and w not in lits]\n"
      "if miss: sys.exit('literals lost or changed: %r' % miss[:3])\n"
      "tlits = {str(o) for o in tg.objects() if isinstance(o, rdflib.Literal)}\n"
      "miss = [w for w in want if w not in tlits]\n"
      "if miss: sys.exit('graph.ttl: literals lost or changed: %r' % miss[:3])\n";
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c \"$DG_SCRIPT\" '%s' '%s'", dir, strings_file);
  setenv("DG_SCRIPT", script, 1);
  int st = system(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static dg_graph *hostile_graph(char *const *names, size_t n, const char *file) {
  dg_result *r = dg_result_new(file, file);
  r->ents[0].classes |= DG_C_STATEMENT;
  dg_result_name(r, 0, names[0]);
  rdfcheck_add_names(r, names, n);
  /* literal facts of every datatype, holding hostile text */
  dg_result_literal(r, 0, DG_P_DATE, DG_L_DATE, "2019-10-03\" .", -1);
  dg_result_literal(r, 0, DG_P_ORDINAL, DG_L_INTEGER, "3", -1);
  dg_graph *g = dg_graph_new(NULL);
  dg_error err;
  CHECK(dg_graph_add(g, r, &err) == 0);
  dg_result_free(r);
  dg_graph_finalize(g);
  return g;
}

static void check_outputs(const dg_graph *g, const char *dir, char *const *names, size_t n) {
  char why[1024];
  int rc = rdfcheck_graph(g, dir, why, sizeof why);
  if (rc) fprintf(stderr, "rdfcheck: %s\n", why);
  CHECK(rc == 0);
  /* every IRI is ASCII: non-ASCII is percent-encoded */
  for (size_t i = 0; i < dg_graph_nterms(g); i++) {
    const dg_term *t = dg_graph_term(g, (uint32_t)i);
    if (t->kind != DG_TERM_IRI) continue;
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)t->value; *p; p++) ascii &= *p < 0x80;
    CHECK(ascii);
  }
  char sf[4096];
  snprintf(sf, sizeof sf, "%s/strings", dir);
  FILE *f = fopen(sf, "wb");
  for (size_t i = 0; f && i < n; i++) fwrite(names[i], 1, strlen(names[i]) + 1, f);
  if (f) fclose(f);
  CHECK(rdflib_check(dir, sf) == 0);
  unlink(sf);
}

int main(void) {
  char dir[] = "/tmp/dg-test-hostile-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);

  /* the names, with a hostile source file name */
  dg_graph *g = hostile_graph(hostile, NHOSTILE, "we\"ird <file>\\ #1 \xD8\xB9.txt");
  check_outputs(g, dir, hostile, NHOSTILE);
  dg_graph_free(g);

  /* one long non-ASCII key: the slug is cut, never inside an escape */
  dg_buf b;
  dg_buf_init(&b);
  for (int i = 0; i < 60; i++) dg_buf_adds(&b, "\xE2\x80\x99" "a\xC3\xA9");
  char *longname[] = {b.data};
  g = hostile_graph(longname, 1, "long.txt");
  check_outputs(g, dir, longname, 1);
  dg_graph_free(g);
  dg_buf_free(&b);

  /* A carriage return alone, in a name and in the file name: raptor
   * 2.0.15's Turtle serializer writes it raw; dg_export_rdf's Turtle sink
   * escapes it, so graph.ttl parses and holds the same character. */
  char *cr[] = {"carriage\rreturn", "cr\rname.txt"};
  g = hostile_graph(cr, 2, "cr\rname.txt");
  check_outputs(g, dir, cr, 2);
  dg_graph_free(g);

  rdfcheck_cleanup(dir);
  return TEST_REPORT();
}
