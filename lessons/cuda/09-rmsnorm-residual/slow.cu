/* Residual add + RMSNorm, correct but with one thread doing the reduction: the block adds the
 * residual, then thread 0 walks the whole row again for the sum of squares while the other
 * 255 threads wait at the barrier. */

#define BLOCK 256

__global__ void rmsnorm_residual(float *out, float *res, const float *x, const float *weight,
                                 int rows, int cols, float eps)
{
    __shared__ float rstd_s;
    float *h = res + blockIdx.x * cols;
    const float *a = x + blockIdx.x * cols;
    float *y = out + blockIdx.x * cols;
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        h[j] = h[j] + a[j];
    __syncthreads();
    if (threadIdx.x == 0) {
        float ss = 0.0f;
        for (int j = 0; j < cols; j++)
            ss += h[j] * h[j];
        rstd_s = rsqrtf(ss / cols + eps);
    }
    __syncthreads();
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        y[j] = h[j] * rstd_s * weight[j];
}
