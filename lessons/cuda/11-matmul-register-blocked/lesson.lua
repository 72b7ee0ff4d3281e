return {
  title = "Matrix multiply: 8 x 8 outputs per thread",
  summary = "128 x 128 tiles, 8 x 8 outputs per thread, float4 loads from global and shared memory: far more multiply-adds per load.",
  file = "matmul.cu",
  engine = "cuda",
  timeout = 60,
  memory_mb = 2048,
  bars = {
    matmul = {
      max_ratio = 1.5,
      against = "reference",
      what = "a 4096 x 4096 x 4096 float matrix multiply, against the reference kernel (128 x 128 tiles, 8 x 8 outputs per thread) in the same run",
    },
  },
  hints = {
    "Count shared-memory loads per multiply-add. With TM x TN outputs a thread loads TM + TN values per step of k for TM * TN multiply-adds: 2 x 2 gives 1 per load, 4 x 4 gives 2, 8 x 8 gives 4. Then make each load carry 4 floats: a float4 read from shared memory costs one instruction.",
    "For float4 reads, a thread's 4 rows of A must be 4 consecutive floats in shared memory: store A's tile transposed, sa[kk][r]. Give thread (tx, ty) rows 4ty..4ty+3 and 64+4ty..64+4ty+3, and the same columns with tx: per kk it reads sa[kk][4ty], sa[kk][64+4ty], sb[kk][4tx], sb[kk][64+4tx] as float4 and does 64 multiply-adds into float acc[8][8].",
    "With BM = BN = 128, BK = 8, 256 threads: each k-step, thread tid loads one float4 of A (row tid / 2, k offset tid % 2 * 4) and writes its 4 values to sa[ak + 0..3][row], and one float4 of B (row tid / 32, column tid % 32 * 4) to sb as a float4. Load a float4 only when the row length is a multiple of 4 and all 4 elements exist; otherwise load the 4 floats one by one with a 0 outside the matrix. __syncthreads() after the stores and after the 8 kk steps.",
  },
}
