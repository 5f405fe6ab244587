/* dg_error: see dg_error.h. */
#include "dg_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void dg_error_clear(dg_error *err) {
  if (!err) return;
  err->code = 0;
  err->msg[0] = '\0';
}

int dg_error_set(dg_error *err, int code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    /* one line: a message never carries a newline from the input */
    for (char *p = err->msg; *p; p++)
      if (*p == '\n' || *p == '\r') *p = ' ';
    err->code = code;
  }
  return code;
}
