return {
  title = "Histogram: private counts in shared memory",
  summary = "Count into a per-block histogram in shared memory, then merge it with one atomic per bin.",
  file = "histogram.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "a 1024-bin histogram of 64M floats (268 MB read), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "atomicAdd(&bins[b], 1) from every thread for every element: 64M atomics on 1024 addresses in global memory, served by the L2 cache one after another per address. Count somewhere closer first.",
    "Give each block its own copy: __shared__ unsigned int h[NBINS]; zero it (every thread clears NBINS / blockDim.x bins), __syncthreads(), count with atomicAdd(&h[b], 1u) (shared-memory atomics, in the SM), __syncthreads(), then add each of h's bins to bins with one global atomicAdd.",
    "Still short? Each thread has one load in flight at a time. Load x[i], x[i + G], x[i + 2G], x[i + 3G] (G = gridDim.x * blockDim.x) into four variables before counting them, then finish the last few one at a time.",
  },
}
