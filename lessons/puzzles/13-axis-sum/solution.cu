/* Puzzle 13, axis sum: each block reduces one row in shared memory. */

#define TPB 8

__global__ void axis_sum(float *out, const float *a, int rows, int cols)
{
    __shared__ float s[TPB];
    int t = threadIdx.x;
    int row = blockIdx.y;
    s[t] = t < cols ? a[row * cols + t] : 0.0f;
    __syncthreads();
    for (int step = TPB / 2; step > 0; step /= 2) {
        if (t < step)
            s[t] += s[t + step];
        __syncthreads();
    }
    if (t == 0)
        out[row] = s[0];
}
