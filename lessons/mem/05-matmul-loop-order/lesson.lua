return {
  title = "Matmul loop order",
  summary = "Same three loops, same arithmetic: reorder them so the inner loop walks rows.",
  file = "matmul.c",
  timeout = 40,
  memory_mb = 512,
  bars = {
    matmul = {
      max_ratio = 1.5,
      against = "reference",
      what = "512 x 512 double matmul, against an i-k-j reference",
    },
  },
  hints = {
    "In the textbook i-j-k loop, the inner loop reads b[k * n + j] for k = 0, 1, 2, ...: which direction is that through b, and how far apart are two consecutive reads?",
    "The three loops can run in any order; only where the partial sums go changes. With k in the middle and j innermost, the inner loop reads a row of b and updates a row of c: both in order.",
    "Zero c first. for i: for k: { double aik = a[i*n + k]; for j: c[i*n + j] += aik * b[k*n + j]; }",
  },
}
