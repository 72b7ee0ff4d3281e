/* 3 x 3 convolution, correct but with no reuse: one thread per output, every input value and
 * every weight read straight from global memory. A warp's 32 threads share one output channel
 * and one row, so each weight load is a broadcast and each input load 32 consecutive floats,
 * served by L1 at best: still two loads (about 2.7 L1 wavefronts, one not 128-byte aligned
 * for taps s = 0 and 2) per multiply-add, against the reference's half a shared load per
 * multiply-add, four outputs per thread. */

const int tile_w = 32, tile_h = 8, tile_k = 1, block_x = 32, block_y = 8;

__global__ void conv2d(float *out, const float *in, const float *filt, int n, int c, int k, int h, int w)
{
    int x = blockIdx.x * 32 + threadIdx.x, y = blockIdx.y * 8 + threadIdx.y;
    int img = blockIdx.z / k, ko = blockIdx.z % k;
    if (x >= w || y >= h)
        return;
    float acc = 0.0f;
    for (int ci = 0; ci < c; ci++)
        for (int r = 0; r < 3; r++)
            for (int s = 0; s < 3; s++) {
                int iy = y + r - 1, ix = x + s - 1;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                    acc += in[((img * c + ci) * h + iy) * w + ix] * filt[((ko * c + ci) * 3 + r) * 3 + s];
            }
    out[((img * k + ko) * h + y) * w + x] = acc;
}
