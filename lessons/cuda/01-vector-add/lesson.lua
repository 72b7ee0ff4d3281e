return {
  title = "Vector add at the speed of memory",
  summary = "One thread per element, guarded: as fast as this GPU can copy the same bytes.",
  file = "vector_add.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.35,
      against = "a device-to-device copy of the same bytes",
      what = "adding two vectors of 32M floats (384 MB moved), against cuMemcpyDtoD moving as many bytes in the same run: at least 74% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "Each thread needs one global index, made of its block's position and its own: blockIdx.x * blockDim.x + threadIdx.x.",
    "The grid is rounded up to whole blocks, so the last block has threads past the end: they must do nothing.",
    "int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) out[i] = a[i] + b[i];",
  },
}
