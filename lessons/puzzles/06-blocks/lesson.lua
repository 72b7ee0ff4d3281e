return {
  title = "Blocks: more data than one block",
  summary = "Several blocks: blockIdx.x * blockDim.x + threadIdx.x.",
  file = "blocks.cu",
  engine = "cuda",
  hints = {
    "threadIdx.x restarts at 0 in every block; blockIdx.x says which block this is and blockDim.x how many threads each has.",
    "The global index is the number of threads in the blocks before this one plus the index inside the block. Keep the guard.",
    "int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < size) out[i] = a[i] + 10.0f;",
  },
}
