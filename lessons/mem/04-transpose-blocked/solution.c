/* Blocked transpose.
 *
 * The matrix is cut into TILE x TILE tiles; each tile of a is transposed into the matching
 * tile of b before moving on. Inside one tile, the TILE rows of a being read and the TILE rows
 * of b being written are 2 * TILE runs of TILE ints (64 bytes: one cache line each at
 * TILE = 16), so every line brought in is used in full while it is still in L1. Sixteen
 * rather than 32 or 64: with a power-of-two row length, the rows of b a tile writes all map
 * to the same few L1 sets, and 16 lines still fit in them.
 *
 * Edge tiles are cut short with the min() bounds, so any rows and cols work.
 */
#define TILE 16

void transpose(const int *a, int *b, int rows, int cols)
{
    for (int ii = 0; ii < rows; ii += TILE) {
        int iend = ii + TILE < rows ? ii + TILE : rows;
        for (int jj = 0; jj < cols; jj += TILE) {
            int jend = jj + TILE < cols ? jj + TILE : cols;
            for (int i = ii; i < iend; i++) {
                const int *arow = a + (long)i * cols;
                for (int j = jj; j < jend; j++)
                    b[(long)j * rows + i] = arow[j];
            }
        }
    }
}
