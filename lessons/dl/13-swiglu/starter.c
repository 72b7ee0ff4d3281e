/* SwiGLU: out = silu(gate) * up, with silu(a) = a * sigmoid(a) = a / (1 + e^-a).
 *
 * gu    n x 2h, row-major: each row holds h gate values, then h up values
 * out   n x h
 * Backward: given dout (n x h), write dgu (n x 2h: d/dgate, then d/dup, per row).
 * Outputs arrive holding garbage.
 */
#include <math.h>
#include <stddef.h>

void swiglu_forward(const float *gu, float *out, int n, int h)
{
    for (int r = 0; r < n; r++)
        for (int j = 0; j < h; j++) {
            float a = gu[(size_t)r * 2 * h + j], b = gu[(size_t)r * 2 * h + h + j];
            out[(size_t)r * h + j] = a * expf(a) / (1.0f + expf(a)) * b;   /* TODO: check this for large |a| */
        }
}

void swiglu_backward(const float *gu, const float *dout, float *dgu, int n, int h)
{
    /* TODO */
}
