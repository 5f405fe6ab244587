/* dg_error: the error record every fallible function fills.
 *
 * A function that can fail returns an int (0 ok, negative error) and, on
 * failure, writes one line into a caller-owned dg_error: no "failed to"
 * prefix, naming the file (and offset where known) and the reason. The
 * record is plain storage; nothing in it is heap-allocated. */
#ifndef DG_ERROR_H
#define DG_ERROR_H

#include <stddef.h>

enum {
  DG_OK = 0,
  DG_ERR_IO = -1,      /* reading or writing a file failed */
  DG_ERR_INPUT = -2,   /* the input is not something we can read */
  DG_ERR_USAGE = -3,   /* bad arguments */
  DG_ERR_NOMEM = -4,
  DG_ERR_RDF = -5,     /* raptor / librdf reported an error */
  DG_ERR_INTR = -6     /* interrupted by a signal */
};

typedef struct dg_error {
  int code;
  char msg[1024];
} dg_error;

void dg_error_clear(dg_error *err);
/* Sets the message (printf-style) and returns code, so callers can write
 * `return dg_error_set(err, DG_ERR_IO, "%s: %s", path, strerror(errno));` */
int dg_error_set(dg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
