/* dg_query: see dg_query.h. */
#include "dg_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dg_graph.h"
#include "dg_str.h"

int dg_query_format_parse(const char *name) {
  static const char *const names[] = {"table", "csv", "tsv", "json"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(name, names[i])) return i;
  return -1;
}

/* -------------------------------------------------------------- loading */

typedef struct load_ctx {
  dg_store_world *w;
  librdf_model *model;
  int failed;
} load_ctx;

static void on_statement(void *user, raptor_statement *st) {
  load_ctx *c = user;
  if (c->failed) return;
  /* librdf_statement is raptor_statement; the storage copies what it keeps */
  if (librdf_model_context_add_statement(c->model, st->graph, st)) c->failed = 1;
}

/* Raptor's own log, while a file is parsed: the first error, with its line. */
static void on_raptor_log(void *user, raptor_log_message *m) {
  load_ctx *c = user;
  if (m->level < RAPTOR_LOG_LEVEL_ERROR || c->w->failed) return;
  int line = m->locator ? m->locator->line : -1;
  if (line > 0)
    dg_error_set(c->w->err, DG_ERR_INPUT, "%s:%d: %s", c->w->what, line, m->text ? m->text : "error");
  else
    dg_error_set(c->w->err, DG_ERR_INPUT, "%s: %s", c->w->what, m->text ? m->text : "error");
  c->w->failed = 1;
  c->failed = 1;
}

static const char *syntax_of(const char *file) {
  static const struct {
    const char *ext, *syntax;
  } map[] = {{".ttl", "turtle"}, {".nt", "ntriples"}, {".nq", "nquads"}, {".trig", "trig"},
             {".rdf", "rdfxml"}, {".owl", "rdfxml"},  {".xml", "rdfxml"}, {".n3", "turtle"}};
  size_t l = strlen(file);
  for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
    size_t el = strlen(map[i].ext);
    if (l > el && !strcmp(file + l - el, map[i].ext)) return map[i].syntax;
  }
  return NULL;
}

static int load_one(dg_store_world *w, librdf_model *model, const char *file) {
  int rc = 0;
  raptor_world *rw = librdf_world_get_raptor(w->world);
  raptor_parser *p = NULL;
  raptor_uri *uri = NULL;
  FILE *fp = NULL;
  load_ctx c = {w, model, 0};
  const char *syntax = syntax_of(file);
  w->what = file;
  if (!syntax) {
    rc = dg_error_set(w->err, DG_ERR_USAGE,
                      "%s: unknown RDF syntax (name it .ttl, .nt, .nq, .trig or .rdf)", file);
    goto cleanup;
  }
  if (!(fp = fopen(file, "rb"))) {
    rc = dg_error_set(w->err, DG_ERR_IO, "%s: %s", file, strerror(errno));
    goto cleanup;
  }
  p = raptor_new_parser(rw, syntax);
  uri = raptor_new_uri_from_uri_or_file_string(rw, NULL, (const unsigned char *)file);
  if (!p || !uri) {
    rc = dg_error_set(w->err, DG_ERR_RDF, "%s: cannot start the %s parser", file, syntax);
    goto cleanup;
  }
  raptor_world_set_log_handler(rw, &c, on_raptor_log);
  raptor_parser_set_statement_handler(p, &c, on_statement);
  if (raptor_parser_parse_file_stream(p, fp, file, uri) || c.failed || w->failed) {
    if (!w->failed) dg_error_set(w->err, DG_ERR_INPUT, "%s: cannot load it", file);
    w->failed = 1;
    rc = DG_ERR_INPUT;
  }
  raptor_world_set_log_handler(rw, NULL, NULL);
cleanup:
  if (uri) raptor_free_uri(uri);
  if (p) raptor_free_parser(p);
  if (fp) fclose(fp);
  return rc;
}

