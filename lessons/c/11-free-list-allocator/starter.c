/* A malloc of your own, in a heap that grows with harness_sbrk. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Provided by the tests: grows the heap by incr bytes and returns the old end of the heap
 * (where the new bytes start), or NULL when the heap would exceed 64 MiB. The heap starts
 * at a 4096-aligned address. harness_sbrk(0) returns the current end. */
void *harness_sbrk(size_t incr);

/* Called on an empty heap before every trace: reset all of your state. 0 on success. */
int mm_init(void)
{
    /* TODO */
    return 0;
}

/* size bytes (size >= 1), 16-aligned, inside the heap; NULL if the heap cannot grow. */
void *mm_malloc(size_t size)
{
    /* TODO: this never reuses anything, and forgets alignment. */
    return harness_sbrk(size);
}

/* Gives the block back. mm_free(NULL) does nothing. */
void mm_free(void *ptr)
{
    /* TODO */
}

/* Resizes the block, keeping the first min(old size, size) bytes; may move it.
 * mm_realloc(NULL, size) is mm_malloc(size); mm_realloc(p, 0) frees p and returns NULL. */
void *mm_realloc(void *ptr, size_t size)
{
    /* TODO */
    return NULL;
}
