/* A linear layer, forward pass: y = x W^T + b.
 *
 * w is stored out x in, so output j reads row j of w: both operands of the dot
 * product are contiguous rows, and the inner loop walks memory in order.
 */
#include <stddef.h>

void linear_forward(const float *x, const float *w, const float *b, float *y, int n, int in, int out)
{
    for (int i = 0; i < n; i++) {
        const float *xi = x + (size_t)i * in;
        for (int j = 0; j < out; j++) {
            const float *wj = w + (size_t)j * in;
            float s = b ? b[j] : 0.0f;   /* start from the bias: no separate pass over y */
            for (int k = 0; k < in; k++)
                s += xi[k] * wj[k];
            y[(size_t)i * out + j] = s;  /* written once, so garbage in y does not matter */
        }
    }
}
