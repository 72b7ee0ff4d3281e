/* Sum of n bytes, eight at a time (SWAR: SIMD within a register).
 *
 * A 64-bit word holds 8 bytes. Masking with 0x00ff00ff00ff00ff keeps bytes 0, 2, 4, 6 in
 * four 16-bit lanes; shifting by 8 first gives bytes 1, 3, 5, 7. Adding both yields four
 * 16-bit partial sums of up to 510 each, in two ANDs, a shift and two adds for 8 bytes.
 * A lane can take 128 such words (128 * 510 = 65280 < 65536) before it could overflow. The
 * words go in blocks of 64, split between two accumulators (at most 35 words each, with the
 * block's tail), and the lanes are folded into the 64-bit total after every block.
 *
 * Four words per iteration, into two accumulators, keep two independent chains of adds
 * going and spend the loop's own overhead (compare, branch, index) on 32 bytes at a time:
 * TinyCC does not unroll loops, so this is left to us. The bytes before the first 8-byte
 * boundary and after the last one are summed one by one, so word loads are always aligned.
 */
#include <stdint.h>

#define LO 0x00ff00ff00ff00ffULL

static uint64_t fold(uint64_t lanes)
{
    lanes = (lanes & 0x0000ffff0000ffffULL) + ((lanes >> 16) & 0x0000ffff0000ffffULL);
    return (lanes & 0xffffffffULL) + (lanes >> 32);
}

uint64_t sum_bytes(const uint8_t *a, long n)
{
    uint64_t total = 0;
    long i = 0;
    while (i < n && ((uintptr_t)(a + i) & 7))      /* head, up to an 8-byte boundary */
        total += a[i++];

    const uint64_t *w = (const uint64_t *)(a + i);
    long words = (n - i) / 8;
    long k = 0;
    while (k < words) {
        long end = k + 64 < words ? k + 64 : words;
        uint64_t acc0 = 0, acc1 = 0;
        for (; k + 3 < end; k += 4) {
            uint64_t x = w[k], y = w[k + 1], u = w[k + 2], v = w[k + 3];
            acc0 += (x & LO) + ((x >> 8) & LO) + (u & LO) + ((u >> 8) & LO);
            acc1 += (y & LO) + ((y >> 8) & LO) + (v & LO) + ((v >> 8) & LO);
        }
        for (; k < end; k++) {
            uint64_t x = w[k];
            acc0 += (x & LO) + ((x >> 8) & LO);
        }
        total += fold(acc0) + fold(acc1);
    }
    for (i += words * 8; i < n; i++)              /* tail */
        total += a[i];
    return total;
}
