/* Sparse matrix times vector in CSR, correct but one thread per row ("scalar CSR"). At step j
 * the 32 threads of a warp read element j of 32 different rows: with 64 nonzeros per row
 * those are 256 bytes apart, 32 sectors per load for 128 useful bytes, for vals and cols
 * alike (and the gathers of x land on 32 different lines too). The rest of each sector is
 * used on the next 7 steps only if it is still in L1, and with 64 warps per SM each
 * touching ~96 lines per step it mostly is not. A warp also runs as long as its longest
 * row. */

#define THREADS 256
const int threads = THREADS, rows_per_block = THREADS;

__global__ void spmv_csr(float *y, const int *rowptr, const int *cols, const float *vals, const float *x, int rows)
{
    int row = blockIdx.x * THREADS + threadIdx.x;
    if (row >= rows)
        return;
    float sum = 0.0f;
    for (int j = rowptr[row]; j < rowptr[row + 1]; j++)
        sum += vals[j] * x[cols[j]];
    y[row] = sum;
}
