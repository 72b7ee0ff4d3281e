return {
  title = "SIMD dot product",
  summary = "A float dot product with AVX2 and FMA intrinsics: 8 lanes, several accumulators.",
  file = "dot.c",
  engine = "cc",
  requires = { "avx2", "fma" },
  timeout = 40,
  memory_mb = 256,
  bars = {
    dot = {
      max_ratio = 0.4,
      against = "the scalar loop",
      what = "dot product of two 1 M-float arrays (8 MiB, in L3), against the plain scalar loop compiled with the same flags",
    },
  },
  hints = {
    "#include <immintrin.h>. A __m256 holds 8 floats: _mm256_loadu_ps(p) loads 8 from any address, and _mm256_fmadd_ps(x, y, acc) returns acc + x * y in every lane. Sum the 8 lanes once at the end.",
    "Loop while i + 8 <= n, then finish the last n % 8 elements with a scalar loop; never load a vector that runs past n. A NaN or a wrong total on small n usually means the tail was skipped or counted twice.",
    "Keep 4 accumulators (acc0..acc3) and handle 32 floats per iteration, so that each FMA does not wait for the previous one. At the end: add the four, then store the 8 lanes to a float[8] (or use _mm256_extractf128_ps and _mm_add_ps) and add them up.",
  },
}
