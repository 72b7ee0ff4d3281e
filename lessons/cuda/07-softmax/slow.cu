/* Row softmax, correct but with one thread doing the statistics: thread 0 walks the row twice
 * (maximum, then the sum of exponentials) while the other 255 threads of the block wait at
 * the barrier; only the last pass is shared by the block. */

#define BLOCK 256

__global__ void softmax_rows(float *out, const float *in, int rows, int cols)
{
    __shared__ float stats[2];
    const float *src = in + blockIdx.x * cols;
    float *dst = out + blockIdx.x * cols;
    if (threadIdx.x == 0) {
        float m = src[0];
        for (int j = 1; j < cols; j++)
            m = fmaxf(m, src[j]);
        float d = 0.0f;
        for (int j = 0; j < cols; j++)
            d += expf(src[j] - m);
        stats[0] = m;
        stats[1] = d;
    }
    __syncthreads();
    float m = stats[0], inv = 1.0f / stats[1];
    for (int j = threadIdx.x; j < cols; j += BLOCK)
        dst[j] = expf(src[j] - m) * inv;
}
