/* 3 x 3 convolution, stride 1, 'same' zero padding: NCHW input, KCRS filters, NKHW output.
 *   out[b][ko][y][x] = sum over ci, r, s of in[b][ci][y + r - 1][x + s - 1] * filt[ko][ci][r][s]
 * A block of 32 x 8 threads computes a 32 x 8 tile of pixels for 4 output channels: each thread
 * one pixel, 4 outputs. For each group of 8 input channels it stages the tile's input with its
 * one-pixel halo (8 x 10 x 34 floats, zero outside the image) and the 8 x 9 x 4 weights it
 * needs in shared memory. Per input channel a thread then loads its 9 neighbours (a warp reads
 * 32 consecutive floats of a tile row: no bank conflicts) and, per tap, the 4 output channels'
 * weights as one float4 (the same address in every lane: a broadcast): 18 loads for 36 FMAs.
 * Every input element is read from global memory about 1.3 times per block (the halo) instead
 * of 9 times per output channel. */

#define TW 32           /* output tile: TW x TH pixels ... */
#define TH 8
#define TK 4            /* ... for TK output channels */
#define CC 8            /* input channels staged per step */
#define IW (TW + 2)     /* the input tile with its halo */
#define IH (TH + 2)
const int tile_w = TW, tile_h = TH, tile_k = TK, block_x = 32, block_y = 8;   /* read by the grader */

__global__ void conv2d(float *out, const float *in, const float *filt, int n, int c, int k, int h, int w)
{
    __shared__ float tile[CC][IH][IW];
    __shared__ __align__(16) float wts[CC][9][TK];   /* wts[ci][tap][ko]: one tap's 4 weights are a float4 */
    int tx = threadIdx.x, ty = threadIdx.y, tid = ty * 32 + tx;
    int kgroups = (k + TK - 1) / TK;
    int img = blockIdx.z / kgroups, k0 = blockIdx.z % kgroups * TK;
    int x0 = blockIdx.x * TW, y0 = blockIdx.y * TH;
    const float *src = in + img * c * h * w;
    float acc[TK];
    for (int q = 0; q < TK; q++)
        acc[q] = 0.0f;

    for (int c0 = 0; c0 < c; c0 += CC) {
        /* Each warp fills whole rows of the halo tile: lanes walk along x (coalesced). */
        for (int row = ty; row < CC * IH; row += 8) {
            int ci = row / IH, iy = y0 - 1 + row % IH;
            for (int col = tx; col < IW; col += 32) {
                int ix = x0 - 1 + col;
                int inside = c0 + ci < c && iy >= 0 && iy < h && ix >= 0 && ix < w;
                tile[ci][row % IH][col] = inside ? src[((c0 + ci) * h + iy) * w + ix] : 0.0f;
            }
        }
        /* Weights of output channel k0 + q for input channels c0 .. c0 + 7 are 72 consecutive
           floats of filt: walk them in that order. */
        for (int e = tid; e < TK * CC * 9; e += 256) {
            int q = e / (CC * 9), ci = e % (CC * 9) / 9, tap = e % 9;
            int inside = k0 + q < k && c0 + ci < c;
            wts[ci][tap][q] = inside ? filt[((k0 + q) * c + c0 + ci) * 9 + tap] : 0.0f;
        }
        __syncthreads();
        for (int ci = 0; ci < CC; ci++) {
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    float v = tile[ci][ty + r][tx + s];
                    float4 f = *(const float4 *)&wts[ci][r * 3 + s][0];
                    acc[0] += v * f.x;
                    acc[1] += v * f.y;
                    acc[2] += v * f.z;
                    acc[3] += v * f.w;
                }
            }
        }
        __syncthreads();   /* the next step overwrites the tiles */
    }

    int x = x0 + tx, y = y0 + ty;
    if (x < w && y < h)
        for (int q = 0; q < TK; q++)
            if (k0 + q < k)
                out[((img * k + k0 + q) * h + y) * w + x] = acc[q];
}
