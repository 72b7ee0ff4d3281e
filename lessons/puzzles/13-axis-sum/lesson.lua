return {
  title = "Axis sum: one block per row",
  summary = "Sum every row of a matrix: a reduction per block, blocks side by side on the y axis.",
  file = "axis_sum.cu",
  engine = "cuda",
  hints = {
    "The grid has one block per row: blockIdx.y is the row. Thread t loads element (row, t), or 0 when t >= cols.",
    "Then the tree reduction of the dot puzzle: halve the active threads each step, with a __syncthreads() after every step, outside the if.",
    "s[t] = t < cols ? a[row * cols + t] : 0.0f; __syncthreads(); for (int step = TPB / 2; step > 0; step /= 2) { if (t < step) s[t] += s[t + step]; __syncthreads(); } if (t == 0) out[row] = s[0];",
  },
}
