/* dg_bigmem: large arrays (quad tables, term and edge arrays, sort scratch,
 * string-pool blocks, serialized parts) backed by transparent huge pages.
 *
 * Why: on the machines diplograph runs on (virtual, 4 KiB pages), the first
 * touch of a page costs about 14 microseconds: a 43 MB table costs 0.15 s
 * to fault in, against 0.01 s with 2 MiB pages. Before this module a
 * 20,000-document build took 135,000 page faults, nearly all in the graph's
 * growing arrays and sorts, which run on one thread. Memory of at least
 * DG_BIG_MIN bytes is mapped directly and advised MADV_HUGEPAGE (honoured
 * when THP is "always" or "madvise"; otherwise it is ordinary memory);
 * smaller sizes use malloc. Contents and behaviour are the same either way.
 * A mapping has no AddressSanitizer redzones: the unit and CLI tests build
 * graphs whose arrays stay under DG_BIG_MIN, so ASan still checks them.
 *
 * Ownership: the caller owns what these return and must pass the size it
 * asked for (the last size given to dg_big_alloc/realloc) back to realloc
 * and free, which choose between munmap and free by that size. Out of
 * memory aborts, as with dg_xmalloc. Thread-safe. */
#ifndef DG_BIGMEM_H
#define DG_BIGMEM_H

#include <stddef.h>

#define DG_BIG_MIN ((size_t)2 << 20)

void *dg_big_alloc(size_t n);
/* Zero-filled. */
void *dg_big_calloc(size_t n);
void *dg_big_realloc(void *p, size_t old_n, size_t new_n);
void dg_big_free(void *p, size_t n);

#endif
