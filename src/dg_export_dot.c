/* dg_export_dot: see dg_export_dot.h. (not written yet) */
#include "dg_export_dot.h"

int dg_export_dot_files(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                        dg_build_stats *st, dg_error *err) {
  (void)g, (void)outdir, (void)o, (void)st, (void)err;
  return 0;
}
