return {
  title = "Flash attention forward: softmax(Q K^T) V without the scores",
  summary = "Attention per block of 64 queries, K and V in shared tiles, an online softmax in registers, the seq x seq scores never stored.",
  file = "attention.cu",
  engine = "cuda",
  timeout = 60,
  memory_mb = 2048,
  bars = {
    attention = {
      max_ratio = 1.5,
      against = "reference",
      what = "attention forward, 16 heads x 4096 queries x 4096 keys, dim 64 (68.7 GFLOP), against the reference kernel (64 queries per block, 4 x 4 scores and 4 x 8 outputs per thread) in the same run",
    },
  },
  hints = {
    "A block takes bq query rows of one head and walks the keys in tiles staged in __shared__ memory (0 past seq). Per query row keep m (running maximum, -inf at first), l (running sum) and o[64]. For a tile: m_new = max(m, the tile's scores); alpha = exp(m - m_new); l = l * alpha + sum exp(s - m_new); o = o * alpha + sum exp(s - m_new) * v; at the end out = o / l.",
    "Block the products in registers: 128 threads, tx = tid % 8, ty = tid / 8; a thread owns rows ty + 16i (i < 4), keys tx + 8j of a 32-key tile (s[4][4]) and columns 4tx .. 4tx+3 and 32+4tx .. 32+4tx+3 of the output (o[4][8]). The 8 lanes of a row are neighbours in one warp: __shfl_xor_sync with 4, 2, 1 gives them the row's maximum. Write the probabilities to a __shared__ tile, __syncthreads(), then O += P V.",
    "Load Q once, multiplied by 0.125f * 1.44269504f, into sq[64][68]; per tile K into sk[32][68] and V into sv[32][64] as float4, then sync. S: for c in 0, 4, .., 60: a[i] = float4 sq[ty + 16i][c], b[j] = float4 sk[tx + 8j][c], s[i][j] += the four products. Keys >= seq get -inf. Per row i: the max over s[i][..] and 3 shuffles, m_new, alpha = exp2f(m - m_new), p = exp2f(s - m_new) into sp[ty + 16i][tx + 8j] (rows of 40 floats), l = l * alpha + the sum of p, o[i][..] *= alpha. Sync; for kk in 0, 4, .., 28: float4 of sp[ty + 16i][kk] and, for t < 4, float4s sv[kk + t][4tx] and sv[kk + t][32 + 4tx]: 128 FMAs. Sync. At the end add l over the row's 8 lanes (shuffles) and store o / l as float4.",
  },
}
