/* Histogram, privatized: each block counts into its own histogram in shared memory (atomics
 * inside the SM, spread over 1024 addresses and contended only within the block), then adds
 * it to the global bins with one atomic per bin per block: 1024 global atomics per block
 * instead of one per element. */

#define NBINS 1024

__device__ int bin_of(float x, float lo, float scale)
{
    float t = (x - lo) * scale;
    if (t < 0.0f) return 0;
    if (t >= (float)NBINS) return NBINS - 1;
    return (int)t;
}

__global__ void histogram(unsigned int *bins, const float *x, int n, float lo, float scale)
{
    __shared__ unsigned int h[NBINS];
    int t = threadIdx.x;
    for (int b = t; b < NBINS; b += blockDim.x)
        h[b] = 0;
    __syncthreads();   /* shared memory starts as garbage: all zeros before anyone counts */

    int stride = gridDim.x * blockDim.x;
    int i = blockIdx.x * blockDim.x + t;
    /* Four loads in flight before their four atomics. */
    for (; i + 3 * stride < n; i += 4 * stride) {
        float x0 = x[i], x1 = x[i + stride], x2 = x[i + 2 * stride], x3 = x[i + 3 * stride];
        atomicAdd(&h[bin_of(x0, lo, scale)], 1u);
        atomicAdd(&h[bin_of(x1, lo, scale)], 1u);
        atomicAdd(&h[bin_of(x2, lo, scale)], 1u);
        atomicAdd(&h[bin_of(x3, lo, scale)], 1u);
    }
    for (; i < n; i += stride)
        atomicAdd(&h[bin_of(x[i], lo, scale)], 1u);
    __syncthreads();   /* every count of the block is in h */

    for (int b = t; b < NBINS; b += blockDim.x)
        if (h[b] != 0)
            atomicAdd(&bins[b], h[b]);
}
