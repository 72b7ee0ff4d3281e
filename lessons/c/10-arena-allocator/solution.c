/* An arena (bump) allocator over memory the caller owns. */
#include <stddef.h>
#include <stdint.h>

struct arena {
    unsigned char *base; /* the memory handed out, cap bytes */
    size_t cap;
    size_t used;         /* bytes of it handed out so far, from base */
};

void arena_init(struct arena *a, void *mem, size_t cap)
{
    a->base = mem;
    a->cap = cap;
    a->used = 0;
}

void *arena_alloc(struct arena *a, size_t size, size_t align)
{
    /* Align the address, not the offset: base itself may sit at any address. */
    uintptr_t next = (uintptr_t)(a->base + a->used);
    size_t pad = (size_t)(-next & (align - 1)); /* 0 .. align-1 bytes up to a multiple */
    size_t left = a->cap - a->used;
    /* Compare by subtraction, never "used + pad + size > cap": with size near SIZE_MAX
     * that sum wraps around to a small number and the check passes. */
    if (pad > left || size > left - pad)
        return NULL;
    a->used += pad + size;
    return (void *)(next + pad);
}

void *arena_alloc_array(struct arena *a, size_t count, size_t elem_size, size_t align)
{
    /* count * elem_size must not wrap: 2^62 + 1 elements of 8 bytes would be 8 bytes. */
    if (elem_size != 0 && count > SIZE_MAX / elem_size)
        return NULL;
    return arena_alloc(a, count * elem_size, align);
}

size_t arena_mark(const struct arena *a)
{
    return a->used;
}

void arena_reset(struct arena *a, size_t mark)
{
    a->used = mark; /* everything handed out after the mark is free again, at once */
}
