/* Row-wise softmax, numerically stable.
 *
 * softmax(x) = softmax(x - c) for any constant c. With c = the row's maximum, every
 * exponent is <= 0, so no exp overflows, and the largest term is exactly exp(0) = 1,
 * so the sum is in [1, cols]: never 0, never inf. -INFINITY entries give exp(-inf) = 0.
 * (A row whose entries are all -INFINITY has no softmax; the tests do not use one.)
 */
#include <math.h>

void softmax(const float *x, float *y, int rows, int cols)
{
    for (int r = 0; r < rows; r++) {
        const float *xr = x + (long)r * cols;
        float *yr = y + (long)r * cols;
        float m = -INFINITY;
        for (int j = 0; j < cols; j++)
            if (xr[j] > m)
                m = xr[j];
        float sum = 0.0f;
        for (int j = 0; j < cols; j++) {
            float e = expf(xr[j] - m);   /* x[j] is read before y[j] is written: in place works */
            yr[j] = e;
            sum += e;
        }
        float inv = 1.0f / sum;
        for (int j = 0; j < cols; j++)
            yr[j] *= inv;
    }
}
