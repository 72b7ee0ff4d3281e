return {
  title = "Transpose: a shared tile and one padding column",
  summary = "Read rows, write rows: turn the matrix around inside a 32 x 33 shared-memory tile.",
  file = "transpose.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.35,
      against = "a device-to-device copy of the same bytes",
      what = "transposing a 4096 x 8192 float matrix (268 MB moved), against cuMemcpyDtoD moving as many bytes in the same run: at least 74% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "Reading in[y][x] with x = the thread's column is coalesced; writing out[x][y] then is not: neighbouring threads write floats `rows` apart. Stage the block's 32 x 32 tile in __shared__ memory and write it out from there.",
    "Load: tile[j][tx] = in[(y0 + j) * cols + x0 + tx] for j = ty, ty + 8, ...; __syncthreads(); store: out[(x0 + j) * rows + y0 + tx] = tile[tx][j]. Both global accesses now walk along a row with threadIdx.x.",
    "Reading tile[tx][j] down a column of a 32 x 32 float array hits one shared-memory bank 32 times (column stride 32 words). Declare the tile as float tile[32][33]: the stride becomes 33 and the 32 lanes hit 32 different banks.",
  },
}
