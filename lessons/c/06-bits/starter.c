/* Bit manipulation on unsigned integers. Do not use compiler builtins. */
#include <stdbool.h>
#include <stdint.h>

/* The number of 1 bits in x. */
int popcount64(uint64_t x)
{
    /* TODO */
    return 0;
}

/* Whether x is a power of two: 1, 2, 4, ..., 2^63. */
bool is_pow2(uint64_t x)
{
    /* TODO */
    return false;
}

/* The smallest power of two >= x; 1 for x = 0; 0 when that power does not fit (x > 2^63). */
uint64_t next_pow2(uint64_t x)
{
    /* TODO */
    return x;
}

/* Bits lo .. lo + width - 1 of word, moved down to bit 0. 1 <= width, lo + width <= 32. */
uint32_t get_bits(uint32_t word, int lo, int width)
{
    /* TODO */
    return 0;
}

/* word with bits lo .. lo + width - 1 replaced by the low width bits of value. */
uint32_t set_bits(uint32_t word, int lo, int width, uint32_t value)
{
    /* TODO */
    return word;
}
