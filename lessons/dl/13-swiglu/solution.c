/* SwiGLU, the gated activation of Llama's MLP, forward and backward.
 *
 * gu is n x 2h: per row, h gate values a then h up values b (the two halves of one
 * matrix product x [W_gate; W_up]^T).  out[j] = silu(a_j) * b_j, silu(a) = a * sigmoid(a).
 *
 * Backward:  d out / d b = silu(a),
 *            d out / d a = b * sigmoid(a) * (1 + a * (1 - sigmoid(a)))
 */
#include <math.h>
#include <stddef.h>

/* 1 / (1 + e^-z) without overflow for either sign. */
static float sigmoid(float z)
{
    if (z >= 0.0f)
        return 1.0f / (1.0f + expf(-z));
    float e = expf(z);
    return e / (1.0f + e);
}

void swiglu_forward(const float *gu, float *out, int n, int h)
{
    for (int r = 0; r < n; r++) {
        const float *a = gu + (size_t)r * 2 * h, *b = a + h;
        float *o = out + (size_t)r * h;
        for (int j = 0; j < h; j++)
            o[j] = a[j] * sigmoid(a[j]) * b[j];
    }
}

void swiglu_backward(const float *gu, const float *dout, float *dgu, int n, int h)
{
    for (int r = 0; r < n; r++) {
        const float *a = gu + (size_t)r * 2 * h, *b = a + h;
        const float *g = dout + (size_t)r * h;
        float *da = dgu + (size_t)r * 2 * h, *db = da + h;
        for (int j = 0; j < h; j++) {
            float s = sigmoid(a[j]);
            da[j] = g[j] * b[j] * s * (1.0f + a[j] * (1.0f - s));
            db[j] = g[j] * a[j] * s;
        }
    }
}
