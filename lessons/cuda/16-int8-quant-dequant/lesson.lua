return {
  title = "int8 quantisation: a block maximum, then one byte per value",
  summary = "Per-row absmax scales: a block-wide max with warp shuffles, then exact int8 codes (ties to even); and back.",
  file = "quant.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    quantize = {
      max_ratio = 1.5,
      against = "reference",
      what = "quantising 16384 rows of 4096 floats (268 MB read, 67 MB of codes written), against the reference kernel on the same inputs in the same run",
    },
  },
  hints = {
    "The whole block finds the row's maximum: thread t takes |x[t]|, |x[t + 256]|, ... (coalesced) into its own running maximum, and the block combines the 256 of them. Then every thread quantises its own elements t, t + 256, ...",
    "Combine with m = fmaxf(m, __shfl_xor_sync(0xffffffff, m, o)) for o = 16, 8, 4, 2, 1; lane 0 of each warp writes m to a __shared__ float[8]; __syncthreads(); every thread takes the max of the 8. scale = amax / 127.0f; thread 0 stores it in scales[row].",
    "Each code: a zero row (scale 0) gives 0, otherwise v = rintf(x / scale), clamped to [-127, 127] with fminf and fmaxf, stored as (signed char)v. rintf rounds 2.5 to 2 (ties to even); roundf would give 3, and a bare cast truncates 2.7 to 2.",
  },
}
