/* Transpose, row by row: reads a in order, but writes b down a column, one element every
 * rows * 4 bytes. With 8192 rows that is 32 KiB apart: each write is a new cache line, and
 * all of them fall into the same few L1 sets, so the lines are evicted before the next
 * column could reuse them. */
void transpose(const int *a, int *b, int rows, int cols)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            b[(long)j * rows + i] = a[(long)i * cols + j];
}
