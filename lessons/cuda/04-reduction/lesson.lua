return {
  title = "Reduction: sum a vector at memory speed",
  summary = "Grid-stride loop, a tree in shared memory, one atomic per block.",
  file = "reduce.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.5,
      against = "a device-to-device copy of the same bytes",
      what = "summing 32M floats (128 MB read), against cuMemcpyDtoD moving as many bytes in the same run: at least 67% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "The grid is smaller than n: each thread first adds up in[i] for i = its global index, then every gridDim.x * blockDim.x further (a grid-stride loop), into a register.",
    "Then the block adds its 256 partial sums as a tree in a __shared__ array: for (s = blockDim.x / 2; s > 0; s /= 2) { if (t < s) cache[t] += cache[t + s]; __syncthreads(); }",
    "Only thread 0 of each block touches out: atomicAdd(out, cache[0]). One atomic per block, not per thread: atomics on one address take turns.",
    "Still short of the bar? Each thread waits for one load at a time. Load in[i], in[i + G], in[i + 2G], in[i + 3G] into four variables before adding them (then finish the last few elements one at a time): four loads in flight per thread.",
  },
}
