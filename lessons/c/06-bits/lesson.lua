return {
  title = "Bits",
  summary = "Population count, powers of two and bit fields, with every edge case of shifts and unsigned types.",
  file = "bits.c",
  hints = {
    "x & (x - 1) is x with its lowest set bit cleared: count how many times you can apply it before x is 0. A power of two is a number with exactly one bit set, and 0 has none.",
    "For next_pow2, deal with x <= 1 and x > 2^63 first. Then subtract 1 and copy the highest set bit into every lower position, x |= x >> 1; x |= x >> 2; x |= x >> 4; ... up to x >> 32, and add 1.",
    "A mask of width ones is (1u << width) - 1, except that shifting a 32-bit value by 32 is undefined (x86 shifts by 32 mod 32 = 0), so width 32 needs 0xFFFFFFFFu. get_bits: (word >> lo) & mask. set_bits: (word & ~(mask << lo)) | ((value & mask) << lo).",
  },
}
