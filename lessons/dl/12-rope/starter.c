/* Rotary position embedding (RoPE), applied in place.
 *
 * x: n_tokens x n_heads x head_dim (row-major); head_dim is even.
 * Token t is at position pos[t]. In every head of token t, pair i of values
 * (x[2i], x[2i+1]), for i = 0 .. head_dim/2 - 1, is rotated by the angle
 *     a = pos[t] * theta^(-2i / head_dim)
 * i.e.  x[2i]   <- x[2i] cos a - x[2i+1] sin a
 *       x[2i+1] <- x[2i] sin a + x[2i+1] cos a
 *
 * rope_backward: given dL/dy in dx (in place), replace it with dL/dx.
 */
#include <math.h>
#include <stddef.h>

void rope_forward(float *x, const int *pos, int n_tokens, int n_heads, int head_dim, float theta)
{
    /* TODO */
}

void rope_backward(float *dx, const int *pos, int n_tokens, int n_heads, int head_dim, float theta)
{
    /* TODO */
}
