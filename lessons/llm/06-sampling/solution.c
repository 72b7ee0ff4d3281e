/* Sampling the next token: temperature, top-k, top-p (nucleus), in double precision.
 *
 *  1. temperature 0: greedy, the lowest index among the largest logits.
 *  2. p = softmax(logits / temperature), stably (subtract the maximum).
 *  3. top-k (k > 0): keep the k most probable tokens (ties: lower index first).
 *  4. top-p (< 1): over the kept tokens, renormalised, in the same order, keep the
 *     shortest prefix whose cumulative probability reaches top_p (at least one token).
 *  5. renormalise what is kept; probs[] gets it (0 elsewhere); sample with u in index
 *     order: the first j with u < probs[0] + ... + probs[j].
 */
#include <math.h>
#include <stdlib.h>

static const double *sort_key;

/* Descending probability, then ascending index. */
static int by_prob(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    if (sort_key[i] != sort_key[j])
        return sort_key[i] > sort_key[j] ? -1 : 1;
    return i - j;
}

int sample_token(const float *logits, int vocab, float temperature, int top_k, float top_p, double u, double *probs)
{
    int best = 0;
    for (int j = 1; j < vocab; j++)
        if (logits[j] > logits[best])
            best = j;
    if (temperature == 0.0f) {
        for (int j = 0; j < vocab; j++)
            probs[j] = j == best ? 1.0 : 0.0;
        return best;
    }
    double m = logits[best], sum = 0.0;
    for (int j = 0; j < vocab; j++) {
        probs[j] = exp(((double)logits[j] - m) / temperature);
        sum += probs[j];
    }
    for (int j = 0; j < vocab; j++)
        probs[j] /= sum;

    int *order = malloc(sizeof(int) * (size_t)vocab);
    for (int j = 0; j < vocab; j++)
        order[j] = j;
    sort_key = probs;
    qsort(order, (size_t)vocab, sizeof(int), by_prob);
    int keep = vocab;
    if (top_k > 0 && top_k < keep)
        keep = top_k;
    if (top_p < 1.0f) {
        double kept = 0.0, acc = 0.0;
        for (int r = 0; r < keep; r++)
            kept += probs[order[r]];
        for (int r = 0; r < keep; r++) {
            acc += probs[order[r]] / kept;
            if (acc >= top_p) {
                keep = r + 1;
                break;
            }
        }
    }
    double total = 0.0;
    for (int r = 0; r < keep; r++)
        total += probs[order[r]];
    for (int r = keep; r < vocab; r++)
        probs[order[r]] = 0.0;
    for (int r = 0; r < keep; r++)
        probs[order[r]] /= total;
    free(order);

    double acc = 0.0;
    int last = 0;
    for (int j = 0; j < vocab; j++) {
        if (probs[j] == 0.0)
            continue;
        acc += probs[j];
        last = j;
        if (u < acc)
            return j;
    }
    return last;
}
