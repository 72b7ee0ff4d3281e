/* Cross-entropy, correct but the CPU loop moved to the GPU: one warp per row (the other 7
 * warps of the block leave at once) and three passes, the maximum, then the sum of
 * exponentials, then the target. Two costs multiply: a warp has 4 loads of 128 bytes in flight
 * where a block has 32, so each row waits on memory latency; and a row of 32000 logits is
 * 125 KB, so with a thousand rows in progress the second pass no longer finds its row in the
 * 50 MB L2 and reads it from memory again. */

#define BLOCK 256

__global__ void cross_entropy(float *loss, const float *logits, const int *targets, int rows, int vocab)
{
    if (threadIdx.x >= 32)
        return;
    int lane = threadIdx.x;
    const float *x = logits + blockIdx.x * vocab;

    float m = __int_as_float(0xff800000);
    for (int j = lane; j < vocab; j += 32)
        m = fmaxf(m, x[j]);
    for (int o = 16; o > 0; o /= 2)
        m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, o));

    float s = 0.0f;
    for (int j = lane; j < vocab; j += 32)
        s += expf(x[j] - m);
    for (int o = 16; o > 0; o /= 2)
        s += __shfl_xor_sync(0xffffffffu, s, o);

    if (lane == 0) {
        int target = targets[blockIdx.x];
        loss[blockIdx.x] = target < 0 ? 0.0f : (m - x[target]) + logf(s);
    }
}
