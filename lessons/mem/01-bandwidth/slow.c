/* Eight bytes per load, but still one add per byte: the word is loaded once, then each of
 * its bytes is shifted out, masked and added on its own. Wider loads alone do not help:
 * the loop still spends three or four instructions per byte, so it stays limited by
 * instructions, far below what memory could deliver. (The plain byte-at-a-time loop is
 * slower still.) */
#include <stdint.h>

uint64_t sum_bytes(const uint8_t *a, long n)
{
    uint64_t total = 0;
    long i = 0;
    while (i < n && ((uintptr_t)(a + i) & 7))
        total += a[i++];
    for (; i + 8 <= n; i += 8) {
        uint64_t w = *(const uint64_t *)(a + i);
        total += (w & 255) + ((w >> 8) & 255) + ((w >> 16) & 255) + ((w >> 24) & 255)
               + ((w >> 32) & 255) + ((w >> 40) & 255) + ((w >> 48) & 255) + (w >> 56);
    }
    for (; i < n; i++)
        total += a[i];
    return total;
}
