/* dg_store: see dg_store.h. (not written yet) */
#include "dg_store.h"

int dg_store_write(const dg_graph *g, const char *outdir, const dg_build_opts *o,
                   dg_build_stats *st, dg_error *err) {
  (void)g, (void)outdir, (void)o, (void)st, (void)err;
  return 0;
}
