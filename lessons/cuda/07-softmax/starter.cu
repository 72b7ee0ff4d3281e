/* Softmax of every row of a rows x cols row-major matrix:
 *   out[r][j] = exp(in[r][j] - max_r) / sum_k exp(in[r][k] - max_r)
 * The grader launches one block of BLOCK = 256 threads per row (grid = rows); cols is 1 or
 * more, not a multiple of anything. Values may be large (1000 and more): subtract the max. */

#define BLOCK 256

__global__ void softmax_rows(float *out, const float *in, int rows, int cols)
{
    /* TODO */
}
