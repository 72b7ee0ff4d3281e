/* An implicit free list: correct, compact, and slow.
 *
 * Blocks carry their size and an allocated bit in a header and a footer, so free() can
 * merge with both neighbours. But there is no list of free blocks: malloc walks the heap
 * from the first block to the last, allocated blocks included, until one fits. With a few
 * thousand blocks live, every malloc reads a few thousand headers.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *harness_sbrk(size_t incr);

#define WORD 8
#define MIN_BLOCK 32

static unsigned char *first; /* payload of the first block after the prologue */

static size_t get(unsigned char *p) { return *(size_t *)p; }
static void put(unsigned char *p, size_t v) { *(size_t *)p = v; }
static size_t block_size(unsigned char *bp) { return get(bp - WORD) & ~(size_t)15; }
static int is_allocated(unsigned char *bp) { return (int)(get(bp - WORD) & 1); }
static unsigned char *next_block(unsigned char *bp) { return bp + block_size(bp); }
static unsigned char *prev_block(unsigned char *bp) { return bp - (get(bp - 2 * WORD) & ~(size_t)15); }

static void set_block(unsigned char *bp, size_t size, int allocated)
{
    put(bp - WORD, size | (size_t)allocated);
    put(bp + size - 2 * WORD, size | (size_t)allocated);
}

static unsigned char *coalesce(unsigned char *bp)
{
    size_t size = block_size(bp);
    if (!is_allocated(next_block(bp)))
        size += block_size(next_block(bp));
    if (!is_allocated(prev_block(bp))) {
        bp = prev_block(bp);
        size += block_size(bp);
    }
    set_block(bp, size, 0);
    return bp;
}

static void place(unsigned char *bp, size_t asize)
{
    size_t size = block_size(bp);
    if (size - asize >= MIN_BLOCK) {
        set_block(bp, asize, 1);
        set_block(next_block(bp), size - asize, 0);
    } else {
        set_block(bp, size, 1);
    }
}

int mm_init(void)
{
    unsigned char *p = harness_sbrk(4 * WORD);
    if (!p)
        return -1;
    put(p, 0);
    put(p + WORD, 16 | 1);
    put(p + 2 * WORD, 16 | 1);
    put(p + 3 * WORD, 0 | 1);
    first = p + 4 * WORD;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0 || size > SIZE_MAX / 2)
        return NULL;
    size_t asize = (size + 2 * WORD + 15) & ~(size_t)15;
    if (asize < MIN_BLOCK)
        asize = MIN_BLOCK;
    /* First fit, over every block in the heap. */
    unsigned char *bp = first;
    for (; block_size(bp) > 0; bp = next_block(bp)) {
        if (!is_allocated(bp) && block_size(bp) >= asize) {
            place(bp, asize);
            return bp;
        }
    }
    /* bp is the epilogue. Grow the heap, by less when the last block is free. */
    size_t grow = asize;
    if (!(get(bp - 2 * WORD) & 1))
        grow -= get(bp - 2 * WORD) & ~(size_t)15;
    unsigned char *nbp = harness_sbrk(grow);
    if (!nbp)
        return NULL;
    set_block(nbp, grow, 0);
    put(next_block(nbp) - WORD, 1);
    nbp = coalesce(nbp);
    place(nbp, asize);
    return nbp;
}

void mm_free(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *bp = ptr;
    set_block(bp, block_size(bp), 0);
    coalesce(bp);
}

void *mm_realloc(void *ptr, size_t size)
{
    if (!ptr)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    size_t have = block_size(ptr) - 2 * WORD;
    if (size <= have)
        return ptr;
    void *p = mm_malloc(size);
    if (!p)
        return NULL;
    memcpy(p, ptr, have);
    mm_free(ptr);
    return p;
}
