/* Alignment: rounding addresses, aligned allocation on top of malloc, and reads of
 * multi-byte values at any address.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* For a power of two, align - 1 is a mask of the low bits: add it, then clear them. */
uintptr_t align_up(uintptr_t x, size_t align)
{
    return (x + (align - 1)) & ~(uintptr_t)(align - 1);
}

/* Over-allocate by align - 1 bytes (room to slide to the next multiple of align) plus one
 * pointer, which is stored just below the returned block so that aligned_free_pow2 can
 * hand malloc back the address it gave out:
 *
 *   raw                        p = align_up(raw + sizeof(void *), align)
 *   |  slack  | saved raw |    user block of `size` bytes ...   |
 *
 * An alignment below sizeof(void *) is raised to it: any multiple of 8 is also a multiple
 * of 1, 2 and 4, and the saved pointer is then itself aligned.
 */
void *aligned_alloc_pow2(size_t size, size_t align)
{
    if (align == 0 || (align & (align - 1)))
        return NULL;
    if (align < sizeof(void *))
        align = sizeof(void *);
    size_t extra = align - 1 + sizeof(void *);
    if (size > SIZE_MAX - extra)                  /* size + extra would wrap around */
        return NULL;
    char *raw = malloc(size + extra);
    if (!raw)
        return NULL;
    uintptr_t start = (uintptr_t)raw + sizeof(void *);
    char *p = (char *)((start + (align - 1)) & ~(uintptr_t)(align - 1));   /* align_up */
    ((void **)p)[-1] = raw;
    return p;
}

void aligned_free_pow2(void *p)
{
    if (p)
        free(((void **)p)[-1]);
}

/* memcpy of a constant 4 or 8 bytes is the portable unaligned load: it has no alignment
 * requirement, and optimising compilers turn it into a single mov. Byte order is then made
 * explicit, so the result does not depend on the machine's. */
uint32_t load_le32(const void *p)
{
    uint8_t b[4];
    memcpy(b, p, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

uint64_t load_be64(const void *p)
{
    uint8_t b[8];
    memcpy(b, p, 8);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

uint64_t sum_le32(const void *p, long n)
{
    const uint8_t *q = p;
    uint64_t total = 0;
    for (long i = 0; i < n; i++)
        total += load_le32(q + 4 * i);
    return total;
}
