/* Rotary position embedding (RoPE), interleaved pairs, in place.
 *
 * For token t at position p = pos[t], every head's vector of head_dim values is split into
 * pairs (x[2i], x[2i+1]), i < head_dim / 2, and pair i is rotated by the angle
 *   a = p * theta^(-2i / head_dim).
 * The angle is computed in double: at p = 100000, a float product p * freq is off by up
 * to 0.004 rad, which is a 0.4% error in the output. cos and sin are then rounded to float.
 *
 * The backward pass of a rotation is the rotation by -a (its transpose).
 */
#include <math.h>
#include <stddef.h>

static void rotate(float *x, const int *pos, int n_tokens, int n_heads, int head_dim, float theta, double sign)
{
    int half = head_dim / 2;
    for (int t = 0; t < n_tokens; t++) {
        for (int i = 0; i < half; i++) {
            double a = (double)pos[t] * pow((double)theta, -2.0 * i / head_dim);
            float c = (float)cos(a), s = (float)(sign * sin(a));
            for (int h = 0; h < n_heads; h++) {
                float *v = x + ((size_t)t * n_heads + h) * head_dim + 2 * i;
                float x0 = v[0], x1 = v[1];
                v[0] = x0 * c - x1 * s;
                v[1] = x0 * s + x1 * c;
            }
        }
    }
}

void rope_forward(float *x, const int *pos, int n_tokens, int n_heads, int head_dim, float theta)
{
    rotate(x, pos, n_tokens, n_heads, head_dim, theta, 1.0);
}

void rope_backward(float *dx, const int *pos, int n_tokens, int n_heads, int head_dim, float theta)
{
    rotate(dx, pos, n_tokens, n_heads, head_dim, theta, -1.0);
}
