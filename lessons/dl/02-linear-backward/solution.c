/* A linear layer, backward pass, for the forward y = x W^T + b.
 *
 *   y[i][j] = b[j] + sum_k x[i][k] w[j][k]
 *
 * so, by the chain rule, with g = dy[i][j]:
 *   dL/dx[i][k] = sum_j g * w[j][k]      dx = dy W
 *   dL/dw[j][k] = sum_i g * x[i][k]      dW = dy^T x   (summed over the batch)
 *   dL/db[j]    = sum_i g                db = column sums of dy
 */
#include <stddef.h>

void linear_backward(const float *x, const float *w, const float *dy,
                     float *dx, float *dw, float *db, int n, int in, int out)
{
    for (size_t t = 0; t < (size_t)out * in; t++)
        dw[t] = 0.0f;
    if (db)
        for (int j = 0; j < out; j++)
            db[j] = 0.0f;

    for (int i = 0; i < n; i++) {
        const float *xi = x + (size_t)i * in;
        const float *dyi = dy + (size_t)i * out;
        float *dxi = dx + (size_t)i * in;
        for (int k = 0; k < in; k++)
            dxi[k] = 0.0f;
        for (int j = 0; j < out; j++) {
            float g = dyi[j];
            const float *wj = w + (size_t)j * in;
            float *dwj = dw + (size_t)j * in;
            if (db)
                db[j] += g;
            /* Both inner updates walk rows of length in: contiguous on every side. */
            for (int k = 0; k < in; k++) {
                dxi[k] += g * wj[k];
                dwj[k] += g * xi[k];
            }
        }
    }
}
