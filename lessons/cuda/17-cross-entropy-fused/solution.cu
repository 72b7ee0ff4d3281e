/* Fused cross-entropy: one block of 256 threads per row, one read of the logits.
 * Each thread keeps an online pair (m, d): its running maximum and the sum of exp(x - m) over
 * its elements, rescaled when m grows. Four logits at a time: their maximum first, then one
 * rescale and four exponentials, with four loads in flight. The 256 pairs are merged with
 * shuffles inside each warp and across the 8 warps through shared memory; thread 0 then has
 * logsumexp = m + log(d) and subtracts the target's logit. Nothing but the loss is written. */

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

__global__ void cross_entropy(float *loss, const float *logits, const int *targets, int rows, int vocab)
{
    __shared__ float wm[WARPS], wd[WARPS];
    int t = threadIdx.x;
    const float *x = logits + blockIdx.x * vocab;

    /* m starts at -infinity: the first rescale is exp(-inf) = 0, times d = 0. */
    float m = __int_as_float(0xff800000), d = 0.0f;
    int j = t;
    for (; j + 3 * BLOCK < vocab; j += 4 * BLOCK) {
        float x0 = x[j], x1 = x[j + BLOCK], x2 = x[j + 2 * BLOCK], x3 = x[j + 3 * BLOCK];
        float mm = fmaxf(m, fmaxf(fmaxf(x0, x1), fmaxf(x2, x3)));
        d = d * expf(m - mm) + ((expf(x0 - mm) + expf(x1 - mm)) + (expf(x2 - mm) + expf(x3 - mm)));
        m = mm;
    }
    for (; j < vocab; j += BLOCK) {
        float xj = x[j];
        float mm = fmaxf(m, xj);
        d = d * expf(m - mm) + expf(xj - mm);
        m = mm;
    }

    for (int o = 16; o > 0; o /= 2) {
        float m2 = __shfl_xor_sync(0xffffffffu, m, o);
        float d2 = __shfl_xor_sync(0xffffffffu, d, o);
        merge(&m, &d, m2, d2);
    }
    if (t % 32 == 0) {
        wm[t / 32] = m;
        wd[t / 32] = d;
    }
    __syncthreads();
    if (t == 0) {
        m = wm[0];
        d = wd[0];
        for (int w = 1; w < WARPS; w++)
            merge(&m, &d, wm[w], wd[w]);
        int target = targets[blockIdx.x];
        /* (m - x_t) + log(d): the difference first, so a loss of 1000 keeps its digits. */
        loss[blockIdx.x] = target < 0 ? 0.0f : (m - x[target]) + logf(d);
    }
}
