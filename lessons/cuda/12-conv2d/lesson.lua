return {
  title = "Convolution: a haloed input tile and the filters in shared memory",
  summary = "A 3 x 3 convolution over NCHW images: stage an input tile with its halo and the weights once per block, give each thread several output channels.",
  file = "conv2d.cu",
  engine = "cuda",
  timeout = 30,
  memory_mb = 2048,
  bars = {
    conv = {
      max_ratio = 1.4,
      against = "reference",
      what = "a 3 x 3 convolution of 32 images, 64 x 64 pixels, 64 channels in and out (9.7 GFLOP), against the reference kernel in the same run",
    },
  },
  hints = {
    "One thread per output reads 9 * c inputs and 9 * c weights for 9 * c multiply-adds: two loads per FMA. The 9 taps of neighbouring pixels overlap, and every pixel of the block uses the same weights: load each once per block into __shared__ memory.",
    "Per group of input channels, stage the block's input tile with a one-pixel halo, (TH + 2) x (TW + 2) floats per channel, 0 where it falls outside the image, plus the weights the block needs; __syncthreads(); compute from shared memory; __syncthreads() before the next group. Then reuse each loaded input value for several output channels: keep float acc[4], one per output channel.",
    "With a 32 x 8 block for a 32 x 8 tile and 4 output channels (tile_k = 4): stage float tile[8][10][34] (8 input channels; warp ty fills rows ty, ty + 8, ... with lanes along x) and float wts[8][9][4]; then for each ci and tap (r, s): v = tile[ci][ty + r][tx + s], and acc[q] += v * wts[ci][r * 3 + s][q] for q < 4 (one float4 load for the 4 weights). Output channels past k and input channels past c: weights 0, no store.",
  },
}
