/* Layer normalisation over the last dimension, forward and backward.
 *
 * Forward, per row:  mean = sum x / n,  var = sum (x - mean)^2 / n   (two passes)
 *                    rstd = 1 / sqrt(var + eps),  xhat = (x - mean) * rstd
 *                    y = xhat * gamma + beta
 * Two passes, not var = E[x^2] - E[x]^2: for a row such as 1000 + small noise, E[x^2]
 * and E[x]^2 are about 1e6 and agree in all the digits a float has, so their difference
 * is rounding noise, often negative.
 *
 * Backward, per row, with g = dy * gamma (the gradient reaching xhat):
 *   dx = rstd * (g - mean(g) - xhat * mean(g * xhat))
 * (mean and var depend on every x of the row, which gives the two subtracted terms),
 *   dgamma = sum over rows of dy * xhat,   dbeta = sum over rows of dy.
 */
#include <math.h>
#include <stddef.h>

void layernorm_forward(const float *x, const float *gamma, const float *beta, float *y,
                       float *mean, float *rstd, int rows, int cols, float eps)
{
    for (int r = 0; r < rows; r++) {
        const float *xr = x + (size_t)r * cols;
        float *yr = y + (size_t)r * cols;
        float s = 0.0f;
        for (int j = 0; j < cols; j++)
            s += xr[j];
        float m = s / cols;
        float v = 0.0f;
        for (int j = 0; j < cols; j++) {
            float d = xr[j] - m;
            v += d * d;
        }
        v /= cols;
        float rs = 1.0f / sqrtf(v + eps);
        for (int j = 0; j < cols; j++)
            yr[j] = (xr[j] - m) * rs * gamma[j] + beta[j];
        mean[r] = m;
        rstd[r] = rs;
    }
}

void layernorm_backward(const float *dy, const float *x, const float *gamma,
                        const float *mean, const float *rstd,
                        float *dx, float *dgamma, float *dbeta, int rows, int cols)
{
    for (int j = 0; j < cols; j++) {
        dgamma[j] = 0.0f;
        dbeta[j] = 0.0f;
    }
    for (int r = 0; r < rows; r++) {
        const float *xr = x + (size_t)r * cols, *dyr = dy + (size_t)r * cols;
        float *dxr = dx + (size_t)r * cols;
        float m = mean[r], rs = rstd[r];
        float sum_g = 0.0f, sum_gx = 0.0f;
        for (int j = 0; j < cols; j++) {
            float xhat = (xr[j] - m) * rs;
            float g = dyr[j] * gamma[j];
            sum_g += g;
            sum_gx += g * xhat;
            dgamma[j] += dyr[j] * xhat;
            dbeta[j] += dyr[j];
        }
        float mean_g = sum_g / cols, mean_gx = sum_gx / cols;
        for (int j = 0; j < cols; j++) {
            float xhat = (xr[j] - m) * rs;
            dxr[j] = rs * (dyr[j] * gamma[j] - mean_g - xhat * mean_gx);
        }
    }
}
