/* Scaled dot-product attention, one head at a time, optionally causal.
 *
 * For each of bh independent (batch x head) problems, with q, k, v, out of T x d:
 *   S[i][j] = (q_i . k_j) / sqrt(d)          masked to -inf for j > i when causal
 *   P[i]    = softmax(S[i])                  (stable: subtract the row maximum)
 *   out[i]  = sum_j P[i][j] v_j
 *
 * Backward, given dout, recomputing P one row at a time:
 *   dv_j += P[i][j] dout_i
 *   dP[i][j] = dout_i . v_j
 *   dS[i][j] = P[i][j] (dP[i][j] - sum_l P[i][l] dP[i][l])        (softmax backward)
 *   dq_i += dS[i][j] k_j / sqrt(d),   dk_j += dS[i][j] q_i / sqrt(d)
 * Masked entries have P = 0, so they contribute nothing anywhere.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* Row i of P into p[0..n-1], where n is the number of visible keys. */
static int probs_row(const float *q, const float *k, int T, int d, int causal, int i, float *p)
{
    float scale = 1.0f / sqrtf((float)d);
    int n = causal ? i + 1 : T;
    float m = -INFINITY;
    for (int j = 0; j < n; j++) {
        float s = 0.0f;
        for (int c = 0; c < d; c++)
            s += q[(size_t)i * d + c] * k[(size_t)j * d + c];
        p[j] = s * scale;
        if (p[j] > m) m = p[j];
    }
    float sum = 0.0f;
    for (int j = 0; j < n; j++) {
        p[j] = expf(p[j] - m);
        sum += p[j];
    }
    for (int j = 0; j < n; j++)
        p[j] /= sum;
    return n;
}

void attention_forward(const float *q, const float *k, const float *v, float *out,
                       int bh, int T, int d, int causal)
{
    float *p = malloc(sizeof(float) * (size_t)(T > 0 ? T : 1));
    for (int h = 0; h < bh; h++) {
        size_t o = (size_t)h * T * d;
        for (int i = 0; i < T; i++) {
            int n = probs_row(q + o, k + o, T, d, causal, i, p);
            for (int c = 0; c < d; c++) {
                float acc = 0.0f;
                for (int j = 0; j < n; j++)
                    acc += p[j] * v[o + (size_t)j * d + c];
                out[o + (size_t)i * d + c] = acc;
            }
        }
    }
    free(p);
}

void attention_backward(const float *q, const float *k, const float *v, const float *dout,
                        float *dq, float *dk, float *dv, int bh, int T, int d, int causal)
{
    float scale = 1.0f / sqrtf((float)d);
    size_t total = (size_t)bh * T * d;
    for (size_t t = 0; t < total; t++)
        dq[t] = dk[t] = dv[t] = 0.0f;
    float *p = malloc(sizeof(float) * (size_t)(T > 0 ? T : 1));
    float *dp = malloc(sizeof(float) * (size_t)(T > 0 ? T : 1));
    for (int h = 0; h < bh; h++) {
        size_t o = (size_t)h * T * d;
        for (int i = 0; i < T; i++) {
            int n = probs_row(q + o, k + o, T, d, causal, i, p);
            const float *g = dout + o + (size_t)i * d;
            float rowdot = 0.0f;
            for (int j = 0; j < n; j++) {
                float s = 0.0f;
                for (int c = 0; c < d; c++) {
                    s += g[c] * v[o + (size_t)j * d + c];
                    dv[o + (size_t)j * d + c] += p[j] * g[c];
                }
                dp[j] = s;
                rowdot += p[j] * s;
            }
            for (int j = 0; j < n; j++) {
                float ds = p[j] * (dp[j] - rowdot) * scale;
                for (int c = 0; c < d; c++) {
                    dq[o + (size_t)i * d + c] += ds * k[o + (size_t)j * d + c];
                    dk[o + (size_t)j * d + c] += ds * q[o + (size_t)i * d + c];
                }
            }
        }
    }
    free(p);
    free(dp);
}
