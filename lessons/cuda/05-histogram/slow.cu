/* Histogram, correct but slow: every element is one atomicAdd on the global bins. 64M atomics
 * on 1024 addresses go to the L2 cache, where the updates of one address are applied one
 * after another. */

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
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
        atomicAdd(&bins[bin_of(x[i], lo, scale)], 1u);
}
