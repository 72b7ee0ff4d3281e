/* LoRA by merging on every call: W' = W + scale * B A, then a plain linear layer.
 * Correct, and slow: forming B A costs out * in * r multiply-adds per call, about r / n
 * times the base layer's work, plus a full copy of W. */
#include <stddef.h>
#include <stdlib.h>

void lora_merge(float *w, const float *a, const float *b, int in, int out, int r, float alpha)
{
    float scale = alpha / (float)r;
    for (int j = 0; j < out; j++)
        for (int k = 0; k < r; k++) {
            float bjk = b[(size_t)j * r + k] * scale;
            for (int c = 0; c < in; c++)
                w[(size_t)j * in + c] += bjk * a[(size_t)k * in + c];
        }
}

void lora_forward(const float *x, const float *w, const float *a, const float *b, float *y,
                  int n, int in, int out, int r, float alpha)
{
    float *wm = malloc(sizeof(float) * (size_t)out * in);
    for (size_t t = 0; t < (size_t)out * in; t++)
        wm[t] = w[t];
    lora_merge(wm, a, b, in, out, r, alpha);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < out; j++) {
            float s = 0.0f;
            for (int c = 0; c < in; c++)
                s += x[(size_t)i * in + c] * wm[(size_t)j * in + c];
            y[(size_t)i * out + j] = s;
        }
    free(wm);
}
