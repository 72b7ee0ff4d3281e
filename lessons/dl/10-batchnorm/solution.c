/* Batch normalisation over a batch of n feature vectors of c features (x is n x c).
 *
 * Training: each feature (column) is normalised with the batch's own statistics,
 *   mean_j = (1/n) sum_i x[i][j],  var_j = (1/n) sum_i (x[i][j] - mean_j)^2  (biased)
 *   y[i][j] = (x[i][j] - mean_j) / sqrt(var_j + EPS) * gamma_j + beta_j
 * and the running statistics move toward the batch's, the variance unbiased (n - 1):
 *   running = (1 - MOMENTUM) * running + MOMENTUM * batch
 * Evaluation: the running statistics normalise; nothing is updated.
 *
 * Backward (training): the same algebra as LayerNorm, over the batch instead of the row:
 *   dx[i][j] = rstd_j * (g[i][j] - mean_i g[i][j] - xhat[i][j] * mean_i (g xhat)[i][j]),
 *   with g = dy * gamma;  dgamma_j = sum_i dy xhat,  dbeta_j = sum_i dy.
 */
#include <math.h>
#include <stddef.h>

#define MOMENTUM 0.1f
#define EPS 1e-5f

void batchnorm_forward(const float *x, const float *gamma, const float *beta, float *y,
                       float *running_mean, float *running_var, float *save_mean, float *save_rstd,
                       int n, int c, int training)
{
    for (int j = 0; j < c; j++) {
        float m, rs;
        if (training) {
            float s = 0.0f;
            for (int i = 0; i < n; i++)
                s += x[(size_t)i * c + j];
            m = s / n;
            float v = 0.0f;
            for (int i = 0; i < n; i++) {
                float d = x[(size_t)i * c + j] - m;
                v += d * d;
            }
            rs = 1.0f / sqrtf(v / n + EPS);
            running_mean[j] = (1.0f - MOMENTUM) * running_mean[j] + MOMENTUM * m;
            running_var[j] = (1.0f - MOMENTUM) * running_var[j] + MOMENTUM * (v / (n - 1));
            save_mean[j] = m;
            save_rstd[j] = rs;
        } else {
            m = running_mean[j];
            rs = 1.0f / sqrtf(running_var[j] + EPS);
        }
        for (int i = 0; i < n; i++)
            y[(size_t)i * c + j] = (x[(size_t)i * c + j] - m) * rs * gamma[j] + beta[j];
    }
}

void batchnorm_backward(const float *dy, const float *x, const float *gamma,
                        const float *save_mean, const float *save_rstd,
                        float *dx, float *dgamma, float *dbeta, int n, int c)
{
    for (int j = 0; j < c; j++) {
        float m = save_mean[j], rs = save_rstd[j];
        float sum_g = 0.0f, sum_gx = 0.0f, dg = 0.0f, db = 0.0f;
        for (int i = 0; i < n; i++) {
            float xhat = (x[(size_t)i * c + j] - m) * rs, g = dy[(size_t)i * c + j];
            sum_g += g * gamma[j];
            sum_gx += g * gamma[j] * xhat;
            dg += g * xhat;
            db += g;
        }
        dgamma[j] = dg;
        dbeta[j] = db;
        for (int i = 0; i < n; i++) {
            float xhat = (x[(size_t)i * c + j] - m) * rs;
            dx[(size_t)i * c + j] = rs * (dy[(size_t)i * c + j] * gamma[j] - sum_g / n - xhat * sum_gx / n);
        }
    }
}
