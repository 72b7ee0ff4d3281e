/* Sampling the next token from logits, with temperature, top-k and top-p, in double.
 *
 *  1. temperature == 0: greedy; return the lowest index among the largest logits
 *     (probs: 1 there, 0 elsewhere).
 *  2. p = softmax(logits / temperature).
 *  3. top_k > 0: keep only the top_k most probable tokens (ties: the lower index first).
 *  4. top_p < 1: order the kept tokens by probability (descending, ties by index),
 *     renormalise them, and keep the shortest prefix whose cumulative probability is
 *     >= top_p (at least one token).
 *  5. Renormalise the kept tokens; write the final distribution to probs[0..vocab-1]
 *     (0 for removed tokens). Return the first index j, in index order, with
 *     u < probs[0] + ... + probs[j] (the last kept token if rounding leaves u above the sum).
 */
#include <math.h>
#include <stdlib.h>

int sample_token(const float *logits, int vocab, float temperature, int top_k, float top_p, double u, double *probs)
{
    /* TODO: this ignores temperature, top_k and top_p, and overflows for large logits */
    double sum = 0.0;
    for (int j = 0; j < vocab; j++) {
        probs[j] = exp(logits[j]);
        sum += probs[j];
    }
    double acc = 0.0;
    for (int j = 0; j < vocab; j++) {
        probs[j] /= sum;
        acc += probs[j];
        if (u < acc)
            return j;
    }
    return vocab - 1;
}
