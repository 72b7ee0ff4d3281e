/* Batch normalisation over a batch of n feature vectors with c features each.
 * x and y are n x c, row-major: feature j of sample i is x[i * c + j].
 *
 * training != 0: normalise each feature j with the batch's mean and biased variance
 *   (divide by n), y = (x - mean) / sqrt(var + EPS) * gamma[j] + beta[j];
 *   save the mean and 1/sqrt(var + EPS) in save_mean[j], save_rstd[j];
 *   update running_mean[j] and running_var[j] toward the batch's mean and
 *   UNBIASED variance (divide by n - 1):  running = (1 - MOMENTUM) * running + MOMENTUM * batch.
 * training == 0: normalise with running_mean and running_var; update nothing
 *   (save_mean and save_rstd may be NULL).
 *
 * Backward (after a training forward pass): write dx, dgamma, dbeta.
 */
#include <math.h>
#include <stddef.h>

#define MOMENTUM 0.1f
#define EPS 1e-5f

void batchnorm_forward(const float *x, const float *gamma, const float *beta, float *y,
                       float *running_mean, float *running_var, float *save_mean, float *save_rstd,
                       int n, int c, int training)
{
    /* TODO */
}

void batchnorm_backward(const float *dy, const float *x, const float *gamma,
                        const float *save_mean, const float *save_rstd,
                        float *dx, float *dgamma, float *dbeta, int n, int c)
{
    /* TODO */
}
