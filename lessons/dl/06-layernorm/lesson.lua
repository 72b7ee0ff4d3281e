return {
  title = "Layer normalisation",
  summary = "LayerNorm forward and backward: a variance that survives near-constant rows, and a gradient through the mean and the variance.",
  file = "layernorm.c",
  hints = {
    "Forward: compute the variance as the mean of (x - mean)^2, in a second pass over the row, not as E[x^2] - E[x]^2. For a row of values near 1000, both of those are near 1e6 and a float keeps only about 7 digits, so their difference is noise and can be negative.",
    "Backward: xhat = (x - mean) * rstd and g = dy * gamma. If mean and rstd were constants, dx would be rstd * g. They depend on every x of the row, which subtracts two corrections: dx = rstd * (g - mean_j(g) - xhat * mean_j(g * xhat)). dgamma[j] and dbeta[j] sum dy * xhat and dy over all rows.",
    "Zero dgamma and dbeta. Per row: sum_g = sum g, sum_gx = sum g * xhat (and add dy * xhat to dgamma[j], dy to dbeta[j]); then dx[j] = rstd * (g_j - sum_g / cols - xhat_j * sum_gx / cols).",
  },
}
