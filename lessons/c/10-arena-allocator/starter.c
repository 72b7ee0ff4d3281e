/* An arena (bump) allocator over memory the caller owns. */
#include <stddef.h>
#include <stdint.h>

/* Keep this struct as it is: the tests allocate it (24 bytes). */
struct arena {
    unsigned char *base; /* the memory handed out, cap bytes */
    size_t cap;
    size_t used;         /* bytes of it handed out so far, from base */
};

/* Makes a an empty arena over the cap bytes at mem. */
void arena_init(struct arena *a, void *mem, size_t cap)
{
    /* TODO */
}

/* size bytes at the lowest address that is a multiple of align (a power of two) and
 * lies after everything handed out so far; NULL, changing nothing, if they do not fit. */
void *arena_alloc(struct arena *a, size_t size, size_t align)
{
    /* TODO */
    return NULL;
}

/* Room for count elements of elem_size bytes, as arena_alloc; NULL if count * elem_size
 * does not fit in a size_t. */
void *arena_alloc_array(struct arena *a, size_t count, size_t elem_size, size_t align)
{
    /* TODO */
    return NULL;
}

/* A mark: where the arena stands now. */
size_t arena_mark(const struct arena *a)
{
    /* TODO */
    return 0;
}

/* Frees everything handed out since arena_mark returned mark. */
void arena_reset(struct arena *a, size_t mark)
{
    /* TODO */
}
