/* dg_sentence: the segmentation stage. Splits document text into sentence
 * spans (byte offsets into doc->text).
 *
 * A sentence ends at . ! ? followed by space and a capital, digit or quote
 * (not after an abbreviation such as "U.S." or "Dr." or an initial), at a
 * blank line, and at a line break unless the next line continues in lower
 * case (a wrapped line). Leading list markers ("1.", "·", "*2") are not
 * part of the span. A span longer than DG_SENTENCE_MAX bytes (no real
 * sentence is; "A. A. A. ..." or a page without punctuation can be) is cut
 * at blanks into pieces no longer than that, so the later stages, whose
 * cost grows faster than the length of a sentence, stay bounded.
 * Ownership: the caller owns the array (free()). */
#ifndef DG_SENTENCE_H
#define DG_SENTENCE_H

#include <stddef.h>

#define DG_SENTENCE_MAX 2000

typedef struct dg_sent {
  size_t begin, end; /* bytes, [begin, end) */
} dg_sent;

/* Returns the number of sentences; *out is malloc'd (NULL when none). */
size_t dg_sentence_split(const char *text, size_t len, dg_sent **out);

#endif
