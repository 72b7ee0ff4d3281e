/* Puzzle 12, prefix sum: within each block of TPB elements,
 *     out[i] = a[start] + a[start+1] + ... + a[i]     (start = the block's first index)
 * Blocks of TPB threads, enough blocks to cover a.
 * Rule: work in shared memory, in log2(TPB) steps; no thread loops over all TPB elements. */

#define TPB 8

__global__ void prefix_sum(float *out, const float *a, int size)
{
    __shared__ float s[TPB];
    /* TODO */
}
