/* Puzzle 5, broadcast: out[row][col] = a[row] + b[col] for a size x size output.
 * a is a column (one value per row), b is a row (one value per column).
 * The grader launches ONE 2D block, larger than the output. */

__global__ void broadcast(float *out, const float *a, const float *b, int size)
{
    /* TODO */
}
