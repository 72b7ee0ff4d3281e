/* A linear layer with a LoRA adapter:  y = x W^T + (alpha / r) (x A^T) B^T
 *
 *   x n x in,  W out x in,  A r x in,  B out x r.
 *
 * The adapter is applied as two skinny products: first t = x A^T (n x r), then
 * y += scale * t B^T. That costs n * r * (in + out) multiply-adds on top of the base
 * layer's n * in * out, a fraction r / n_min of it. Forming B A (out x in) costs
 * out * in * r, several times the base layer itself for a small batch.
 *
 * lora_merge folds the adapter into W once, for deployment: W += scale * B A.
 */
#include <stddef.h>
#include <stdlib.h>

void lora_forward(const float *x, const float *w, const float *a, const float *b, float *y,
                  int n, int in, int out, int r, float alpha)
{
    float scale = alpha / (float)r;
    float *t = malloc(sizeof(float) * (size_t)(r > 0 ? r : 1));
    for (int i = 0; i < n; i++) {
        const float *xi = x + (size_t)i * in;
        for (int k = 0; k < r; k++) {                 /* t = x_i A^T, r values */
            const float *ak = a + (size_t)k * in;
            float s = 0.0f;
            for (int c = 0; c < in; c++)
                s += xi[c] * ak[c];
            t[k] = s * scale;
        }
        for (int j = 0; j < out; j++) {
            const float *wj = w + (size_t)j * in;
            float s = 0.0f;
            for (int c = 0; c < in; c++)
                s += xi[c] * wj[c];
            const float *bj = b + (size_t)j * r;
            for (int k = 0; k < r; k++)
                s += t[k] * bj[k];
            y[(size_t)i * out + j] = s;
        }
    }
    free(t);
}

void lora_merge(float *w, const float *a, const float *b, int in, int out, int r, float alpha)
{
    float scale = alpha / (float)r;
    for (int j = 0; j < out; j++)
        for (int k = 0; k < r; k++) {
            float bjk = b[(size_t)j * r + k] * scale;
            const float *ak = a + (size_t)k * in;
            float *wj = w + (size_t)j * in;
            for (int c = 0; c < in; c++)
                wj[c] += bjk * ak[c];
        }
}
