/* Reduction: a coalesced grid-stride loop into a register, four loads in flight per thread,
 * a tree in shared memory, and one atomicAdd per block. */

#define BLOCK 256

__global__ void reduce_sum(float *out, const float *in, int n)
{
    __shared__ float cache[BLOCK];
    int t = threadIdx.x;
    int stride = gridDim.x * blockDim.x;
    int i = blockIdx.x * blockDim.x + t;
    float s = 0.0f;
    /* Four independent loads before their additions: the memory system works on all four at
       once, instead of one load at a time waiting for the previous addition. */
    for (; i + 3 * stride < n; i += 4 * stride) {
        float x0 = in[i], x1 = in[i + stride], x2 = in[i + 2 * stride], x3 = in[i + 3 * stride];
        s += (x0 + x1) + (x2 + x3);
    }
    for (; i < n; i += stride)
        s += in[i];
    cache[t] = s;
    __syncthreads();
    for (int step = BLOCK / 2; step > 0; step /= 2) {
        if (t < step)
            cache[t] += cache[t + step];
        __syncthreads();
    }
    if (t == 0)
        atomicAdd(out, cache[0]);
}
