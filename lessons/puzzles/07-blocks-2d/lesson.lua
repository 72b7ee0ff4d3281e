return {
  title = "Blocks 2D: a grid of tiles",
  summary = "A 2D grid of 2D blocks covers a matrix larger than one block.",
  file = "blocks2d.cu",
  engine = "cuda",
  hints = {
    "Do for x and y separately what you did in the blocks puzzle: each axis has its own blockIdx, blockDim and threadIdx.",
    "col = blockIdx.x * blockDim.x + threadIdx.x; row likewise with .y. Guard both.",
    "if (row < size && col < size) out[row * size + col] = a[row * size + col] + 10.0f;",
  },
}