int dg_query_load_files(dg_store_world *w, char *const *files, size_t nfiles,
                        librdf_storage **storage, librdf_model **model) {
  int rc = 0;
  *model = NULL;
  *storage = librdf_new_storage(w->world, "hashes", NULL, "hash-type='memory',contexts='yes'");
  if (!*storage || !(*model = librdf_new_model(w->world, *storage, NULL))) {
    rc = dg_error_set(w->err, DG_ERR_RDF, "cannot make an in-memory librdf model");
    goto cleanup;
  }
  for (size_t i = 0; i < nfiles; i++)
    if ((rc = load_one(w, *model, files[i])) < 0) goto cleanup;
cleanup:
  if (rc < 0) {
    if (*model) librdf_free_model(*model);
    if (*storage) librdf_free_storage(*storage);
    *model = NULL;
    *storage = NULL;
  }
  return rc;
}

/* -------------------------------------------------------------- output */

typedef struct cell {
  librdf_node *node; /* NULL when unbound */
  char *text;        /* table rendering */
} cell;

static const struct {
  const char *prefix, *ns;
} table_prefixes[] = {{"dg", DG_NS},        {"id", DG_DEFAULT_BASE}, {"rdf", DG_NS_RDF},
                      {"rdfs", DG_NS_RDFS}, {"xsd", DG_NS_XSD},       {"skos", DG_NS_SKOS},
                      {"owl", DG_NS_OWL},   {"prov", DG_NS_PROV},     {"dcterms", DG_NS_DCT},
                      {"schema", DG_NS_SCHEMA}, {"nif", DG_NS_NIF}};

/* Control characters would break the table's lines. */
static void add_printable(dg_buf *b, const char *s) {
  for (; *s; s++) dg_buf_addc(b, (unsigned char)*s < 0x20 ? ' ' : *s);
}

static char *table_text(librdf_node *n) {
  dg_buf b;
  dg_buf_init(&b);
  if (!n) {
    /* unbound: empty */
  } else if (librdf_node_is_resource(n)) {
    const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
    size_t i, np = sizeof table_prefixes / sizeof *table_prefixes;
    for (i = 0; i < np; i++) {
      size_t l = strlen(table_prefixes[i].ns);
      if (!strncmp(iri, table_prefixes[i].ns, l) && iri[l]) {
        dg_buf_printf(&b, "%s:", table_prefixes[i].prefix);
        add_printable(&b, iri + l);
        break;
      }
    }
    if (i == np) {
      dg_buf_addc(&b, '<');
      add_printable(&b, iri);
      dg_buf_addc(&b, '>');
    }
  } else if (librdf_node_is_literal(n)) {
    add_printable(&b, (const char *)librdf_node_get_literal_value(n));
  } else {
    dg_buf_printf(&b, "_:%s", (const char *)librdf_node_get_blank_identifier(n));
  }
  dg_buf_cstr(&b);
  return dg_buf_steal(&b);
}

static void json_string(FILE *fp, const char *s) {
  fputc('"', fp);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      fprintf(fp, "\\%c", ch);
    else if (ch == '\n')
      fputs("\\n", fp);
    else if (ch == '\t')
      fputs("\\t", fp);
    else if (ch == '\r')
      fputs("\\r", fp);
    else if (ch < 0x20)
      fprintf(fp, "\\u%04x", ch);
    else
      fputc(ch, fp);
  }
  fputc('"', fp);
}

static void json_term(FILE *fp, librdf_node *n) {
  if (librdf_node_is_resource(n)) {
    fputs("{\"type\": \"uri\", \"value\": ", fp);
    json_string(fp, (const char *)librdf_uri_as_string(librdf_node_get_uri(n)));
  } else if (librdf_node_is_literal(n)) {
    fputs("{\"type\": \"literal\", \"value\": ", fp);
    json_string(fp, (const char *)librdf_node_get_literal_value(n));
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    if (lang && *lang) {
      fputs(", \"xml:lang\": ", fp);
      json_string(fp, lang);
    } else if (dt) {
      fputs(", \"datatype\": ", fp);
      json_string(fp, (const char *)librdf_uri_as_string(dt));
    }
  } else {
    fputs("{\"type\": \"bnode\", \"value\": ", fp);
    json_string(fp, (const char *)librdf_node_get_blank_identifier(n));
  }
  fputc('}', fp);
}

static void print_rule(FILE *fp, const size_t *width, int nv) {
  for (int i = 0; i < nv; i++) {
    if (i) fputc('+', fp);
    for (size_t k = 0; k < width[i] + (i ? 2 : 1); k++) fputc('-', fp);
  }
  fputc('\n', fp);
}

