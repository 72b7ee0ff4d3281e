/* out = transpose of in: in is rows x cols, out is cols x rows, both row-major, so
 * out[c * rows + r] = in[r * cols + c].
 * The grader launches blocks of TILE x 8 threads (32 x 8) and a grid of
 * ceil(cols / 32) x ceil(rows / 32) blocks: block (bx, by) owns the 32 x 32 tile of in whose
 * top-left element is (row by * 32, column bx * 32); each thread handles 4 of its elements. */

#define TILE 32
#define BLOCK_ROWS 8

__global__ void transpose(float *out, const float *in, int rows, int cols)
{
    /* TODO */
}
