/* Inclusive running sums of every row: out[r][j] = in[r][0] + in[r][1] + ... + in[r][j],
 * for a rows x cols row-major matrix. The grader launches one block of BLOCK = 256 threads
 * per row (grid = rows); cols may be anything from 0 up, not a multiple of anything. */

#define BLOCK 256

__global__ void scan_rows(float *out, const float *in, int rows, int cols)
{
    /* TODO: all 256 threads of the block share the work of row blockIdx.x */
}
