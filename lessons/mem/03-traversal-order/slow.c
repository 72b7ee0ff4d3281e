/* Column sums, one column at a time: the obvious loop order, and the slow one.
 * Each read is cols * 4 bytes after the previous one, so each touches a new cache line. */
void column_sums(const int *m, int rows, int cols, long long *out)
{
    for (int j = 0; j < cols; j++) {
        long long total = 0;
        for (int i = 0; i < rows; i++)
            total += m[(long)i * cols + j];
        out[j] = total;
    }
}
