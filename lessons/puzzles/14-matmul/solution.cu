/* Puzzle 14, matrix multiply: tiles of a and b staged in shared memory. */

#define TILE 4
const int tile = TILE;

__global__ void matmul(float *out, const float *a, const float *b, int size)
{
    __shared__ float sa[TILE][TILE];
    __shared__ float sb[TILE][TILE];
    int tx = threadIdx.x, ty = threadIdx.y;
    int row = blockIdx.y * TILE + ty;
    int col = blockIdx.x * TILE + tx;
    float acc = 0.0f;
    for (int k0 = 0; k0 < size; k0 += TILE) {
        sa[ty][tx] = row < size && k0 + tx < size ? a[row * size + k0 + tx] : 0.0f;
        sb[ty][tx] = k0 + ty < size && col < size ? b[(k0 + ty) * size + col] : 0.0f;
        __syncthreads();
        for (int k = 0; k < TILE; k++)
            acc += sa[ty][k] * sb[k][tx];
        __syncthreads();   /* nobody overwrites the tiles while others still read them */
    }
    if (row < size && col < size)
        out[row * size + col] = acc;
}
