return {
  title = "Scan: running sums of every row",
  summary = "An inclusive prefix sum per row: a block of 256 threads, shuffles inside each warp, one carry per chunk.",
  file = "scan.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    scan = {
      max_ratio = 1.5,
      against = "reference",
      what = "running sums of 16384 rows of 2048 floats (268 MB moved), against the reference kernel in the same run",
    },
  },
  hints = {
    "A scan looks sequential, but it is a reduction run forward: split the row into pieces, sum each piece, scan the piece sums, and add each piece's offset to its running sums.",
    "Per chunk of 1024 elements: load it coalesced into __shared__ float s[1024]; thread t scans its own 4 elements s[4t .. 4t+3] serially (total = the 4th); a warp scans its 32 totals with 5 __shfl_up_sync steps (if (lane >= d) x += y); lane 31 stores the warp's total in shared memory; after a barrier each thread adds the totals of the warps before it and the carry of the earlier chunks.",
    "float x = total; for (int d = 1; d < 32; d *= 2) { float y = __shfl_up_sync(0xffffffff, x, d); if (lane >= d) x += y; } gives the inclusive scan of the warp's totals; x - total is what comes before thread t inside its warp. Write the 4 results back to s, __syncthreads(), store s coalesced, add the chunk's total to the carry, and __syncthreads() before the next chunk overwrites s.",
  },
}
