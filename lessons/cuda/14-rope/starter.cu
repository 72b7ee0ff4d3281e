/* Rotary position embedding (RoPE), in place, on x: tokens x heads x head_dim floats,
 * row-major. Token t is at position pos[t]. In every head of token t, pair i of values
 * (x[2i], x[2i+1]), i = 0 .. head_dim/2 - 1, turns by the angle
 *     a = pos[t] * theta^(-2i / head_dim)
 *     x[2i]   <- x[2i] cos a - x[2i+1] sin a
 *     x[2i+1] <- x[2i] sin a + x[2i+1] cos a
 * head_dim is even. The grader launches one block of BLOCK = 256 threads per token
 * (grid = tokens); heads * head_dim / 2 may be more or fewer than 256. */

#define BLOCK 256

__global__ void rope(float *x, const int *pos, int tokens, int heads, int head_dim, float theta)
{
    /* TODO */
}
