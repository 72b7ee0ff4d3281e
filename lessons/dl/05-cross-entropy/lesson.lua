return {
  title = "Cross-entropy, fused",
  summary = "Mean cross-entropy loss of softmax and its gradient in one pass, via log-sum-exp, with ignored targets.",
  file = "cross_entropy.c",
  hints = {
    "Never form the probability and then take its log: a target whose logit is 1000 below the row's maximum has probability exp(-1000), which is 0 in float, and log(0) is -inf. Write -log softmax(x)_t = log(sum_j exp(x_j)) - x_t and compute the log-sum-exp stably, as in dl/03.",
    "Per valid row: m = max, s = sum expf(x_j - m), loss_r = m + logf(s) - x_t. The loss is the mean over the rows whose target is >= 0: divide by their count, not by rows. The gradient of the mean is (softmax_j - [j == t]) / count for valid rows and 0 for ignored ones.",
    "count valid rows first. For a valid row r: m, s as above; total += m + logf(s) - x[t]; if (dlogits) { for j: d[j] = expf(x[j] - m) / s / count; d[t] -= 1.0f / count; }. For an ignored row set its d[j] = 0. Return count ? total / count : 0.",
  },
}
