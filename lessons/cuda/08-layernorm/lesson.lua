return {
  title = "LayerNorm: two block reductions per row",
  summary = "Mean, then variance about the mean, each a block-wide sum of 256 partials; then normalise, scale and shift.",
  file = "layernorm.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "LayerNorm of 8192 rows of 4096 floats (268 MB read and written), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "All 256 threads work on the row: thread t sums x[t], x[t + 256], ... (coalesced); the block adds the 256 partial sums; mean = sum / cols. Then the same for (x - mean)^2.",
    "A block-wide sum: within each warp v += __shfl_xor_sync(0xffffffff, v, o) for o = 16, 8, 4, 2, 1; lane 0 writes the warp's sum to a __shared__ float[8]; __syncthreads(); every thread adds the 8 in the same order. Use a second shared array (or another barrier) for the second sum.",
    "Do not compute the variance as E[x^2] - mean^2 in float: for rows around 100 with a spread of 1, both terms are about 10000 and their difference loses most of its digits. Sum (x - mean)^2 in a second pass; the row is in cache by then.",
  },
}
