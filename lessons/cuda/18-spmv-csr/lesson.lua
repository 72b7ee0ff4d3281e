return {
  title = "Sparse matrix times vector: a warp per row",
  summary = "y = A x with A in CSR: one thread per row reads 32 rows' worth of scattered sectors per load; one warp per row reads them in order.",
  file = "spmv.cu",
  engine = "cuda",
  timeout = 60,
  memory_mb = 4096,
  bars = {
    spmv = {
      max_ratio = 1.5,
      against = "reference",
      what = "y = A x for 2^19 rows of 128 nonzeros each (543 MB of values, column indices, row pointers and vectors), against the reference kernel (one warp per row) in the same run",
    },
  },
  hints = {
    "With one thread per row, at step j the 32 threads of a warp read entry j of 32 different rows: 32 addresses a whole row apart, each in its own sector. What if the 32 lanes of a warp shared one row instead, and read its entries side by side?",
    "Give each row to a warp: lane = threadIdx.x % 32, row = blockIdx.x * rows_per_block + threadIdx.x / 32, with rows_per_block = threads / 32. Lane l adds vals[j] * x[cols[j]] for j = rowptr[row] + l, + 32, + 64, ... up to rowptr[row + 1]: each step reads 32 consecutive entries.",
    "Then add the warp's 32 partial sums: for (o = 16; o > 0; o /= 2) sum += __shfl_down_sync(0xffffffff, sum, o); lane 0 writes y[row]. A warp whose row is past the last one returns as a whole before the shuffles (the mask names all 32 lanes). An empty row gives 0: the loop runs no step, and the sum starts at 0.",
  },
}
