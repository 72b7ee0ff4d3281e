/* Alignment: rounding addresses, aligned allocation on top of malloc, and reads of
 * multi-byte values at any address. See README.md for each function's contract.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

uintptr_t align_up(uintptr_t x, size_t align)
{
    /* TODO */
    return x;
}

void *aligned_alloc_pow2(size_t size, size_t align)
{
    /* TODO: use malloc, and remember what it returned */
    return NULL;
}

void aligned_free_pow2(void *p)
{
    /* TODO */
}

uint32_t load_le32(const void *p)
{
    /* TODO */
    return 0;
}

uint64_t load_be64(const void *p)
{
    /* TODO */
    return 0;
}

uint64_t sum_le32(const void *p, long n)
{
    /* TODO */
    return 0;
}
