/* Matrix multiply in i-k-j order.
 *
 * The same n^3 multiply-adds as i-j-k, grouped differently: for each a[i][k], add
 * a[i][k] * (row k of b) to row i of c. The inner loop then reads b and reads and writes c
 * along rows: consecutive doubles, every cache line used in full, a stream the hardware
 * prefetcher follows. Row i of c (4 KiB at n = 512) stays in L1 for the whole of its k loop.
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
