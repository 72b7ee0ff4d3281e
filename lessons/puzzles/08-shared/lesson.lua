return {
  title = "Shared: the block's scratchpad",
  summary = "Stage data in __shared__ memory, wait at __syncthreads(), then use it.",
  file = "shared.cu",
  engine = "cuda",
  hints = {
    "Two steps: every thread copies its element of a into cache[threadIdx.x]; then every thread reads its slot back and writes out.",
    "Between the two steps put __syncthreads(), and reach it from every thread: guard the memory accesses, not the barrier.",
    "if (i < size) cache[t] = a[i]; __syncthreads(); if (i < size) out[i] = cache[t] + 10.0f;",
  },
}