static void print_cell(FILE *fp, const char *text, size_t width, int first, int last) {
  if (!first) fputs("| ", fp);
  fputs(text, fp);
  if (last) return;
  for (size_t k = dg_utf8_count(text, strlen(text)); k <= width; k++) fputc(' ', fp);
}

/* Reads every row of a bindings result into cells[row * nv + col]. */
static size_t read_rows(librdf_query_results *r, int nv, cell **out, int want_text) {
  size_t n = 0, cap = 0;
  cell *cells = NULL;
  while (!librdf_query_results_finished(r)) {
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      cells = dg_xrealloc(cells, cap * (size_t)(nv ? nv : 1) * sizeof *cells);
    }
    for (int i = 0; i < nv; i++) {
      cell *c = &cells[n * (size_t)nv + (size_t)i];
      c->node = librdf_query_results_get_binding_value(r, i);
      c->text = want_text ? table_text(c->node) : NULL;
    }
    n++;
    librdf_query_results_next(r);
  }
  *out = cells;
  return n;
}

static void free_rows(cell *cells, size_t n, int nv) {
  for (size_t i = 0; i < n * (size_t)nv; i++) {
    if (cells[i].node) librdf_free_node(cells[i].node);
    free(cells[i].text);
  }
  free(cells);
}

static void print_table(librdf_query_results *r, const dg_strvec *names, FILE *fp) {
  int nv = (int)names->n;
  cell *cells = NULL;
  size_t n = read_rows(r, nv, &cells, 1);
  size_t *width = dg_xcalloc((size_t)(nv ? nv : 1), sizeof *width);
  for (int i = 0; i < nv; i++) {
    width[i] = dg_utf8_count(names->v[i], strlen(names->v[i]));
    for (size_t row = 0; row < n; row++) {
      const char *t = cells[row * (size_t)nv + (size_t)i].text;
      size_t w = dg_utf8_count(t, strlen(t));
      if (w > width[i]) width[i] = w;
    }
  }
  for (int i = 0; i < nv; i++)
    print_cell(fp, names->v[i], width[i], i == 0, i == nv - 1);
  fputc('\n', fp);
  print_rule(fp, width, nv);
  for (size_t row = 0; row < n; row++) {
    for (int i = 0; i < nv; i++)
      print_cell(fp, cells[row * (size_t)nv + (size_t)i].text, width[i], i == 0, i == nv - 1);
    fputc('\n', fp);
  }
  fprintf(fp, "(%zu row%s)\n", n, n == 1 ? "" : "s");
  free(width);
  free_rows(cells, n, nv);
}

static void print_json(librdf_query_results *r, const dg_strvec *names, FILE *fp) {
  int nv = (int)names->n;
  cell *cells = NULL;
  size_t n = read_rows(r, nv, &cells, 0);
  fputs("{\n  \"head\": {\"vars\": [", fp);
  for (int i = 0; i < nv; i++) {
    if (i) fputs(", ", fp);
    json_string(fp, names->v[i]);
  }
  fputs("]},\n  \"results\": {\"bindings\": [", fp);
  for (size_t row = 0; row < n; row++) {
    fputs(row ? ",\n    {" : "\n    {", fp);
    int first = 1;
    for (int i = 0; i < nv; i++) {
      librdf_node *node = cells[row * (size_t)nv + (size_t)i].node;
      if (!node) continue; /* SPARQL JSON: unbound variables are left out */
      if (!first) fputs(", ", fp);
      first = 0;
      json_string(fp, names->v[i]);
      fputs(": ", fp);
      json_term(fp, node);
    }
    fputc('}', fp);
  }
  fputs(n ? "\n  ]}\n}\n" : "]}\n}\n", fp);
  free_rows(cells, n, nv);
}

static int print_graph(dg_store_world *w, librdf_query_results *r, FILE *fp) {
  int rc = 0;
  librdf_stream *s = librdf_query_results_as_stream(r);
  librdf_serializer *ser = librdf_new_serializer(w->world, "ntriples", NULL, NULL);
  if (!s || !ser || librdf_serializer_serialize_stream_to_file_handle(ser, fp, NULL, s))
    rc = dg_error_set(w->err, DG_ERR_RDF, "%s: cannot write the graph result", w->what);
  if (ser) librdf_free_serializer(ser);
  if (s) librdf_free_stream(s);
  return rc;
}

