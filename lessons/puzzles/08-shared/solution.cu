/* Puzzle 8, shared: stage a block's elements in shared memory, then add 10. */

#define TPB 4

__global__ void shared_add(float *out, const float *a, int size)
{
    __shared__ float cache[TPB];
    int t = threadIdx.x;
    int i = blockIdx.x * blockDim.x + t;
    if (i < size)
        cache[t] = a[i];
    __syncthreads();   /* every thread of the block, guarded or not, reaches it */
    if (i < size)
        out[i] = cache[t] + 10.0f;
}
