return {
  title = "1D convolution: a tile with a halo",
  summary = "Each block loads its slice of a plus the few elements past it, then every thread slides the kernel.",
  file = "conv1d.cu",
  engine = "cuda",
  hints = {
    "Output i needs a[i] .. a[i + b_size - 1]: the block's TPB elements plus up to MAX_CONV - 1 past its end (the halo). Load those, and b, into shared memory; use 0 for indices at or past a_size.",
    "Thread t loads tile[t] = a[start + t]; threads t < MAX_CONV - 1 also load tile[TPB + t] = a[start + TPB + t]; threads t < b_size load kernel[t] = b[t]. Then one __syncthreads().",
    "if (i < a_size) { float s = 0.0f; for (int j = 0; j < b_size; j++) s += tile[t + j] * kernel[j]; out[i] = s; }",
  },
}
