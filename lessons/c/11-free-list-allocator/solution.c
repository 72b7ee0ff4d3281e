/* A malloc of our own: segregated explicit free lists with boundary tags.
 *
 * Every block is a multiple of 16 bytes, at least 32, and carries its size in an 8-byte
 * header before the payload and in a copy of it, the footer, in its last 8 bytes. The
 * low bit of both says "allocated". The footer of the block before lets free() find its
 * left neighbour, so free blocks can be merged in O(1) on both sides.
 *
 *   heap: [pad][prologue hdr|ftr][ block ][ block ] ... [epilogue hdr (size 0, allocated)]
 *   block:   [hdr: size|a][payload (16-aligned) ..................][ftr: size|a]
 *   free:    [hdr: size|0][next free][prev free][.......... unused][ftr: size|0]
 *
 * Free blocks are kept in doubly linked lists, one per size class (powers of two), so a
 * request looks only at free blocks that can possibly fit, never at allocated ones.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *harness_sbrk(size_t incr);

#define WORD 8
#define MIN_BLOCK 32
#define NCLASSES 24

static unsigned char *free_lists[NCLASSES];

/* Small helpers as macros: TinyCC does not inline functions, and these run on every call. */
#define GET(p) (*(size_t *)(p))
#define PUT(p, v) (*(size_t *)(p) = (v))
#define HEADER(bp) ((bp) - WORD)
#define SIZE(bp) (GET(HEADER(bp)) & ~(size_t)15)
#define ALLOCATED(bp) ((int)(GET(HEADER(bp)) & 1))
#define NEXT_BLOCK(bp) ((bp) + SIZE(bp))
#define PREV_BLOCK(bp) ((bp) - (GET((bp) - 2 * WORD) & ~(size_t)15))
#define SET_BLOCK(bp, size, allocated) \
    (PUT(HEADER(bp), (size) | (size_t)(allocated)), PUT((bp) + (size) - 2 * WORD, (size) | (size_t)(allocated)))
/* Free-list links live in the free block's payload. */
#define NEXT_FREE(bp) (*(unsigned char **)(bp))
#define PREV_FREE(bp) (*(unsigned char **)((bp) + WORD))

static int size_class(size_t size)
{
    int c = 0;
    for (size_t s = size / MIN_BLOCK; s > 1 && c < NCLASSES - 1; s >>= 1)
        c++;
    return c;
}

static void list_insert(unsigned char *bp)
{
    int c = size_class(SIZE(bp));
    NEXT_FREE(bp) = free_lists[c];
    PREV_FREE(bp) = NULL;
    if (free_lists[c])
        PREV_FREE(free_lists[c]) = bp;
    free_lists[c] = bp;
}

static void list_remove(unsigned char *bp)
{
    unsigned char *next = NEXT_FREE(bp), *prev = PREV_FREE(bp);
    if (prev)
        NEXT_FREE(prev) = next;
    else
        free_lists[size_class(SIZE(bp))] = next;
    if (next)
        PREV_FREE(next) = prev;
}

/* Merges the free block bp with free neighbours; returns the merged block (in no list). */
static unsigned char *coalesce(unsigned char *bp)
{
    size_t size = SIZE(bp);
    unsigned char *next = NEXT_BLOCK(bp);
    if (!ALLOCATED(next)) {
        list_remove(next);
        size += SIZE(next);
    }
    unsigned char *prev = PREV_BLOCK(bp);
    if (!ALLOCATED(prev)) {
        list_remove(prev);
        size += SIZE(prev);
        bp = prev;
    }
    SET_BLOCK(bp, size, 0);
    return bp;
}

/* Marks asize bytes of the (unlisted) free block bp allocated; the rest, if it can be a
 * block of its own, becomes a free block. */
static void place(unsigned char *bp, size_t asize)
{
    size_t size = SIZE(bp);
    if (size - asize >= MIN_BLOCK) {
        SET_BLOCK(bp, asize, 1);
        unsigned char *rest = NEXT_BLOCK(bp);
        SET_BLOCK(rest, size - asize, 0);
        list_insert(coalesce(rest));
    } else {
        SET_BLOCK(bp, size, 1);
    }
}

