/* Puzzle 14, matrix multiply: out = a x b for size x size matrices (row-major).
 * Blocks of TILE x TILE threads, a grid of ceil(size / TILE) x ceil(size / TILE) blocks:
 * thread (x, y) of block (bx, by) computes out[by*TILE + y][bx*TILE + x].
 * The grader reads `tile` to shape the launch: you may change TILE (1 to 32).
 * Rule: shared memory holds one tile of a and one of b (2 * TILE * TILE floats). */

#define TILE 4
const int tile = TILE;

__global__ void matmul(float *out, const float *a, const float *b, int size)
{
    __shared__ float sa[TILE][TILE];
    __shared__ float sb[TILE][TILE];
    /* TODO */
}
