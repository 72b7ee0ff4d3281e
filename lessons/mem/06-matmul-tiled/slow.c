/* The i-k-j loop of mem/05: rows in order, but every multiply-add loads b[k][j], loads
 * c[i][j] and stores it back: three memory accesses for two floating-point operations, and
 * the whole of b streams through the cache once per row of c.
 */
void matmul(const double *a, const double *b, double *c, int n)
{
    for (int i = 0; i < n * n; i++)
        c[i] = 0;
    for (int i = 0; i < n; i++) {
        double *crow = c + i * n;
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            const double *brow = b + k * n;
            for (int j = 0; j < n; j++)
                crow[j] += aik * brow[j];
        }
    }
}
