/* Transpose, correct but half uncoalesced: each thread copies in[r][c] straight to out[c][r].
 * The reads walk along rows of `in`; the writes of a warp land `rows` floats apart in `out`,
 * one 32-byte sector per 4-byte float. */

#define TILE 32
#define BLOCK_ROWS 8

__global__ void transpose(float *out, const float *in, int rows, int cols)
{
    int c = blockIdx.x * TILE + threadIdx.x;
    for (int j = threadIdx.y; j < TILE; j += BLOCK_ROWS) {
        int r = blockIdx.y * TILE + j;
        if (r < rows && c < cols)
            out[c * rows + r] = in[r * cols + c];
    }
}
