return {
  title = "int8 dot product",
  summary = "A quantized int8 dot product, exact in int32, with AVX2: widen, multiply-add pairs, accumulate.",
  file = "dot8.c",
  engine = "cc",
  requires = { "avx2" },
  timeout = 40,
  memory_mb = 900,
  bars = {
    dot = {
      max_ratio = 2.5,
      against = "reference",
      what = "int8 dot product over two 256 MiB arrays in 64 K chunks, against an AVX2 reference (widen to int16, _mm256_madd_epi16)",
    },
  },
  hints = {
    "Each byte is signed: -128 .. 127. A product needs 16 bits and a sum of two products 17, so an int16 accumulator overflows at once. Where can the products be widened to int32 cheaply?",
    "_mm256_cvtepi8_epi16(_mm_loadu_si128(p)) turns 16 bytes into 16 int16 lanes. _mm256_madd_epi16(x, y) multiplies 16 int16 pairs and adds neighbours into 8 int32 lanes, exactly. Accumulate those with _mm256_add_epi32 and finish the last n % 16 bytes in scalar code.",
    "Avoid _mm256_maddubs_epi16 here: it reads its first operand as unsigned (-1 becomes 255) and saturates each pair sum to int16 (255 * 127 * 2 becomes 32767). The usual patch, abs(a) times sign(b, a), breaks at b = -128 with a < 0, since 128 does not fit in int8. For the final sum, add the two 128-bit halves of the accumulator, then shuffle and add twice, or store the 8 lanes to an int32_t[8]",
  },
}
