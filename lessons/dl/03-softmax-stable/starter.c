/* Row-wise softmax of a rows x cols matrix (row-major):
 *
 *   y[r][j] = exp(x[r][j]) / sum_k exp(x[r][k])
 *
 * It must work for logits such as 1000 and -1000, and for -INFINITY (masked) entries.
 * y may be the same array as x (in place).
 */
#include <math.h>

void softmax(const float *x, float *y, int rows, int cols)
{
    for (int r = 0; r < rows; r++) {
        const float *xr = x + (long)r * cols;
        float *yr = y + (long)r * cols;
        float sum = 0.0f;
        for (int j = 0; j < cols; j++)
            sum += expf(xr[j]);
        /* TODO: this overflows for large logits, and 0 / 0 for very negative ones */
        for (int j = 0; j < cols; j++)
            yr[j] = expf(xr[j]) / sum;
    }
}
