return {
  title = "RMSNorm with the residual add fused in",
  summary = "res += x and out = RMSNorm(res) * weight in one kernel: every float crosses memory once.",
  file = "rmsnorm.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "residual add + RMSNorm of 8192 rows of 4096 floats (537 MB read and written), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "One pass does three things per element: h = x[j] + res[j]; res[j] = h (the updated residual stream); and adds h * h to the thread's partial sum of squares.",
    "The block then adds its 256 partial sums: __shfl_xor_sync inside each warp (offsets 16 .. 1), lane 0 writes each warp's sum to a __shared__ float[8], __syncthreads(), every thread adds the 8 in the same order. rstd = rsqrtf(sum / cols + eps).",
    "Second pass: out[j] = res[j] * rstd * weight[j] for the same j as before: each thread reads back only what it wrote itself, so no barrier is needed between its store and that load.",
  },
}
