/* Puzzle 9, pooling: out[i] = a[i-2] + a[i-1] + a[i] (leaving out indices below 0).
 * ONE block of TPB threads; size <= TPB.
 * Rule: each thread reads a from global memory once; neighbours come from shared memory. */

#define TPB 8

__global__ void pooling(float *out, const float *a, int size)
{
    __shared__ float cache[TPB];
    /* TODO */
}
