/* Column sums of a row-major matrix.
 *
 * m holds rows * cols ints, row after row: element (i, j) is m[i * cols + j].
 * Write the sum of column j into out[j], for every j in 0 .. cols-1.
 */
void column_sums(const int *m, int rows, int cols, long long *out)
{
    /* TODO: fill out[0 .. cols-1] */
}
