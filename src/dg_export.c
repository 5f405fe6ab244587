/* dg_export: see dg_export.h.
 *
 * A run writes every file into a staging directory inside outdir first
 * (DG_OUTFILE_STAGE_PREFIX, which SIGINT cleanup knows) and
 * moves them into outdir only when every exporter has succeeded, so a run
 * that fails (at any exporter) leaves the previous outputs as they were,
 * never a mix of two runs. Exporters see the staging directory as outdir. */
#include "dg_export.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dg_export_dot.h"
#include "dg_export_html.h"
#include "dg_export_rdf.h"
#include "dg_outfile.h"
#include "dg_store.h"

void dg_export_note_written(dg_build_stats *st, const char *name) {
  if (st->nwritten < sizeof st->written / sizeof *st->written)
    snprintf(st->written[st->nwritten++], sizeof st->written[0], "%s", name);
}

static int run_all(const dg_graph *g, const char *dir, const dg_build_opts *o, dg_build_stats *st,
                   dg_error *err) {
  int rc;
  if ((rc = dg_export_rdf_files(g, dir, o->jobs, st, err)) < 0) return rc;
  if (!o->no_dot && (rc = dg_export_dot_files(g, dir, o, st, err)) < 0) return rc;
  if (!o->no_html && (rc = dg_export_html(g, dir, o, st, err)) < 0) return rc;
  if ((rc = dg_store_write(g, dir, o, st, err)) < 0) return rc;
  return 0;
}

/* Removes dir and everything below it (what a failed run staged). */
static void remove_tree(const char *dir) {
  DIR *d = opendir(dir);
  if (d) {
    dg_buf p;
    dg_buf_init(&p);
    for (struct dirent *e; (e = readdir(d));) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      dg_buf_reset(&p);
      dg_buf_printf(&p, "%s/%s", dir, e->d_name);
      struct stat sb;
      if (lstat(p.data, &sb) == 0 && S_ISDIR(sb.st_mode)) remove_tree(p.data);
      else unlink(p.data);
    }
    dg_buf_free(&p);
    closedir(d);
  }
  rmdir(dir);
}

/* Moves every entry of stage into outdir. Checks first that each can replace
 * what is there (not a directory over a file or the reverse), so a failure
 * is reported before anything has moved. */
static int publish(const char *stage, const char *outdir, dg_error *err) {
  int rc = 0;
  dg_strvec names;
  dg_buf from, to;
  dg_strvec_init(&names);
  dg_buf_init(&from);
  dg_buf_init(&to);
  DIR *d = opendir(stage);
  if (!d) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: %s", stage, strerror(errno));
    goto cleanup;
  }
  for (struct dirent *e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) dg_strvec_push(&names, e->d_name);
  closedir(d);
  dg_strvec_sort(&names);
  for (int pass = 0; pass < 2 && rc == 0; pass++)
    for (size_t i = 0; i < names.n; i++) {
      dg_buf_reset(&from), dg_buf_reset(&to);
      dg_buf_printf(&from, "%s/%s", stage, names.v[i]);
      dg_buf_printf(&to, "%s/%s", outdir, names.v[i]);
      struct stat sf, sto;
      if (pass == 0) {
        if (lstat(from.data, &sf) == 0 && lstat(to.data, &sto) == 0 &&
            S_ISDIR(sf.st_mode) != S_ISDIR(sto.st_mode)) {
          rc = dg_error_set(err, DG_ERR_IO, "%s: cannot replace: %s", to.data,
                            S_ISDIR(sto.st_mode) ? "is a directory" : "not a directory");
          break;
        }
      } else if (rename(from.data, to.data) != 0) {
        rc = dg_error_set(err, DG_ERR_IO, "%s: cannot replace: %s", to.data, strerror(errno));
        break;
      }
    }
cleanup:
  dg_buf_free(&from);
  dg_buf_free(&to);
  dg_strvec_free(&names);
  return rc;
}

/* Exporters write into the staging directory and name it in their
 * messages; the user knows only outdir, where the file would have gone. */
static void name_outdir_in_message(dg_error *err, const char *stage, const char *outdir) {
  char *at = strstr(err->msg, stage);
  if (!at) return;
  dg_buf b;
  dg_buf_init(&b);
  dg_buf_printf(&b, "%.*s%s%s", (int)(at - err->msg), err->msg, outdir, at + strlen(stage));
  snprintf(err->msg, sizeof err->msg, "%s", b.data);
  dg_buf_free(&b);
}

int dg_export_all(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                  dg_build_stats *st, dg_error *err) {
  /* checked before the work (fail early) and again just before publishing */
  int rc = dg_store_check_unlocked(outdir, o, err);
  if (rc < 0) return rc;
  dg_buf stage;
  dg_buf_init(&stage);
  dg_buf_printf(&stage, "%s/" DG_OUTFILE_STAGE_PREFIX "XXXXXX", outdir);
  if (!mkdtemp(stage.data)) {
    rc = dg_error_set(err, DG_ERR_IO, "%s: cannot create a staging directory: %s", outdir,
                          strerror(errno));
    dg_buf_free(&stage);
    return rc;
  }
  rc = run_all(g, stage.data, o, st, err);
  if (rc < 0) name_outdir_in_message(err, stage.data, outdir);
  if (rc == 0) rc = dg_store_check_unlocked(outdir, o, err);
  if (rc == 0) rc = publish(stage.data, outdir, err);
  remove_tree(stage.data);
  dg_buf_free(&stage);
  return rc;
}
