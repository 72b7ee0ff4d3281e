/* harness.c for mem/08-alignment: addresses as numbers, and patterns written into and
 * checked across allocated blocks (to catch blocks that overlap or are too small). */
#include <stdint.h>
#include <stddef.h>

uint64_t harness_addr(const void *p) { return (uint64_t)(uintptr_t)p; }

static unsigned char pattern(size_t i, int tag) { return (unsigned char)(i * 31 + (size_t)tag * 7 + 1); }

void harness_fill(void *p, size_t size, int tag)
{
    unsigned char *b = p;
    for (size_t i = 0; i < size; i++)
        b[i] = pattern(i, tag);
}

/* The first byte of p[0..size-1] that no longer holds the pattern, or -1. */
long long harness_check(const void *p, size_t size, int tag)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < size; i++)
        if (b[i] != pattern(i, tag))
            return (long long)i;
    return -1;
}
