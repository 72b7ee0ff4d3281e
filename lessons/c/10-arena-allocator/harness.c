/* harness.c for c/10-arena-allocator: addresses as numbers, and writing to blocks. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

size_t harness_addr(const void *p) { return (size_t)(uintptr_t)p; }

/* Writes n bytes of value at p: a block that runs past the arena's memory crashes here,
 * and the crash names the buffer. */
void harness_fill(void *p, size_t n, int value) { memset(p, value, n); }

/* The index of the first byte of p[0..n-1] that is not value, or -1. */
long harness_check(const void *p, size_t n, int value)
{
    const unsigned char *q = p;
    for (size_t i = 0; i < n; i++)
        if (q[i] != (unsigned char)value) return (long)i;
    return -1;
}
