/* Puzzle 8, shared: out[i] = a[i] + 10, going through shared memory.
 * Blocks of TPB threads; several blocks; more threads than elements.
 * Rule: read a[i] once, into the shared array; compute out[i] from the shared array. */

#define TPB 4

__global__ void shared_add(float *out, const float *a, int size)
{
    __shared__ float cache[TPB];   /* one slot per thread of the block */
    /* TODO: fill cache, wait for the whole block, then compute out from cache. */
}
