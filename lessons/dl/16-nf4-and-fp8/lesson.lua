return {
  title = "NF4 and FP8",
  summary = "Bit-exact FP8 E4M3 encoding (round to nearest even, subnormals, saturation) and blockwise NF4 codebook quantisation.",
  file = "lowbit.c",
  timeout = 20,
  hints = {
    "Decode first: for each field, write the value formula and check it against a few codes by hand (0x08 is 2^-6, 0x38 is 1.0, 0x7E is 448, 0x01 is 2^-9). Encoding is then: find the binade of |x|, round the mantissa to 3 bits there, and handle the three edges: subnormals, the carry into the next binade, and saturation at 448.",
    "For |x| in [2^k, 2^(k+1)) the spacing of E4M3 values is 2^(k-3); below 2^-6 it is 2^-9 everywhere. Dividing by that spacing is exact (a power of two), so rintf(|x| / spacing) rounds to nearest even in one step. A result of 16 steps means the next binade: mantissa 0, exponent + 1.",
    "NF4: per block of 64, absmax = max |x|; code = index minimising |x/absmax - NF4[i]| (keep the first on ties); packed[i/2] |= i even ? code << 4 : code. Clear packed first: it arrives holding garbage.",
  },
}
