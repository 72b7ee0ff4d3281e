return {
  title = "Traversal order",
  summary = "Column sums of a row-major matrix: walk memory in the order it is laid out.",
  file = "colsums.c",
  timeout = 30,
  bars = {
    colsums = {
      max_ratio = 1.5,
      against = "reference",
      what = "column sums of a 4096 x 4096 int matrix, against a row-order reference",
    },
  },
  hints = {
    "Which loop index, i or j, moves to the next int in memory? m[i * cols + j] and m[i * cols + j + 1] are neighbours.",
    "Summing one column at a time jumps cols * 4 bytes between reads: every read touches a new cache line. Let the inner loop walk along a row instead, and add each element to its column's total.",
    "Zero out[0..cols-1] first; then for each row i, for each column j: out[j] += m[i * cols + j].",
  },
}
