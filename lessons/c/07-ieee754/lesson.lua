return {
  title = "IEEE 754 floats",
  summary = "Take a float apart, step to the next float up, and measure distances in units in the last place.",
  file = "ieee.c",
  hints = {
    "Copy the float's 4 bytes into a uint32_t with memcpy (reading it through a cast uint32_t * breaks C's aliasing rules). The sign is bit 31, the biased exponent bits 30..23, the fraction bits 22..0: shift and mask.",
    "Positive floats are ordered like their bit patterns, so for x >= +0 the next float up is bits + 1; for negative x it is bits - 1 (toward zero). Handle first: NaN and +inf return themselves, -0.0 goes to the smallest subnormal (bits 0x00000001), and -(smallest subnormal) goes to -0.0 (bits 0x80000000).",
    "Map each float to a signed integer that grows with its value: b when the sign bit is clear, -(long long)(b & 0x7fffffff) when it is set. +0 and -0 both map to 0. The distance is the absolute difference of the two keys in 64-bit arithmetic; return -1 first if either argument is a NaN (x != x).",
  },
}
