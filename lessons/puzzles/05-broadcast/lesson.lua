return {
  title = "Broadcast: a column plus a row",
  summary = "out[row][col] = a[row] + b[col]: one input varies down, the other across.",
  file = "broadcast.cu",
  engine = "cuda",
  hints = {
    "a has one value per row, b one value per column; the thread at (col, row) needs a[row] and b[col].",
    "Guard both coordinates, then write out[row * size + col].",
    "int col = threadIdx.x, row = threadIdx.y; if (row < size && col < size) out[row * size + col] = a[row] + b[col];",
  },
}