/* Grows the heap by bytes (a multiple of 16): the old epilogue becomes the new block's
 * header. Returns the new free block, merged with a free block before it, in no list. */
static unsigned char *extend_heap(size_t bytes)
{
    unsigned char *bp = harness_sbrk(bytes);
    if (!bp)
        return NULL;
    SET_BLOCK(bp, bytes, 0);
    PUT(HEADER(NEXT_BLOCK(bp)), 1); /* new epilogue */
    return coalesce(bp);
}

int mm_init(void)
{
    for (int c = 0; c < NCLASSES; c++)
        free_lists[c] = NULL;
    unsigned char *p = harness_sbrk(4 * WORD);
    if (!p)
        return -1;
    PUT(p, 0);                    /* padding, so that payloads are 16-aligned */
    PUT(p + WORD, 16 | 1);        /* prologue header */
    PUT(p + 2 * WORD, 16 | 1);    /* prologue footer */
    PUT(p + 3 * WORD, 0 | 1);     /* epilogue header */
    return 0;
}

/* The block size for a request: payload plus header and footer, rounded up to 16. */
static size_t adjusted(size_t size)
{
    size_t asize = (size + 2 * WORD + 15) & ~(size_t)15;
    return asize < MIN_BLOCK ? MIN_BLOCK : asize;
}

void *mm_malloc(size_t size)
{
    if (size == 0 || size > SIZE_MAX / 2)
        return NULL; /* adjusted() must not wrap around */
    size_t asize = adjusted(size);
    for (int c = size_class(asize); c < NCLASSES; c++) {
        for (unsigned char *bp = free_lists[c]; bp; bp = NEXT_FREE(bp)) {
            if (SIZE(bp) >= asize) {
                list_remove(bp);
                place(bp, asize);
                return bp;
            }
        }
    }
    /* Nothing fits. If the last block is free, grow the heap only by what it lacks. */
    size_t grow = asize;
    unsigned char *last_footer = (unsigned char *)harness_sbrk(0) - 2 * WORD;
    if (!(GET(last_footer) & 1))
        grow -= GET(last_footer) & ~(size_t)15;
    unsigned char *bp = extend_heap(grow);
    if (!bp)
        return NULL;
    place(bp, asize);
    return bp;
}

void mm_free(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *bp = ptr;
    SET_BLOCK(bp, SIZE(bp), 0);
    list_insert(coalesce(bp));
}

void *mm_realloc(void *ptr, size_t size)
{
    if (!ptr)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    if (size > SIZE_MAX / 2)
        return NULL;
    unsigned char *bp = ptr;
    size_t asize = adjusted(size), cur = SIZE(bp);
    if (asize > cur) {
        /* Grow in place when the right neighbour is free and big enough, or when this is
         * the last block and the heap can simply be extended behind it. */
        unsigned char *next = NEXT_BLOCK(bp);
        if (!ALLOCATED(next) && cur + SIZE(next) >= asize) {
            list_remove(next);
            cur += SIZE(next);
            SET_BLOCK(bp, cur, 1);
        } else if (SIZE(next) == 0) {
            if (!harness_sbrk(asize - cur))
                return NULL;
            cur = asize;
            SET_BLOCK(bp, cur, 1);
            PUT(HEADER(NEXT_BLOCK(bp)), 1);
        } else {
            unsigned char *nbp = mm_malloc(size);
            if (!nbp)
                return NULL;
            memcpy(nbp, bp, cur - 2 * WORD);
            mm_free(bp);
            return nbp;
        }
    }
    /* Shrink (or trim what growing took beyond asize): give the tail back if it is big
     * enough to be a block. */
    if (cur - asize >= MIN_BLOCK) {
        SET_BLOCK(bp, asize, 1);
        unsigned char *rest = NEXT_BLOCK(bp);
        SET_BLOCK(rest, cur - asize, 0);
        list_insert(coalesce(rest));
    }
    return bp;
}
