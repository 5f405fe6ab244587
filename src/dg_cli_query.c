/* dg_cli_query: `diplograph query` (see dg_cli.h): picks the data (a store,
 * or RDF files), reads the query, and hands both to dg_query. Exit status:
 * 0 ok, 1 a query or input error (the message names the file), 2 usage. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dg_cli.h"
#include "dg_query.h"
#include "dg_str.h"

static void query_usage(FILE *fp) {
  fputs("usage: diplograph query [--store TYPE [--store-options OPTS] | DATA...]\n"
        "                        (QUERY.rq | -e SPARQL) [-r table|csv|tsv|json]\n"
        "\n"
        "Runs a SPARQL query (rasqal, through librdf) and prints its results.\n"
        "DATA: RDF files (.ttl .nt .nq .trig .rdf; graph names become contexts), or a\n"
        "      Redland sqlite store file (.sqlite). Default: the store out/kg.sqlite.\n"
        "  --store TYPE          sqlite, hashes or postgresql\n"
        "  --store-options OPTS  sqlite, hashes: dir=DIR,name=NAME (default dir=out,name=kg)\n"
        "                        postgresql: host=,port=,database=,user=,password=,name=\n"
        "  -e SPARQL             the query text itself\n"
        "  -r FORMAT             table (default), csv, tsv (SPARQL 1.1 results), json\n",
        fp);
}

/* Reads a whole file into a NUL-terminated string. */
static int read_text(const char *path, char **out, dg_error *err) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(errno));
  dg_buf b;
  dg_buf_init(&b);
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) dg_buf_add(&b, chunk, n);
  int bad = ferror(fp);
  fclose(fp);
  if (bad) {
    dg_buf_free(&b);
    return dg_error_set(err, DG_ERR_IO, "%s: read error", path);
  }
  dg_buf_cstr(&b);
  *out = dg_buf_steal(&b);
  return 0;
}

static int ends_with(const char *s, const char *suffix) {
  size_t l = strlen(s), k = strlen(suffix);
  return l >= k && !strcmp(s + l - k, suffix);
}

/* A .sqlite file named as data: the store dir/name.sqlite. */
static int sqlite_spec_of(const char *file, dg_store_spec *sp, dg_error *err) {
  dg_buf dir, name;
  dg_buf_init(&dir);
  dg_buf_init(&name);
  const char *slash = strrchr(file, '/');
  if (slash)
    dg_buf_add(&dir, file, (size_t)(slash - file) + (slash == file));
  else
    dg_buf_adds(&dir, ".");
  const char *base = slash ? slash + 1 : file;
  dg_buf_add(&name, base, strlen(base) - strlen(".sqlite"));
  int rc = dg_store_spec_parse("sqlite", NULL, dir.data, sp, err);
  if (rc == 0) {
    free(sp->name);
    sp->name = dg_buf_steal(&name);
  }
  dg_buf_free(&dir);
  dg_buf_free(&name);
  return rc;
}

int dg_cli_query(int argc, char **argv) {
  static const struct option opts[] = {{"store", required_argument, 0, 's'},
                                       {"store-options", required_argument, 0, 'S'},
                                       {"execute", required_argument, 0, 'e'},
                                       {"results", required_argument, 0, 'r'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *store = NULL, *store_options = NULL, *inline_query = NULL;
  int fmt = DG_QUERY_TABLE, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "e:r:h", opts, NULL)) != -1) {
    switch (c) {
      case 's': store = optarg; break;
      case 'S': store_options = optarg; break;
      case 'e': inline_query = optarg; break;
      case 'r':
        if ((fmt = dg_query_format_parse(optarg)) < 0) {
          fprintf(stderr, "diplograph: query: -r takes table, csv, tsv or json\n");
          return 2;
        }
        break;
      case 'h': query_usage(stdout); return 0;
      default: query_usage(stderr); return 2;
    }
  }
  char **pos = argv + optind;
  size_t npos = (size_t)(argc - optind);
  if (!inline_query && npos == 0) {
    fprintf(stderr, "diplograph: query: name a query file or give -e SPARQL\n");
    query_usage(stderr);
    return 2;
  }
  const char *query_file = inline_query ? NULL : pos[npos - 1];
  size_t ndata = inline_query ? npos : npos - 1;
  int sqlite_file = ndata == 1 && ends_with(pos[0], ".sqlite");
  if ((store || store_options) && ndata) {
    fprintf(stderr, "diplograph: query: give either --store or data files, not both\n");
    return 2;
  }
  for (size_t i = 0; i < ndata && !sqlite_file; i++)
    if (ends_with(pos[i], ".sqlite")) {
      fprintf(stderr, "diplograph: query: a .sqlite store is queried alone\n");
      return 2;
    }

  int rc = 0;
  dg_error err;
  dg_error_clear(&err);
  dg_store_spec spec = {0};
  dg_store_world w = {0};
  librdf_storage *storage = NULL;
  librdf_model *model = NULL;
  char *text = NULL, *what = NULL;

  if (query_file && (rc = read_text(query_file, &text, &err)) < 0) goto cleanup;
  if (sqlite_file)
    rc = sqlite_spec_of(pos[0], &spec, &err);
  else if (!ndata)
    rc = dg_store_spec_parse(store ? store : "sqlite", store_options, "out", &spec, &err);
  if (rc < 0) goto cleanup;
  if (spec.type) what = dg_store_spec_describe(&spec);
  if ((rc = dg_store_world_open(&w, what ? what : "query", &err)) < 0) goto cleanup;
  if (spec.type)
    rc = dg_store_open(&w, &spec, &storage, &model);
  else
    rc = dg_query_load_files(&w, pos, ndata, &storage, &model);
  if (rc < 0) goto cleanup;
  rc = dg_query_run(&w, model, query_file ? text : inline_query, query_file ? query_file : "-e",
                    (dg_query_format)fmt, stdout);
  if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
    rc = dg_error_set(&err, DG_ERR_IO, "standard output: %s", strerror(errno));
cleanup:
  if (model) librdf_free_model(model);
  if (storage) librdf_free_storage(storage);
  dg_store_world_close(&w);
  dg_store_spec_free(&spec);
  free(text);
  free(what);
  if (rc < 0) {
    fprintf(stderr, "diplograph: query: %s\n", err.msg);
    return rc == DG_ERR_USAGE ? 2 : 1;
  }
  return 0;
}
