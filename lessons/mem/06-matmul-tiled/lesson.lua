return {
  title = "Tiled matmul",
  summary = "Compute a 4 x 4 tile of c at once from a packed strip of b: 8 loads feed 16 multiply-adds.",
  file = "matmul.c",
  engine = "cc",
  timeout = 40,
  memory_mb = 512,
  bars = {
    matmul = {
      max_ratio = 2.0,
      against = "reference",
      what = "1024 x 1024 double matmul, against a 4 x 4 tiled reference with a packed strip of b",
    },
  },
  hints = {
    "In the i-k-j loop, each multiply-add loads b[k][j], loads c[i][j] and stores c[i][j]: three memory accesses for two flops. Which of those values could be reused by a neighbouring multiply-add instead of fetched again?",
    "Compute a 4 x 4 block of c at once, in 16 local variables. For each k, load 4 values of a (column k of rows i..i+3) and 4 of b (row k, columns j..j+3): 8 loads feed 16 multiply-adds, and c is written once at the end.",
    "for i in steps of 4, for j in steps of 4: zero c00..c33; for k: a0..a3 = a[(i+r)*n + k], b0..b3 = b[k*n + j+s]; crs += ar * bs; then store the 16 sums. Copy b[0..n-1][j..j+3] into a small contiguous buffer before the i loop so the k loop reads it in order. Finish the last n % 4 rows and columns with plain dot products.",
  },
}
