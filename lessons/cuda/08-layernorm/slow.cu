/* LayerNorm, correct but with one thread doing the statistics: thread 0 walks the row twice
 * (mean, then variance) while the other 255 threads wait at the barrier; only the last pass
 * is shared by the block. */

#define BLOCK 256

__global__ void layernorm(float *out, const float *in, const float *gamma, const float *beta,
                          int rows, int cols, float eps)
{
    __shared__ float stats[2];
    const float *x = in + blockIdx.x * cols;
    float *y = out + blockIdx.x * cols;
    if (threadIdx.x == 0) {
        /* Summing around the first value keeps the running sum small (and exact enough). */
        float s = 0.0f;
        for (int j = 0; j < cols; j++)
            s += x[j] - x[0];
        float mean = x[0] + s / cols, q = 0.0f;
        for (int j = 0; j < cols; j++)
            q += (x[j] - mean) * (x[j] - mean);
        stats[0] = mean;
        stats[1] = rsqrtf(q / cols + eps);
    }
    __syncthreads();
    float mean = stats[0], rstd = stats[1];
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        y[j] = (x[j] - mean) * rstd * gamma[j] + beta[j];
}
