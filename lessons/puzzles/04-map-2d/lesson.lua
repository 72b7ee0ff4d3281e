return {
  title = "Map 2D: rows and columns of threads",
  summary = "A square matrix, a square block of threads: threadIdx.x and threadIdx.y.",
  file = "map2d.cu",
  engine = "cuda",
  hints = {
    "threadIdx.x is the column and threadIdx.y the row; the block is larger than the matrix.",
    "The matrix is stored row after row: element (row, col) is at index row * size + col.",
    "int col = threadIdx.x, row = threadIdx.y; if (row < size && col < size) out[row * size + col] = a[row * size + col] + 10.0f;",
  },
}
