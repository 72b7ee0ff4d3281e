/* Vector add: out[i] = a[i] + b[i] for every i in 0 .. n-1.
 * The grader launches blocks of 256 threads, as many as it takes to cover n (rounded up). */

__global__ void vector_add(float *out, const float *a, const float *b, int n)
{
    /* TODO: one element per thread */
}
