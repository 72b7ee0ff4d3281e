return {
  title = "SwiGLU: a fused gate, eight outputs per thread",
  summary = "out = silu(gate) * up from a packed [gate | up] row, in one pass; each thread takes 8 outputs, 256 apart.",
  file = "swiglu.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 4096,
  bars = {
    bandwidth = {
      max_ratio = 1.6,
      against = "a device-to-device copy of the same bytes",
      what = "SwiGLU of 2048 rows of 2 x 11008 floats (270 MB read and written), against cuMemcpyDtoD moving as many bytes in the same run: at least 62% of this GPU's copy bandwidth",
    },
  },
  hints = {
    "Row r of gu is 2 * hidden floats: gate = gu + r * 2 * hidden, up = gate + hidden; row r of out is out + r * hidden. Block (bx, r) covers columns bx * 2048 to bx * 2048 + 2047 of row r (blockIdx.y is the row).",
    "silu(a) = a / (1 + expf(-a)). For a below about -88.7, expf(-a) is infinity and a / infinity is -0, which is right (the exact value is below 1e-36). The form a * expf(a) / (1 + expf(a)) is not: for a above 88.7 it is infinity / infinity = NaN.",
    "Which 8 columns? j = bx * 2048 + threadIdx.x + 256 * e for e = 0 .. 7 (skip j >= hidden). With 256 apart, a warp's 32 loads of one e are 32 neighbouring floats, one 128-byte line. Eight neighbouring columns per thread (j = base + 8 * threadIdx.x + e) look tidier and put the 32 lanes 32 bytes apart.",
  },
}
