/* Puzzle 3, guards: out[i] = a[i] + 10 for i in 0 .. size-1.
 * The grader launches MORE threads than there are elements. */

__global__ void guards(float *out, const float *a, int size)
{
    /* TODO: only threads that have an element may touch memory. */
}
