/* Transpose through a shared tile. Block (bx, by) reads the 32 x 32 tile of `in` at
 * (by * 32, bx * 32) along its rows (coalesced), and writes it to `out` at (bx * 32, by * 32),
 * also along rows (coalesced). The turn happens in shared memory, where reading down a column
 * is cheap as long as the 32 lanes of a warp hit 32 different banks: hence the 33rd column. */

#define TILE 32
#define BLOCK_ROWS 8

__global__ void transpose(float *out, const float *in, int rows, int cols)
{
    /* Row stride 33 words: element [k][j] is in bank (33k + j) % 32 = (k + j) % 32, so a
       warp reading tile[tx][j] for tx = 0..31 touches 32 different banks. With 32 columns
       all 32 would be in bank j, served one after another. */
    __shared__ float tile[TILE][TILE + 1];
    int tx = threadIdx.x, ty = threadIdx.y;
    int x0 = blockIdx.x * TILE, y0 = blockIdx.y * TILE;

    for (int j = ty; j < TILE; j += BLOCK_ROWS) {
        int r = y0 + j, c = x0 + tx;
        if (r < rows && c < cols)
            tile[j][tx] = in[r * cols + c];
    }
    __syncthreads();
    /* Row x0 + j of out is column x0 + j of in; lane tx writes its element y0 + tx. */
    for (int j = ty; j < TILE; j += BLOCK_ROWS) {
        int r = y0 + tx, c = x0 + j;
        if (r < rows && c < cols)
            out[c * rows + r] = tile[tx][j];
    }
}
