/* The textbook i-j-k order: each c[i][j] is one dot product of a row of a with a column of
 * b. The row of a is read in order; the column of b is read n * 8 bytes apart, one cache
 * line per multiply, and with n = 512 those lines all fall in the same few cache sets. */
void matmul(const double *a, const double *b, double *c, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++)
                s += a[i * n + k] * b[k * n + j];
            c[i * n + j] = s;
        }
}
