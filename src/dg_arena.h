/* dg_arena: a bump allocator over a chain of large blocks.
 *
 * Extraction makes thousands of small strings and arrays per document that
 * all die together (when the document's context ends, or when the merging
 * thread drops a dg_result). Carving them from a few large blocks turns
 * thousands of malloc/free pairs into a pointer bump each, and their end
 * into a few free() calls, and keeps a worker's allocations out of the
 * allocator lock the merging thread takes to free them.
 * Allocation failure aborts through dg_xmalloc, like the rest of dg_str.
 * Ownership: the arena owns every byte it hands out; nothing it hands out
 * may be passed to free() or realloc(). dg_arena_reset keeps one block for
 * reuse; dg_arena_free returns everything. */
#ifndef DG_ARENA_H
#define DG_ARENA_H

#include <stdalign.h>
#include <stddef.h>

#include "dg_str.h"

typedef struct dg_arena_block dg_arena_block;

typedef struct dg_arena {
  dg_arena_block *head; /* the block being carved; older ones follow */
  char *cur, *end;      /* its free bytes */
  char *last;           /* the latest allocation, for dg_arena_grow in place */
  size_t next_size;     /* size of the next block to allocate */
} dg_arena;

/* Every allocation is aligned (and sized) to this. */
#define DG_ARENA_ALIGN alignof(max_align_t)

void dg_arena_init(dg_arena *a);
/* Frees every block. The arena is empty and usable afterwards. */
void dg_arena_free(dg_arena *a);
/* Forgets every allocation but keeps the largest block (up to a few MB)
 * for reuse. */
void dg_arena_reset(dg_arena *a);

/* dg_arena_alloc when the current block has no room for r bytes. */
void *dg_arena_alloc_block(dg_arena *a, size_t r);
/* n bytes aligned for any object (never NULL, even for n == 0). Inline:
 * a bump of a pointer, for every string extraction keeps. */
static inline void *dg_arena_alloc(dg_arena *a, size_t n) {
  size_t r = (n + DG_ARENA_ALIGN - 1) & ~(size_t)(DG_ARENA_ALIGN - 1);
  if (!r) r = DG_ARENA_ALIGN;
  if ((size_t)(a->end - a->cur) < r) return dg_arena_alloc_block(a, r);
  char *p = a->cur;
  a->cur += r;
  a->last = p;
  return p;
}
/* p (from dg_arena_alloc, old bytes long, or NULL) grown to n bytes:
 * extended in place when it is the latest allocation, else copied. */
void *dg_arena_grow(dg_arena *a, void *p, size_t old, size_t n);
char *dg_arena_strndup(dg_arena *a, const char *s, size_t n);
char *dg_arena_strdup(dg_arena *a, const char *s);

/* dg_strvec operations whose strings and array live in the arena (such a
 * vector must never reach dg_strvec_push or dg_strvec_free). */
void dg_arena_strvec_pushn(dg_arena *a, dg_strvec *s, const char *str, size_t n);
/* Pushes only if not present (linear scan). Returns the index. */
size_t dg_arena_strvec_add_unique(dg_arena *a, dg_strvec *s, const char *str);

/* The calling thread's scratch arena, kept across calls (reset by its one
 * user, extraction, per document) and freed when the thread exits. */
dg_arena *dg_arena_thread(void);

#endif
