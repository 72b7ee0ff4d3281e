/* Puzzle 10, dot product: products into shared memory, then a tree reduction. */

#define TPB 8

__global__ void dot(float *out, const float *a, const float *b, int size)
{
    __shared__ float cache[TPB];
    int t = threadIdx.x;
    cache[t] = t < size ? a[t] * b[t] : 0.0f;
    __syncthreads();
    for (int step = TPB / 2; step > 0; step /= 2) {
        if (t < step)
            cache[t] += cache[t + step];
        __syncthreads();
    }
    if (t == 0)
        out[0] = cache[0];
}
