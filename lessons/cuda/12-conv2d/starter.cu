/* 3 x 3 convolution, stride 1, 'same' zero padding (the output is as large as the input):
 *   in:   n x c x h x w   (NCHW: in[b][ci][y][x] is in[((b * c + ci) * h + y) * w + x])
 *   filt: k x c x 3 x 3   (KCRS)
 *   out:  n x k x h x w   out[b][ko][y][x] = sum over ci, r, s of
 *                           in[b][ci][y + r - 1][x + s - 1] * filt[ko][ci][r][s]
 *         (an input pixel outside the image counts as 0)
 *
 * You choose the launch: a block computes a tile_w x tile_h tile of pixels for tile_k output
 * channels, with block_x x block_y threads. The grader launches
 *   block = {block_x, block_y}
 *   grid  = {ceil(w / tile_w), ceil(h / tile_h), n * ceil(k / tile_k)}
 * so blockIdx.z / ceil(k / tile_k) is the image and blockIdx.z % ceil(k / tile_k) the group of
 * output channels. */

#define TW 32
#define TH 8
#define TK 4
const int tile_w = TW, tile_h = TH, tile_k = TK, block_x = 32, block_y = 8;

__global__ void conv2d(float *out, const float *in, const float *filt, int n, int c, int k, int h, int w)
{
    /* TODO */
}
