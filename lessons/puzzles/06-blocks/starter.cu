/* Puzzle 6, blocks: out[i] = a[i] + 10 for i in 0 .. size-1.
 * The grader launches SEVERAL blocks of a few threads each; together they
 * have at least size threads. */

__global__ void blocks(float *out, const float *a, int size)
{
    /* TODO: which element is this thread's, counting over all blocks? */
}
