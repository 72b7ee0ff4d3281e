/* Puzzle 5, broadcast: out[row][col] = a[row] + b[col]. */

__global__ void broadcast(float *out, const float *a, const float *b, int size)
{
    int col = threadIdx.x;
    int row = threadIdx.y;
    if (row < size && col < size)
        out[row * size + col] = a[row] + b[col];
}
