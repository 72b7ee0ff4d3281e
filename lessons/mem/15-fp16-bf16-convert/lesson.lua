return {
  title = "fp16 and bf16 conversion",
  summary = "Convert float to half and bfloat16 and back, bit-exact, rounding ties to even.",
  file = "convert.c",
  timeout = 30,
  hints = {
    "Work on the bits: memcpy a float into a uint32_t, split it into sign, exponent and mantissa, and rebuild the other format. A half's exponent has bias 15, a float's 127; bf16 is simply the top 16 bits of a float.",
    "To drop the low s bits of x rounding to nearest, ties to even: (x + (1 << (s - 1)) - 1 + ((x >> s) & 1)) >> s. If the rounding carries out of the mantissa, the carry lands in the exponent, which is the right answer, and for the largest values it yields the infinity pattern.",
    "float to half: NaN -> sign | 0x7e00 | (mantissa >> 13); |x| >= 65520 -> inf; |x| >= 2^-14 -> round (bits - 0x38000000) by 13; |x| <= 2^-25 -> zero; otherwise a subnormal: (mantissa | 0x800000) shifted right by 126 - exponent, rounded. Half to float: normalise subnormals by shifting the mantissa left until bit 10 is set.",
  },
}
