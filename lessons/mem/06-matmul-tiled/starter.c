/* Matrix multiply: c = a * b for n x n row-major matrices of doubles.
 * Element (i, j) of a matrix m is m[i * n + j]. c arrives holding garbage.
 *
 * mem/05's i-k-j loop is correct here but too slow for this lesson's bar: compute c one
 * 4 x 4 tile at a time.
 */
void matmul(const double *a, const double *b, double *c, int n)
{
    /* TODO */
}
