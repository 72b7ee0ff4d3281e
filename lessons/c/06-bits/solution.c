/* Bit manipulation on unsigned integers. */
#include <stdbool.h>
#include <stdint.h>

int popcount64(uint64_t x)
{
    /* Each step clears the lowest set bit, so the loop runs once per 1 bit. Unsigned
     * arithmetic makes x - 1 and every shift well defined for all 64 bits. */
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

bool is_pow2(uint64_t x)
{
    /* Exactly one bit set: clearing the lowest leaves 0. 0 itself has no bits set. */
    return x != 0 && (x & (x - 1)) == 0;
}

uint64_t next_pow2(uint64_t x)
{
    if (x <= 1)
        return 1;
    if (x > (UINT64_C(1) << 63))
        return 0; /* 2^64 does not fit */
    /* x - 1 keeps exact powers of two where they are. Smearing the top bit of x - 1 down
     * gives 2^k - 1, where 2^k is the power we want. */
    x--;
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    x |= x >> 32;
    return x + 1;
}

static uint32_t ones(int width)
{
    /* 1u << 32 is undefined behaviour: the full-width mask needs its own case. */
    return width >= 32 ? UINT32_MAX : (UINT32_C(1) << width) - 1;
}

uint32_t get_bits(uint32_t word, int lo, int width)
{
    return (word >> lo) & ones(width);
}

uint32_t set_bits(uint32_t word, int lo, int width, uint32_t value)
{
    uint32_t mask = ones(width);
    return (word & ~(mask << lo)) | ((value & mask) << lo);
}
