/* Transpose a row-major matrix.
 *
 * a holds rows x cols ints: element (i, j) is a[i * cols + j].
 * b receives cols x rows ints: element (j, i) of b is b[j * rows + i], and must equal a's (i, j).
 */
void transpose(const int *a, int *b, int rows, int cols)
{
    /* TODO: write every element of b */
}
