/* RMSNorm fused with the residual add that precedes it in a transformer block.
 *
 * Forward, per row:  h = residual + x            (written back: the new residual stream)
 *                    rrms = 1 / sqrt(mean(h^2) + eps)
 *                    y = h * rrms * weight
 * Fusing means one read of residual and x, one write of h, with the sum of squares
 * gathered on the way; then a second, cache-hot pass over h writes y. y may be x.
 *
 * Backward, with g = dy * weight:
 *   dh_j = rrms * (g_j - h_j * rrms^2 * mean_k(g_k * h_k))
 *   dweight_j = sum over rows of dy_j * h_j * rrms
 */
#include <math.h>
#include <stddef.h>

void rmsnorm_residual(float *residual, const float *x, const float *weight, float *y,
                      float *rrms, int rows, int cols, float eps)
{
    for (int r = 0; r < rows; r++) {
        float *h = residual + (size_t)r * cols;
        const float *xr = x + (size_t)r * cols;
        float *yr = y + (size_t)r * cols;
        float ss = 0.0f;
        for (int j = 0; j < cols; j++) {
            float v = h[j] + xr[j];
            h[j] = v;
            ss += v * v;
        }
        float rs = 1.0f / sqrtf(ss / cols + eps);
        for (int j = 0; j < cols; j++)      /* reads h, not x: safe when y == x */
            yr[j] = h[j] * rs * weight[j];
        rrms[r] = rs;
    }
}

void rmsnorm_backward(const float *dy, const float *h, const float *weight, const float *rrms,
                      float *dh, float *dweight, int rows, int cols)
{
    for (int j = 0; j < cols; j++)
        dweight[j] = 0.0f;
    for (int r = 0; r < rows; r++) {
        const float *hr = h + (size_t)r * cols, *dyr = dy + (size_t)r * cols;
        float *dhr = dh + (size_t)r * cols;
        float rs = rrms[r];
        float dot = 0.0f;
        for (int j = 0; j < cols; j++) {
            dot += dyr[j] * weight[j] * hr[j];
            dweight[j] += dyr[j] * hr[j] * rs;
        }
        float c = rs * rs * dot / cols;
        for (int j = 0; j < cols; j++)
            dhr[j] = rs * (dyr[j] * weight[j] - hr[j] * c);
    }
}
