/* Vector add: one thread per element; neighbouring threads touch neighbouring floats, so
 * each warp's loads and stores are whole 128-byte lines (coalesced). */

__global__ void vector_add(float *out, const float *a, const float *b, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n)
        out[i] = a[i] + b[i];
}
