/* Puzzle 13, axis sum: out[row] = a[row][0] + ... + a[row][cols-1] for a rows x cols matrix (row-major).
 * The grid has ONE BLOCK PER ROW (gridDim.y == rows); blocks have TPB threads; cols <= TPB. */

#define TPB 8

__global__ void axis_sum(float *out, const float *a, int rows, int cols)
{
    __shared__ float s[TPB];
    /* TODO */
}
