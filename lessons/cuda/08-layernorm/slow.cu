/* LayerNorm, correct but with one thread doing the statistics: thread 0 walks the row once,
 * summing deviations from the first value and their squares (a shift keeps both sums small),
 * while the other 255 threads wait at the barrier; only the last pass is shared by the block. */

#define BLOCK 256

__global__ void layernorm(float *out, const float *in, const float *gamma, const float *beta,
                          int rows, int cols, float eps)
{
    __shared__ float stats[2];
    const float *x = in + blockIdx.x * cols;
    float *y = out + blockIdx.x * cols;
    if (threadIdx.x == 0) {
        float x0 = x[0], s = 0.0f, q = 0.0f;
        for (int j = 0; j < cols; j++) {
            float d = x[j] - x0;
            s += d;
            q += d * d;
        }
        float ms = s / cols;
        stats[0] = x0 + ms;
        stats[1] = rsqrtf(fmaxf(q / cols - ms * ms, 0.0f) + eps);
    }
    __syncthreads();
    float mean = stats[0], rstd = stats[1];
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        y[j] = (x[j] - mean) * rstd * gamma[j] + beta[j];
}
