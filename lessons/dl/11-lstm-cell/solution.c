/* An LSTM over T steps of one sequence, forward and backward through time.
 *
 * Per step, with u = [x_t ; h_{t-1}] (I + H values) and W of 4H x (I + H):
 *   z = W u + b;  i = sigmoid(z[0:H]), f = sigmoid(z[H:2H]), g = tanh(z[2H:3H]), o = sigmoid(z[3H:4H])
 *   c_t = f * c_{t-1} + i * g,    h_t = o * tanh(c_t)
 * The cache holds, per step, 6H floats: i f g o (after their nonlinearities), c_t, h_t.
 *
 * Backward through time, from the last step to the first, carrying dh and dc into the
 * previous step:
 *   dh = dhs[t] + dh_next;  tc = tanh(c_t)
 *   do = dh tc;   dc = dc_next + dh o (1 - tc^2)
 *   di = dc g;    df = dc c_{t-1};   dg = dc i;   dc_next = dc f
 *   dz = (di i(1-i), df f(1-f), dg (1-g^2), do o(1-o))
 *   db += dz;  dW += dz u^T;  du = W^T dz  ->  dx_t, and dh_next (the h_{t-1} part)
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* 1 / (1 + e^-z), without overflow for either sign of z. */
static float sigmoid(float z)
{
    if (z >= 0.0f)
        return 1.0f / (1.0f + expf(-z));
    float e = expf(z);
    return e / (1.0f + e);
}

void lstm_forward(const float *x, const float *w, const float *b, const float *h0c0,
                  float *cache, int T, int I, int H)
{
    int U = I + H;
    float *z = malloc(sizeof(float) * 4 * (size_t)H);
    for (int t = 0; t < T; t++) {
        const float *xt = x + (size_t)t * I;
        const float *hp = t ? cache + (size_t)(t - 1) * 6 * H + 5 * H : h0c0;
        const float *cp = t ? cache + (size_t)(t - 1) * 6 * H + 4 * H : h0c0 + H;
        float *step = cache + (size_t)t * 6 * H;
        for (int r = 0; r < 4 * H; r++) {
            const float *wr = w + (size_t)r * U;
            float s = b[r];
            for (int k = 0; k < I; k++) s += wr[k] * xt[k];
            for (int k = 0; k < H; k++) s += wr[I + k] * hp[k];
            z[r] = s;
        }
        for (int j = 0; j < H; j++) {
            float ig = sigmoid(z[j]), fg = sigmoid(z[H + j]), gg = tanhf(z[2 * H + j]), og = sigmoid(z[3 * H + j]);
            float c = fg * cp[j] + ig * gg;
            step[j] = ig;
            step[H + j] = fg;
            step[2 * H + j] = gg;
            step[3 * H + j] = og;
            step[4 * H + j] = c;
            step[5 * H + j] = og * tanhf(c);
        }
    }
    free(z);
}

void lstm_backward(const float *x, const float *w, const float *h0c0, const float *cache,
                   const float *dhs, float *dx, float *dw, float *db, float *dh0c0,
                   int T, int I, int H)
{
    int U = I + H;
    for (size_t k = 0; k < (size_t)4 * H * U; k++) dw[k] = 0.0f;
    for (int k = 0; k < 4 * H; k++) db[k] = 0.0f;
    float *dz = malloc(sizeof(float) * 4 * (size_t)H);
    float *dh_next = calloc((size_t)H, sizeof(float));
    float *dc_next = calloc((size_t)H, sizeof(float));
    for (int t = T - 1; t >= 0; t--) {
        const float *step = cache + (size_t)t * 6 * H;
        const float *xt = x + (size_t)t * I;
        const float *hp = t ? cache + (size_t)(t - 1) * 6 * H + 5 * H : h0c0;
        const float *cp = t ? cache + (size_t)(t - 1) * 6 * H + 4 * H : h0c0 + H;
        for (int j = 0; j < H; j++) {
            float ig = step[j], fg = step[H + j], gg = step[2 * H + j], og = step[3 * H + j];
            float tc = tanhf(step[4 * H + j]);
            float dh = dhs[(size_t)t * H + j] + dh_next[j];
            float dc = dc_next[j] + dh * og * (1.0f - tc * tc);
            dz[j] = dc * gg * ig * (1.0f - ig);
            dz[H + j] = dc * cp[j] * fg * (1.0f - fg);
            dz[2 * H + j] = dc * ig * (1.0f - gg * gg);
            dz[3 * H + j] = dh * tc * og * (1.0f - og);
            dc_next[j] = dc * fg;
        }
        float *dxt = dx + (size_t)t * I;
        for (int k = 0; k < I; k++) dxt[k] = 0.0f;
        for (int k = 0; k < H; k++) dh_next[k] = 0.0f;
        for (int r = 0; r < 4 * H; r++) {
            const float *wr = w + (size_t)r * U;
            float *dwr = dw + (size_t)r * U;
            float g = dz[r];
            db[r] += g;
            for (int k = 0; k < I; k++) {
                dwr[k] += g * xt[k];
                dxt[k] += g * wr[k];
            }
            for (int k = 0; k < H; k++) {
                dwr[I + k] += g * hp[k];
                dh_next[k] += g * wr[I + k];
            }
        }
    }
    for (int j = 0; j < H; j++) {
        dh0c0[j] = dh_next[j];
        dh0c0[H + j] = dc_next[j];
    }
    free(dz);
    free(dh_next);
    free(dc_next);
}
