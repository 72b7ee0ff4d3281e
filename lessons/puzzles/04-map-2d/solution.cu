/* Puzzle 4, map 2D: out = a + 10, one thread per matrix element, with a guard on both axes. */

__global__ void map2d(float *out, const float *a, int size)
{
    int col = threadIdx.x;
    int row = threadIdx.y;
    if (row < size && col < size)
        out[row * size + col] = a[row * size + col] + 10.0f;
}
