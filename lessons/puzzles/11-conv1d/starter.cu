/* Puzzle 11, 1D convolution:
 *     out[i] = a[i]*b[0] + a[i+1]*b[1] + ... + a[i+b_size-1]*b[b_size-1]
 * where terms with an index of a at or past a_size count as 0.
 * Blocks of TPB threads, enough blocks to cover a; b_size <= MAX_CONV.
 * Rule: each element of a and b is read from global memory once per block. */

#define TPB 8
#define MAX_CONV 4

__global__ void conv1d(float *out, const float *a, const float *b, int a_size, int b_size)
{
    __shared__ float tile[TPB + MAX_CONV - 1];   /* the block's slice of a, plus the halo */
    __shared__ float kernel[MAX_CONV];           /* b */
    /* TODO */
}
