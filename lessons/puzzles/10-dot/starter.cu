/* Puzzle 10, dot product: out[0] = a[0]*b[0] + a[1]*b[1] + ... + a[size-1]*b[size-1].
 * ONE block of TPB threads; size <= TPB.
 * Rule: each thread reads a and b once; only one thread writes out. */

#define TPB 8

__global__ void dot(float *out, const float *a, const float *b, int size)
{
    __shared__ float cache[TPB];
    /* TODO */
}