/* The projected variable names of a SELECT, from rasqal itself: librdf
 * reports none when the result has no rows. */
static void projection_names(dg_store_world *w, const char *sparql, dg_strvec *names) {
  rasqal_world *rq = librdf_world_get_rasqal(w->world);
  rasqal_query *q = rq ? rasqal_new_query(rq, "sparql", NULL) : NULL;
  if (q && !rasqal_query_prepare(q, (const unsigned char *)sparql, NULL)) {
    raptor_sequence *seq = rasqal_query_get_bound_variable_sequence(q);
    for (int i = 0; seq && i < raptor_sequence_size(seq); i++) {
      rasqal_variable *v = raptor_sequence_get_at(seq, i);
      if (v && v->name) dg_strvec_push(names, (const char *)v->name);
    }
  }
  if (q) rasqal_free_query(q);
}

int dg_query_run(dg_store_world *w, librdf_model *model, const char *sparql, const char *what,
                 dg_query_format fmt, FILE *fp) {
  int rc = 0;
  librdf_query *q = NULL;
  librdf_query_results *r = NULL;
  w->what = what;
  w->failed = 0;
  q = librdf_new_query(w->world, "sparql", NULL, (const unsigned char *)sparql, NULL);
  if (!q) {
    rc = dg_error_set(w->err, DG_ERR_INPUT, "%s: cannot make a SPARQL query", what);
    goto cleanup;
  }
  r = librdf_model_query_execute(model, q);
  if (!r || w->failed) {
    if (!w->failed) dg_error_set(w->err, DG_ERR_INPUT, "%s: the query failed", what);
    rc = w->err->code ? w->err->code : DG_ERR_INPUT;
    goto cleanup;
  }
  if (librdf_query_results_is_boolean(r)) {
    int b = librdf_query_results_get_boolean(r);
    if (fmt == DG_QUERY_JSON)
      fprintf(fp, "{\n  \"head\": {},\n  \"boolean\": %s\n}\n", b > 0 ? "true" : "false");
    else
      fprintf(fp, "%s\n", b > 0 ? "true" : "false");
  } else if (librdf_query_results_is_graph(r)) {
    rc = print_graph(w, r, fp);
  } else if ((fmt == DG_QUERY_CSV || fmt == DG_QUERY_TSV) && librdf_query_results_finished(r)) {
    /* rasqal writes nothing at all for no rows; the header is still due */
    dg_strvec names;
    dg_strvec_init(&names);
    projection_names(w, sparql, &names);
    for (size_t i = 0; i < names.n; i++)
      fprintf(fp, "%s%s%s", i ? (fmt == DG_QUERY_CSV ? "," : "\t") : "",
              fmt == DG_QUERY_TSV ? "?" : "", names.v[i]);
    fputs(fmt == DG_QUERY_CSV ? "\r\n" : "\n", fp); /* as rasqal ends its lines */
    dg_strvec_free(&names);
  } else if (fmt == DG_QUERY_CSV || fmt == DG_QUERY_TSV) {
    if (librdf_query_results_to_file_handle2(r, fp, fmt == DG_QUERY_CSV ? "csv" : "tsv", NULL,
                                             NULL, NULL))
      rc = dg_error_set(w->err, DG_ERR_RDF, "%s: cannot format the results", what);
  } else {
    /* names first: librdf forgets them once the rows are read */
    dg_strvec names;
    dg_strvec_init(&names);
    int nv = librdf_query_results_get_bindings_count(r);
    for (int i = 0; i < nv; i++) {
      const char *name = librdf_query_results_get_binding_name(r, i);
      dg_strvec_push(&names, name ? name : "");
    }
    if (!nv) projection_names(w, sparql, &names);
    if (fmt == DG_QUERY_TABLE)
      print_table(r, &names, fp);
    else
      print_json(r, &names, fp);
    dg_strvec_free(&names);
  }
  if (!rc && w->failed) rc = w->err->code ? w->err->code : DG_ERR_RDF;
cleanup:
  if (r) librdf_free_query_results(r);
  if (q) librdf_free_query(q);
  return rc;
}
