return {
  title = "Batch normalisation",
  summary = "BatchNorm over a batch: training and evaluation modes, running statistics, and the backward pass.",
  file = "batchnorm.c",
  hints = {
    "BatchNorm normalises each feature (a column of x, stride c) across the batch, not each sample (a row). In evaluation mode the batch's statistics are not used at all: the running ones are, and nothing is updated.",
    "Training: per column j, mean and biased variance (divide by n) normalise; the running variance takes the unbiased one, var * n / (n - 1). Backward: with g = dy * gamma and xhat = (x - mean) * rstd, dx = rstd * (g - mean over the batch of g - xhat * mean over the batch of g * xhat).",
    "For each column j: s = sum_i x[i*c+j]; m = s / n; v = sum_i (x[i*c+j] - m)^2; rs = 1 / sqrtf(v / n + EPS); running_mean[j] = 0.9 * running_mean[j] + 0.1 * m; running_var[j] = 0.9 * running_var[j] + 0.1 * v / (n - 1); then y[i*c+j] = (x - m) * rs * gamma[j] + beta[j].",
  },
}
