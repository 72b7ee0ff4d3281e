/* Speculative sampling (Leviathan et al. 2023; Chen et al. 2023): verify k draft tokens
 * against the target model's distributions so that the tokens produced are distributed
 * exactly as if the target had sampled them one by one.
 *
 * For i = 0 .. k-1, with x = draft[i]:
 *   accept x if u[i] * q_i(x) < p_i(x)          (probability min(1, p/q))
 *   else: sample the replacement from the residual max(0, p_i - q_i) with u[k]; stop.
 * If all k are accepted, sample a bonus token from p_k with u[k].
 *
 * Sampling from weights w with a uniform u: the first j with u * sum(w) < w_0 + ... + w_j,
 * sums in double, in index order.
 */
#include <stddef.h>

static int sample(const float *p, const float *q, int vocab, double u)
{
    double total = 0.0;
    for (int j = 0; j < vocab; j++) {
        double w = q ? (double)p[j] - (double)q[j] : (double)p[j];
        if (w > 0) total += w;
    }
    double target = u * total, acc = 0.0;
    int last = 0;
    for (int j = 0; j < vocab; j++) {
        double w = q ? (double)p[j] - (double)q[j] : (double)p[j];
        if (w <= 0)
            continue;
        acc += w;
        last = j;
        if (target < acc)
            return j;
    }
    return last;     /* u * total rounded up to total: the last token with weight */
}

int spec_verify(const float *q, const float *p, const int *draft, int k, int vocab, const double *u, int *out)
{
    for (int i = 0; i < k; i++) {
        const float *qi = q + (size_t)i * vocab, *pi = p + (size_t)i * vocab;
        int x = draft[i];
        if (u[i] * (double)qi[x] < (double)pi[x]) {
            out[i] = x;
            continue;
        }
        out[i] = sample(pi, qi, vocab, u[k]);   /* the residual, renormalised by sample() */
        return i + 1;
    }
    out[k] = sample(p + (size_t)k * vocab, NULL, vocab, u[k]);
    return k + 1;
}
