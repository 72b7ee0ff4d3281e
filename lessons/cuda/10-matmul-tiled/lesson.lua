return {
  title = "Matrix multiply: tiles in shared memory, outputs in registers",
  summary = "A 64 x 64 tile of C per block, staged tiles of A and B, a 4 x 4 group of outputs per thread.",
  file = "matmul.cu",
  engine = "cuda",
  timeout = 60,
  memory_mb = 2048,
  bars = {
    matmul = {
      max_ratio = 1.5,
      against = "reference",
      what = "a 2048 x 2048 x 2048 float matrix multiply, against the reference kernel (64 x 64 tiles, 4 x 4 outputs per thread) in the same run",
    },
  },
  hints = {
    "One output per thread, straight from global memory, reads 2k floats for k multiply-adds. Cut the reads: a block loads a tile of A and a tile of B into __shared__ memory once, and all its threads use them.",
    "Shared memory alone is not enough: a shared load is not much cheaper than a cached global one. Give each thread several outputs, say 4 x 4 at rows ty + 16i and columns tx + 16j of a 64 x 64 tile: per step of k it loads 4 values of A and 4 of B into registers and does 16 multiply-adds with them.",
    "With BM = BN = 64, BK = 16, TM = TN = 4 (16 x 16 threads): for each k0, the 256 threads load the 64 x 16 tile of A and the 16 x 64 tile of B (4 elements each, 0 outside the matrices), __syncthreads(), then for kk < 16: ar[i] = sa[kk][ty + 16i], br[j] = sb[kk][tx + 16j], acc[i][j] += ar[i] * br[j]; __syncthreads() before the next k0.",
  },
}
