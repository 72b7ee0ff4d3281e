return {
  title = "Speculative decoding",
  summary = "Verify a draft model's tokens against the target with the accept/residual rule, so the output follows the target distribution exactly.",
  file = "speculative.c",
  timeout = 30,
  hints = {
    "Accept draft token x at position i with probability min(1, p_i(x) / q_i(x)): with the given uniform, that is u[i] * q_i(x) < p_i(x). Stop at the first rejection: later draft tokens were conditioned on a token that is not in the output.",
    "On a rejection, do not sample from p_i: that would count the tokens the draft already had a chance to propose twice. Sample from the residual max(0, p_i - q_i), renormalised, with u[k]. If all k are accepted, sample one more token from p_k (the target computed it for free) with u[k].",
    "Sampling: total = sum of the positive weights (double); walk j upward adding w_j (skipping w_j <= 0) and return the first j where u * total < running sum; if rounding carries u * total to the very end, return the last positive-weight index.",
  },
}
