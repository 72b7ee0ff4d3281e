/* Column sums of a row-major matrix, reading memory in the order it is laid out.
 *
 * The inner loop walks along a row, so consecutive reads are consecutive ints: every
 * 64-byte cache line fetched is used in full, and the hardware prefetcher sees a plain
 * sequential stream. The column totals (cols long longs) stay in cache throughout.
 */
void column_sums(const int *m, int rows, int cols, long long *out)
{
    for (int j = 0; j < cols; j++)
        out[j] = 0;
    for (int i = 0; i < rows; i++) {
        const int *row = m + (long)i * cols;
        for (int j = 0; j < cols; j++)
            out[j] += row[j];
    }
}
