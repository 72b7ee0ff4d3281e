/* Histogram, correct but slow: one private histogram per warp, set up and merged by thread 0
 * alone, and one load in flight per thread. On an H100, against the reference's 0.11 ms:
 *
 * - Eight copies of 1024 counters are 32 KB of shared memory per block: an SM holds 6 such
 *   blocks instead of 8, so 792 of the grader's 1024 blocks run at once and 232 wait for a
 *   second wave.
 * - Each thread loads x[i], waits for it (a DRAM round trip, 0.3-0.6 us), counts it, and only
 *   then loads the next: 256 round trips for its 256 elements. With 0.8 MB in flight on the
 *   whole GPU the first wave streams at 1.5-2 TB/s (about 0.1-0.15 ms); the second wave takes
 *   its 256 round trips again (70-150 us) with most of the GPU idle.
 * - Thread 0 clears 8192 counters and later adds up the 8 copies of each bin while the other
 *   255 threads wait: 10-25 us more per block. Its 1024 global atomics go out one at a time,
 *   one bin each: 1M single updates on the same 4 KB for the grid, where the reference sends
 *   its 1M as warp-wide atomics on 32 neighbouring bins. The L2 applies about 8 G single
 *   updates per second to these 4 KB (the one-atomic-per-element kernel: 64M in 7.8 ms), so
 *   they take ~0.12 ms, most of it behind the second wave, ~30 us after it.
 *
 * Expected 0.22-0.34 ms: 2.0-3.1x the reference, 2.3-3.6x a device copy (the bar is 1.6x).
 * One global atomic per element, the usual first attempt, is 71x the reference: too slow to
 * calibrate a bar against. */

#define NBINS 1024
#define WARPS 8   /* the grader launches blocks of 256 threads */

__device__ int bin_of(float x, float lo, float scale)
{
    float t = (x - lo) * scale;
    if (t < 0.0f) return 0;
    if (t >= (float)NBINS) return NBINS - 1;
    return (int)t;
}

__global__ void histogram(unsigned int *bins, const float *x, int n, float lo, float scale)
{
    __shared__ unsigned int h[WARPS][NBINS];   /* one private histogram per warp */
    if (threadIdx.x == 0)
        for (int w = 0; w < WARPS; w++)
            for (int b = 0; b < NBINS; b++)
                h[w][b] = 0;
    __syncthreads();

    int warp = threadIdx.x / 32;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
        atomicAdd(&h[warp][bin_of(x[i], lo, scale)], 1u);
    __syncthreads();

    if (threadIdx.x == 0)
        for (int b = 0; b < NBINS; b++) {
            unsigned int sum = 0;
            for (int w = 0; w < WARPS; w++)
                sum += h[w][b];
            if (sum != 0)
                atomicAdd(&bins[b], sum);
        }
}
