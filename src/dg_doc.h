/* dg_doc: the reader stage. Turns a file (.txt, .html/.htm, .xml) into
 * UTF-8 text.
 *
 * Text files: UTF-8 (a BOM is dropped), UTF-16 with a BOM, or, when the
 * bytes are not valid UTF-8, Windows-1252 (decoded, with a warning that
 * names the first bad byte offset). A NUL byte outside UTF-16 means the file
 * is binary: an error. HTML goes through libxml2's HTML parser (visible text
 * only: no script, style, nav, header, footer); XML through libxml2 with the
 * network, DTD loading and entity substitution off, so an external or
 * recursive entity never reaches the text.
 *
 * A CR not followed by LF becomes LF (no offset moves), so every line end
 * in doc->text is LF or CR LF.
 * Messages (errors, warnings) are one line and start with the path as given.
 * A FIFO or device is refused, never waited on.
 *
 * Offsets: every later stage works on doc->text; evidence offsets are code
 * point offsets into it, which for a text file are the character offsets
 * into the file itself (after a byte order mark).
 * Ownership: a dg_doc owns all its strings; dg_doc_free releases them. */
#ifndef DG_DOC_H
#define DG_DOC_H

#include <stddef.h>

#include "dg_error.h"
#include "dg_str.h"

typedef enum { DG_FMT_AUTO, DG_FMT_TEXT, DG_FMT_HTML, DG_FMT_XML } dg_doc_format;

typedef struct dg_doc {
  char *path;      /* as given on the command line */
  char *name;      /* base name, e.g. 001_x.txt: the dg:sourceFile value */
  char *text;      /* UTF-8, NUL-terminated */
  size_t len;      /* bytes in text */
  char *warning;   /* NULL, or a one-line note (e.g. decoded as Windows-1252) */
} dg_doc;

/* Largest input accepted, in bytes. */
#define DG_DOC_MAX_BYTES ((size_t)512 * 1024 * 1024)

/* Sets up libxml2's global state (xmlInitParser). Call on one thread before
 * documents are read on several: libxml2 2.9 otherwise initialises its
 * dictionary mutex lazily in whichever threads get there first, and two
 * workers racing there can deadlock (seen: both waiting in xmlRMutexLock
 * under xmlDictCreate). Idempotent; cheap after the first call. */
void dg_doc_global_init(void);

int dg_doc_read(const char *path, dg_doc **out, dg_error *err);
/* Same, from bytes already in memory; name is used for messages and sourceFile. */
int dg_doc_from_memory(const char *name, const char *bytes, size_t n, dg_doc_format fmt,
                       dg_doc **out, dg_error *err);
void dg_doc_free(dg_doc *doc);

/* Format chosen from the file name's extension; DG_FMT_AUTO if unknown. */
dg_doc_format dg_doc_format_of(const char *path);

/* Expands INPUT arguments: a file stays as given (read later, so a file that
 * is not regular or not readable fails then), a directory becomes every .txt,
 * .html, .htm, .xml file below it (hidden entries are ignored; a directory
 * reached twice through links is not walked again). The result is sorted by
 * base name then path, so argument order never changes the output.
 * Every problem is reported on one line through warn(ctx, skipped, msg)
 * (if given): skipped is 1 when an entry that may hold input was left out
 * (a missing argument, an unreadable directory, a dangling or looping link,
 * a FIFO or device named like an input), 0 for a note (a directory loop not
 * followed). Returns the number of entries skipped. */
typedef void (*dg_warn_fn)(void *ctx, int skipped, const char *msg);
int dg_doc_list_inputs(char *const *args, size_t nargs, dg_strvec *files, dg_warn_fn warn,
                       void *warn_ctx);

#endif
