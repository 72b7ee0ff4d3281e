/* A linear (fully connected) layer, forward pass:  y = x W^T + b
 *
 *   x  n x in    row-major: x[i][k] is x[i * in + k]
 *   w  out x in  row-major, one row of weights per output (PyTorch's layout)
 *   b  out       the bias, or NULL for a layer without one
 *   y  n x out   row-major; arrives holding garbage
 */
#include <stddef.h>

void linear_forward(const float *x, const float *w, const float *b, float *y, int n, int in, int out)
{
    /* TODO: y[i][j] = b[j] + sum over k of x[i][k] * w[j][k] */
}
