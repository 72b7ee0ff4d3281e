return {
  title = "Softmax: one block per row, one pass for the statistics",
  summary = "A row softmax where 256 threads keep an online (max, sum) pair each and merge them with shuffles.",
  file = "softmax.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "softmax of 8192 rows of 4096 floats (268 MB read and written), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "The whole block works on its row: thread t takes elements t, t + 256, t + 512, ... (coalesced), keeps its own maximum m and its own sum d of exp(x - m), and the block merges the 256 pairs.",
    "Online update for one more x: if (x > m) { d = d * expf(m - x) + 1; m = x; } else d += expf(x - m). Merging (m1, d1) and (m2, d2): m = max(m1, m2), d = d1 * expf(m1 - m) + d2 * expf(m2 - m); a thread with no elements has d = 0 and must not take part (expf(-inf - -inf) is NaN).",
    "Merge within each warp with __shfl_xor_sync(0xffffffff, v, o) for o = 16, 8, 4, 2, 1 (both m and d), write each warp's pair to __shared__ arrays of 8, __syncthreads(), let every thread merge the 8 pairs in the same order, then out[j] = expf(in[j] - m) / d in a second coalesced loop.",
  },
}
