/* Puzzle 11, 1D convolution: a shared tile of a with a halo, and b in shared memory. */

#define TPB 8
#define MAX_CONV 4

__global__ void conv1d(float *out, const float *a, const float *b, int a_size, int b_size)
{
    __shared__ float tile[TPB + MAX_CONV - 1];
    __shared__ float kernel[MAX_CONV];
    int t = threadIdx.x;
    int start = blockIdx.x * TPB;
    int i = start + t;

    tile[t] = i < a_size ? a[i] : 0.0f;
    if (t < MAX_CONV - 1) {
        int h = start + TPB + t;              /* the halo past the block's slice */
        tile[TPB + t] = h < a_size ? a[h] : 0.0f;
    }
    if (t < MAX_CONV)
        kernel[t] = t < b_size ? b[t] : 0.0f;
    __syncthreads();

    if (i < a_size) {
        float s = 0.0f;
        for (int j = 0; j < b_size; j++)
            s += tile[t + j] * kernel[j];
        out[i] = s;
    }
}
