return {
  title = "Dot product: a block-wide reduction",
  summary = "Multiply pairwise, then add the products up in shared memory, halving each step.",
  file = "dot.cu",
  engine = "cuda",
  hints = {
    "First every thread stores a[i] * b[i] (or 0 when it has no element) in cache[i]; barrier.",
    "Then halve: for step = TPB/2, TPB/4, ..., 1, threads with t < step add cache[t + step] into cache[t]; a barrier after every step, reached by all threads.",
    "for (int step = TPB / 2; step > 0; step /= 2) { if (t < step) cache[t] += cache[t + step]; __syncthreads(); } if (t == 0) out[0] = cache[0];",
  },
}
