/* y = A x for a sparse matrix A in CSR form (rows x cols, nnz nonzeros):
 *   rowptr[rows + 1]   row r's nonzeros are entries rowptr[r] .. rowptr[r + 1] - 1
 *   cols[nnz]          the column of each entry (within a row in any order)
 *   vals[nnz]          its value
 *   x[cols], y[rows]   y[r] = sum over j in row r of vals[j] * x[cols[j]]  (0 for an empty row)
 *
 * You choose the launch: block = {threads}, grid = {ceil(rows / rows_per_block)}, so a block
 * covers rows_per_block consecutive rows. With one warp per row: rows_per_block = threads / 32. */

#define THREADS 256
#define ROWS_PER_BLOCK (THREADS / 32)
const int threads = THREADS, rows_per_block = ROWS_PER_BLOCK;

__global__ void spmv_csr(float *y, const int *rowptr, const int *cols, const float *vals, const float *x, int rows)
{
    /* TODO */
}
