return {
  title = "RoPE: rotate pairs in place, sin and cos on the fly",
  summary = "Rotary position embedding over [tokens][heads][head_dim]: one block per token, a float2 per pair, coalesced.",
  file = "rope.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "RoPE in place on 8192 tokens x 32 heads x 128 floats (268 MB read and written), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "A token's heads * head_dim floats are heads * head_dim / 2 pairs in a row, so view them as float2: pair k of the token is ((float2 *)(x + token * heads * head_dim))[k]. Thread t takes pairs t, t + 256, t + 512, ... and its warp reads 32 neighbouring float2: 256 contiguous bytes.",
    "Pair k belongs to head k / half and is pair i = k % half of that head (half = head_dim / 2). The angle is pos * theta^(-2i / head_dim) = pos * exp2f(i * c) with c = -2 * log2f(theta) / head_dim, the same c for every pair.",
    "Load v = row[k]; s = __sinf(a), co = __cosf(a) (or sinf and cosf); write r.x = v.x * co - v.y * s, r.y = v.x * s + v.y * co; row[k] = r. Both values of the pair are read before either is written, so in place is safe.",
  },
}
