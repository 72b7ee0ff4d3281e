/* Puzzle 3, guards: out[i] = a[i] + 10; threads past the end do nothing. */

__global__ void guards(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    if (i < size)
        out[i] = a[i] + 10.0f;
}
