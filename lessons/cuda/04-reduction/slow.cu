/* Reduction, correct but slow: no tree in the block; every thread adds its partial sum to
 * out[0] with its own atomicAdd. Atomics on one address are served one after another, so
 * the 262,144 of them queue up behind each other. */

__global__ void reduce_sum(float *out, const float *in, int n)
{
    float s = 0.0f;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
        s += in[i];
    atomicAdd(out, s);
}
