/* Scaled dot-product attention over bh independent heads (batch x heads).
 *
 * q, k, v, out: bh x T x d, row-major (head h, position i, channel c is [(h*T + i)*d + c]).
 *   S[i][j] = (q_i . k_j) / sqrt(d), and when causal != 0, position i sees only j <= i
 *   P[i]    = softmax over the visible j of S[i][j]
 *   out[i]  = sum_j P[i][j] * v_j
 * Backward: given dout, write dq, dk, dv (all bh x T x d). Outputs arrive holding garbage.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

void attention_forward(const float *q, const float *k, const float *v, float *out,
                       int bh, int T, int d, int causal)
{
    /* TODO */
}

void attention_backward(const float *q, const float *k, const float *v, const float *dout,
                        float *dq, float *dk, float *dv, int bh, int T, int d, int causal)
{
    /* TODO */
}
