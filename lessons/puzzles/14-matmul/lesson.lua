return {
  title = "Matrix multiply: shared tiles",
  summary = "C = A x B, each block computing one tile of C from tiles of A and B staged in shared memory.",
  file = "matmul.cu",
  engine = "cuda",
  hints = {
    "Thread (tx, ty) of block (bx, by) owns C[row][col] with row = by * TILE + ty, col = bx * TILE + tx. It walks k in steps of TILE, over ceil(size / TILE) tiles.",
    "For each step: load sa[ty][tx] = A[row][k0 + tx] and sb[ty][tx] = B[k0 + ty][col] (0 outside the matrix), __syncthreads(), add sa[ty][k] * sb[k][tx] for k < TILE, __syncthreads() before the next load.",
    "for (int k0 = 0; k0 < size; k0 += TILE) { sa[ty][tx] = row < size && k0 + tx < size ? a[row * size + k0 + tx] : 0.0f; sb[ty][tx] = k0 + ty < size && col < size ? b[(k0 + ty) * size + col] : 0.0f; __syncthreads(); for (int k = 0; k < TILE; k++) acc += sa[ty][k] * sb[k][tx]; __syncthreads(); }",
  },
}
