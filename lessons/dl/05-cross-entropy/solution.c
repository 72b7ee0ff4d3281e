/* Cross-entropy of a softmax, fused with its gradient.
 *
 * -log softmax(x)_t = logsumexp(x) - x_t, and logsumexp(x) = m + log(sum_j exp(x_j - m))
 * with m = max_j x_j: no exp overflows, the sum is >= 1, so its log is finite, and a
 * target with a tiny probability still gets its large, finite loss.
 *
 * The loss is a mean over the rows that count, so each gradient is divided by that
 * count:  d loss / d x_j = (softmax(x)_j - [j == t]) / count.
 */
#include <math.h>
#include <stddef.h>

float cross_entropy(const float *logits, const int *targets, int rows, int vocab, float *dlogits)
{
    int count = 0;
    for (int r = 0; r < rows; r++)
        if (targets[r] >= 0)
            count++;

    float total = 0.0f;
    for (int r = 0; r < rows; r++) {
        const float *x = logits + (size_t)r * vocab;
        float *d = dlogits ? dlogits + (size_t)r * vocab : NULL;
        int t = targets[r];
        if (t < 0) {                      /* ignored: no loss, zero gradient */
            if (d)
                for (int j = 0; j < vocab; j++)
                    d[j] = 0.0f;
            continue;
        }
        float m = x[0];
        for (int j = 1; j < vocab; j++)
            if (x[j] > m)
                m = x[j];
        float s = 0.0f;
        for (int j = 0; j < vocab; j++)
            s += expf(x[j] - m);
        total += (m + logf(s)) - x[t];
        if (d) {
            float scale = 1.0f / (s * (float)count);
            for (int j = 0; j < vocab; j++)
                d[j] = expf(x[j] - m) * scale;
            d[t] -= 1.0f / (float)count;
        }
    }
    return count ? total / (float)count : 0.0f;
}
