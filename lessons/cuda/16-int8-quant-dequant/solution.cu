/* Per-row absmax int8 quantisation: one block of 256 threads per row.
 * Pass 1 reads the row once (four loads in flight per thread) for each thread's largest |x|;
 * the block's maximum comes from shuffles inside each warp, then the 8 warp maxima through
 * shared memory. Pass 2 reads the row again (from cache: 16 KB per row at 4096 columns) and
 * writes one byte per value. Codes are exact: the scale is a float division amax / 127, each
 * code a float division x / scale rounded to nearest even. */

#define BLOCK 256
#define WARPS (BLOCK / 32)

__global__ void quantize_int8(signed char *q, float *scales, const float *x, int rows, int cols)
{
    __shared__ float wmax[WARPS];
    int t = threadIdx.x;
    const float *src = x + blockIdx.x * cols;
    signed char *dst = q + blockIdx.x * cols;

    float m = 0.0f;
    int j = t;
    for (; j + 3 * BLOCK < cols; j += 4 * BLOCK) {
        float x0 = src[j], x1 = src[j + BLOCK], x2 = src[j + 2 * BLOCK], x3 = src[j + 3 * BLOCK];
        m = fmaxf(m, fmaxf(fmaxf(fabsf(x0), fabsf(x1)), fmaxf(fabsf(x2), fabsf(x3))));
    }
    for (; j < cols; j += BLOCK)
        m = fmaxf(m, fabsf(src[j]));

    for (int o = 16; o > 0; o /= 2)
        m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, o));
    if (t % 32 == 0)
        wmax[t / 32] = m;
    __syncthreads();
    float amax = wmax[0];
    for (int w = 1; w < WARPS; w++)
        amax = fmaxf(amax, wmax[w]);

    float scale = amax / 127.0f;
    if (t == 0)
        scales[blockIdx.x] = scale;
    for (j = t; j < cols; j += BLOCK) {
        float v = scale == 0.0f ? 0.0f : rintf(src[j] / scale);   /* no 0 / 0 for a zero row */
        v = fminf(fmaxf(v, -127.0f), 127.0f);   /* |x| <= amax: only rounding could overshoot */
        dst[j] = (signed char)v;
    }
}

__global__ void dequantize_int8(float *x, const signed char *q, const float *scales, int rows, int cols)
{
    float scale = scales[blockIdx.x];
    const signed char *src = q + blockIdx.x * cols;
    float *dst = x + blockIdx.x * cols;
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        dst[j] = (float)src[j] * scale;
}
