/* Histogram: bins[bin_of(x[i], lo, scale)] += 1 for every i in 0 .. n-1, NBINS bins.
 * bins is all zeros before the launch. The grader launches GRID blocks of 256 threads,
 * far fewer threads than elements (for the timed run, 1024 blocks for 64M floats). */

#define NBINS 1024

/* The bin of a value: (x - lo) * scale, cut to 0 .. NBINS-1 (values below lo count in bin 0,
   values at or above lo + NBINS / scale in the last bin). Use it as it is. */
__device__ int bin_of(float x, float lo, float scale)
{
    float t = (x - lo) * scale;
    if (t < 0.0f) return 0;
    if (t >= (float)NBINS) return NBINS - 1;
    return (int)t;
}

__global__ void histogram(unsigned int *bins, const float *x, int n, float lo, float scale)
{
    /* TODO: a grid-stride loop over x; a private histogram per block in shared memory;
       then merge it into bins */
}
