/* Matrix multiply, 4 x 4 tiles of c at a time, from a packed strip of b.
 *
 * Register tile: for each k, the 4 values a[i..i+3][k] and the 4 values b[k][j..j+3] are
 * loaded once and combined into all 16 products of the tile: 8 loads per 16 multiply-adds,
 * against 2 loads and a store per multiply-add in the i-k-j loop. The 16 partial sums stay
 * in local variables, which the compiler keeps in registers, until the tile is done, so c
 * is written exactly once.
 *
 * Packing: the 4 columns j..j+3 of b are copied once into bp, k after k (n * 4 doubles,
 * 32 KiB at n = 1024), and reused for every row block of a. The inner loop then reads bp
 * and the four rows of a strictly in order, instead of one 32-byte piece of b every
 * n * 8 bytes.
 *
 * Rows and columns past the last multiple of 4 are finished with plain dot products.
 */
#include <stdlib.h>

static double dot(const double *a, const double *b, int n, int i, int j)
{
    double s = 0;
    for (int k = 0; k < n; k++)
        s += a[i * n + k] * b[k * n + j];
    return s;
}

void matmul(const double *a, const double *b, double *c, int n)
{
    int n4 = n - n % 4;
    double *bp = malloc(sizeof(double) * 4 * (n > 0 ? n : 1));
    if (!bp)
        return;
    for (int j = 0; j < n4; j += 4) {
        for (int k = 0; k < n; k++)
            for (int s = 0; s < 4; s++)
                bp[4 * k + s] = b[k * n + j + s];
        for (int i = 0; i < n4; i += 4) {
            const double *a0 = a + i * n, *a1 = a0 + n, *a2 = a1 + n, *a3 = a2 + n;
            double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
            double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            const double *bk = bp;
            for (int k = 0; k < n; k++, bk += 4) {
                double b0 = bk[0], b1 = bk[1], b2 = bk[2], b3 = bk[3];
                double x0 = a0[k], x1 = a1[k], x2 = a2[k], x3 = a3[k];
                c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
                c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
                c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
                c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
            }
            double *ct = c + i * n + j;
            ct[0] = c00; ct[1] = c01; ct[2] = c02; ct[3] = c03; ct += n;
            ct[0] = c10; ct[1] = c11; ct[2] = c12; ct[3] = c13; ct += n;
            ct[0] = c20; ct[1] = c21; ct[2] = c22; ct[3] = c23; ct += n;
            ct[0] = c30; ct[1] = c31; ct[2] = c32; ct[3] = c33;
        }
    }
    free(bp);
    for (int i = 0; i < n4; i++)                 /* right edge: columns n4 .. n-1 */
        for (int j = n4; j < n; j++)
            c[i * n + j] = dot(a, b, n, i, j);
    for (int i = n4; i < n; i++)                 /* bottom edge: rows n4 .. n-1 */
        for (int j = 0; j < n; j++)
            c[i * n + j] = dot(a, b, n, i, j);
}
