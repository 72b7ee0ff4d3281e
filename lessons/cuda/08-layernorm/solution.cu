/* LayerNorm: one block of 256 threads per row, three coalesced passes over the row (the first
 * from memory, the others from cache): sum -> mean; sum of squared deviations -> variance;
 * normalise, scale, shift. Each sum is a block-wide reduction: shuffles inside each warp,
 * then the 8 warp sums through shared memory, added in the same order by every thread. */

#define BLOCK 256
#define WARPS (BLOCK / 32)

/* The sum of v over the block, the same value in every thread. part: a shared float[WARPS]
   used by this call only. */
__device__ float block_sum(float v, float *part)
{
    for (int o = 16; o > 0; o /= 2)
        v += __shfl_xor_sync(0xffffffffu, v, o);
    if (threadIdx.x % 32 == 0)
        part[threadIdx.x / 32] = v;
    __syncthreads();
    float s = 0.0f;
    for (int w = 0; w < WARPS; w++)
        s += part[w];
    return s;
}

__global__ void layernorm(float *out, const float *in, const float *gamma, const float *beta,
                          int rows, int cols, float eps)
{
    __shared__ float part_mean[WARPS], part_var[WARPS];
    int t = threadIdx.x;
    const float *x = in + blockIdx.x * cols;
    float *y = out + blockIdx.x * cols;

    float s = 0.0f;
    int j = t;
    for (; j + 3 * BLOCK < cols; j += 4 * BLOCK)   /* four loads in flight */
        s += (x[j] + x[j + BLOCK]) + (x[j + 2 * BLOCK] + x[j + 3 * BLOCK]);
    for (; j < cols; j += BLOCK)
        s += x[j];
    float mean = block_sum(s, part_mean) / cols;

    /* Deviations from the mean, not E[x^2] - mean^2: no cancellation. */
    float q = 0.0f;
    for (j = t; j < cols; j += BLOCK) {
        float d = x[j] - mean;
        q += d * d;
    }
    float rstd = rsqrtf(block_sum(q, part_var) / cols + eps);

    for (j = t; j < cols; j += BLOCK)
        y[j] = (x[j] - mean) * rstd * gamma[j] + beta[j];
}
