/* Vector add, correct but uncoalesced: thread t of block b takes element t * gridDim.x + b,
 * so the 32 threads of a warp touch 32 floats gridDim.x * 4 bytes apart: every load and
 * store of a warp needs 32 separate memory transactions instead of 4. */

__global__ void vector_add(float *out, const float *a, const float *b, int n)
{
    int i = threadIdx.x * gridDim.x + blockIdx.x;
    if (i < n)
        out[i] = a[i] + b[i];
}
