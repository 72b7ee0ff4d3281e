/* Row softmax: one block of 256 threads per row.
 * Pass 1 reads the row once: each thread keeps an online pair (m, d), its running maximum and
 * the sum of exp(x - m) over its elements, rescaling d whenever m grows. The 256 pairs are
 * merged with shuffles inside each warp, then across the 8 warps through shared memory.
 * Pass 2 reads the row again (now in cache) and writes exp(x - m) / d. */

#define BLOCK 256
#define WARPS (BLOCK / 32)

/* (m, d) absorbs (m2, d2). A pair with d = 0 is empty (a thread that had no element). */
__device__ void merge(float *m, float *d, float m2, float d2)
{
    if (d2 == 0.0f)
        return;
    if (*d == 0.0f) {
        *m = m2;
        *d = d2;
        return;
    }
    float mm = fmaxf(*m, m2);
    *d = *d * expf(*m - mm) + d2 * expf(m2 - mm);
    *m = mm;
}

__device__ void update(float *m, float *d, float x)
{
    if (x > *m) {
        *d = *d * expf(*m - x) + 1.0f;
        *m = x;
    } else {
        *d += expf(x - *m);
    }
}

__global__ void softmax_rows(float *out, const float *in, int rows, int cols)
{
    __shared__ float wm[WARPS], wd[WARPS];
    int t = threadIdx.x, lane = t % 32, warp = t / 32;
    const float *src = in + blockIdx.x * cols;
    float *dst = out + blockIdx.x * cols;

    float m = __int_as_float(0xff800000), d = 0.0f;   /* -infinity, empty */
    int j = t;
    for (; j + 3 * BLOCK < cols; j += 4 * BLOCK) {    /* four loads in flight */
        float x0 = src[j], x1 = src[j + BLOCK], x2 = src[j + 2 * BLOCK], x3 = src[j + 3 * BLOCK];
        update(&m, &d, x0);
        update(&m, &d, x1);
        update(&m, &d, x2);
        update(&m, &d, x3);
    }
    for (; j < cols; j += BLOCK)
        update(&m, &d, src[j]);

    for (int o = 16; o > 0; o /= 2) {
        float m2 = __shfl_xor_sync(0xffffffffu, m, o);
        float d2 = __shfl_xor_sync(0xffffffffu, d, o);
        merge(&m, &d, m2, d2);
    }
    if (lane == 0) {
        wm[warp] = m;
        wd[warp] = d;
    }
    __syncthreads();
    m = wm[0];
    d = wd[0];
    for (int w = 1; w < WARPS; w++)   /* same order in every thread: same m and d everywhere */
        merge(&m, &d, wm[w], wd[w]);

    float inv = 1.0f / d;
    for (j = t; j < cols; j += BLOCK)
        dst[j] = expf(src[j] - m) * inv;
}
