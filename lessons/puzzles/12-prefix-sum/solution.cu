/* Puzzle 12, prefix sum: an inclusive scan of each block (Hillis and Steele). */

#define TPB 8

__global__ void prefix_sum(float *out, const float *a, int size)
{
    __shared__ float s[TPB];
    int t = threadIdx.x;
    int i = blockIdx.x * TPB + t;
    s[t] = i < size ? a[i] : 0.0f;
    __syncthreads();
    for (int d = 1; d < TPB; d *= 2) {
        float add = t >= d ? s[t - d] : 0.0f;
        __syncthreads();   /* everyone has read before anyone writes */
        s[t] += add;
        __syncthreads();   /* everyone has written before the next step reads */
    }
    if (i < size)
        out[i] = s[t];
}
