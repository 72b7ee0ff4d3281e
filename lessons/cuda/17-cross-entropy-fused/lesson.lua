return {
  title = "Cross-entropy, fused: the logits read once",
  summary = "Per-row loss = logsumexp - target logit over 32000 logits, one block per row, an online (max, sum) pair per thread.",
  file = "cross_entropy.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "cross-entropy of 2048 rows of 32000 logits (262 MB read), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "The whole block reads the row once: thread t takes logits t, t + 256, t + 512, ... (coalesced) and keeps an online pair, its running maximum m and its sum d of exp(x - m), rescaling d by exp(m_old - m_new) when m grows (07-softmax's pass 1).",
    "Merge the 256 pairs: __shfl_xor_sync inside each warp (offsets 16 .. 1, both m and d), lane 0 writes each warp's pair to __shared__ arrays of 8, __syncthreads(), thread 0 merges the 8. A thread with no element has d = 0: skip it, since exp(-inf - -inf) is NaN.",
    "Thread 0 writes loss[row] = (m - x[target]) + logf(d): subtract first, so a target 1000 below the maximum gives about 1000, not a rounded difference of large numbers. A negative target is a padding row: write 0 and do not read x[target].",
  },
}
