return {
  title = "Blocked transpose",
  summary = "Transpose a matrix tile by tile so that reads and writes both stay in cache.",
  file = "transpose.c",
  engine = "cc",
  timeout = 40,
  memory_mb = 1400,
  bars = {
    transpose = {
      max_ratio = 1.6,
      against = "reference",
      what = "transpose of an 8192 x 8192 int matrix, against a 16 x 16 blocked reference",
    },
  },
  hints = {
    "A plain transpose reads a row of a, which is in order, but writes a column of b: every write lands 32 KiB after the previous one. How many different cache lines of b does one row of a touch?",
    "Work on small square tiles: for a 16 x 16 tile, the 16 rows of a and the 16 rows of b it touches are 16 + 16 cache-line runs that all fit in L1 together. Loop over tiles first, then over the elements inside a tile.",
    "for (ii = 0; ii < rows; ii += 16) for (jj = 0; jj < cols; jj += 16) for (i = ii; i < min(ii + 16, rows); i++) for (j = jj; j < min(jj + 16, cols); j++) b[j * rows + i] = a[i * cols + j];",
  },
}
