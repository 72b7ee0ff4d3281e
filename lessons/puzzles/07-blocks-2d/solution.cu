/* Puzzle 7, blocks 2D: out = a + 10 with a 2D grid of 2D blocks. */

__global__ void blocks2d(float *out, const float *a, int size)
{
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < size && col < size)
        out[row * size + col] = a[row * size + col] + 10.0f;
}
