/* Row softmax, correct but with one warp doing the statistics: warp 0 walks the row (lanes
 * 32 apart, online maximum and sum per lane, merged with shuffles) while the other 7 warps
 * of the block wait at the barrier; only the last pass is shared by the whole block. */

#define BLOCK 256

__global__ void softmax_rows(float *out, const float *in, int rows, int cols)
{
    __shared__ float stats[2];
    const float *src = in + blockIdx.x * cols;
    float *dst = out + blockIdx.x * cols;
    if (threadIdx.x < 32) {
        float m = __int_as_float(0xff800000), d = 0.0f;
        for (int j = threadIdx.x; j < cols; j += 32) {
            float x = src[j];
            if (x > m) {
                d = d * expf(m - x) + 1.0f;
                m = x;
            } else {
                d += expf(x - m);
            }
        }
        for (int o = 16; o > 0; o /= 2) {
            float m2 = __shfl_xor_sync(0xffffffffu, m, o), d2 = __shfl_xor_sync(0xffffffffu, d, o);
            if (d2 != 0.0f) {
                if (d == 0.0f) {
                    m = m2;
                    d = d2;
                } else {
                    float mm = fmaxf(m, m2);
                    d = d * expf(m - mm) + d2 * expf(m2 - mm);
                    m = mm;
                }
            }
        }
        if (threadIdx.x == 0) {
            stats[0] = m;
            stats[1] = d;
        }
    }
    __syncthreads();
    float m = stats[0], inv = 1.0f / stats[1];
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        dst[j] = expf(src[j] - m) * inv;
}
