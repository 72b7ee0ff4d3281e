return {
  title = "Pooling: neighbours through shared memory",
  summary = "out[i] = a[i-2] + a[i-1] + a[i], each input read from global memory once.",
  file = "pooling.cu",
  engine = "cuda",
  hints = {
    "Load first: each thread stores its own a[i] in the shared array. Only after a __syncthreads() may it read its neighbours' slots.",
    "Near the start there are fewer than two neighbours: add cache[i-1] only when i >= 1 and cache[i-2] only when i >= 2.",
    "if (i < size) cache[i] = a[i]; __syncthreads(); if (i < size) { float s = cache[i]; if (i >= 1) s += cache[i - 1]; if (i >= 2) s += cache[i - 2]; out[i] = s; }",
  },
}
