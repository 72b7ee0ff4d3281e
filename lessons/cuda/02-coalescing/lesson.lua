return {
  title = "Coalescing: let the warp read one line",
  summary = "Map thread ids onto a row-major matrix so that a warp's 32 loads fall in one 128-byte line.",
  file = "add_bias.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.65,
      against = "a device-to-device copy of the same bytes",
      what = "adding a bias row to an 8192 x 4096 float matrix (268 MB moved), against cuMemcpyDtoD moving as many bytes in the same run: at least 61% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "Which element does thread i + 1 touch, compared with thread i? For a row-major matrix, the neighbour in memory of x[r][c] is x[r][c + 1], not x[r + 1][c].",
    "Consecutive thread ids must walk along a row: the column changes fastest. The bias being shared by a column does not matter: it is 16 KB, read from cache.",
    "int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < rows * cols) { int c = i % cols; out[i] = x[i] + bias[c]; }",
  },
}
