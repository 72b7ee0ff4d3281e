/* Matrix multiply: c = a * b for n x n row-major matrices of doubles.
 * Element (i, j) of a matrix m is m[i * n + j]. c arrives holding garbage.
 */
void matmul(const double *a, const double *b, double *c, int n)
{
    /* TODO: c[i][j] = sum over k of a[i][k] * b[k][j] */
}
