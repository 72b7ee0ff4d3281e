/* Puzzle 1, map: out[i] = a[i] + 10, one thread per element. */

__global__ void map(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    out[i] = a[i] + 10.0f;
}
