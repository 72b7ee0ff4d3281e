/* Residual add + RMSNorm, fused: one block of 256 threads per row. Pass 1 reads x and res once,
 * writes the new res and accumulates the sum of squares; a block-wide sum gives rstd; pass 2
 * reads back the new res (this thread's own stores, now in cache) and writes out. Per element:
 * 8 bytes read, 8 bytes written, nothing more. */

#define BLOCK 256
#define WARPS (BLOCK / 32)

__global__ void rmsnorm_residual(float *out, float *res, const float *x, const float *weight,
                                 int rows, int cols, float eps)
{
    __shared__ float part[WARPS];
    int t = threadIdx.x;
    float *h = res + blockIdx.x * cols;
    const float *a = x + blockIdx.x * cols;
    float *y = out + blockIdx.x * cols;

    float ss = 0.0f;
    for (int j = t; j < cols; j += BLOCK) {
        float v = h[j] + a[j];
        h[j] = v;
        ss += v * v;
    }
    for (int o = 16; o > 0; o /= 2)
        ss += __shfl_xor_sync(0xffffffffu, ss, o);
    if (t % 32 == 0)
        part[t / 32] = ss;
    __syncthreads();
    float sum = 0.0f;
    for (int w = 0; w < WARPS; w++)   /* the same order in every thread */
        sum += part[w];
    float rstd = rsqrtf(sum / cols + eps);

    for (int j = t; j < cols; j += BLOCK)   /* h[j] was stored by this thread */
        y[j] = h[j] * rstd * weight[j];
}
