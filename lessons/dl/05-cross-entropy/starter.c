/* Cross-entropy loss of a softmax, fused with its gradient.
 *
 *   logits   rows x vocab, row-major
 *   targets  rows ints: the correct class of each row, or a negative number to ignore
 *            the row (padding): it adds no loss and gets a zero gradient
 *   dlogits  rows x vocab, or NULL: the gradient of the returned loss w.r.t. logits
 *
 * Returns the mean over the non-ignored rows of  -log softmax(logits[r])[targets[r]],
 * or 0 when every row is ignored.
 */
#include <math.h>
#include <stddef.h>

float cross_entropy(const float *logits, const int *targets, int rows, int vocab, float *dlogits)
{
    float total = 0.0f;
    for (int r = 0; r < rows; r++) {
        const float *x = logits + (size_t)r * vocab;
        float s = 0.0f;
        for (int j = 0; j < vocab; j++)
            s += expf(x[j]);
        total += -logf(expf(x[targets[r]]) / s);
        /* TODO: stability, ignored rows, the gradient */
    }
    return total / rows;
}
