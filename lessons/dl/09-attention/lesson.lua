return {
  title = "Attention, forward and backward",
  summary = "Causal scaled dot-product attention over many heads, and its gradients for q, k and v.",
  file = "attention.c",
  timeout = 20,
  hints = {
    "Forward, per head and per query row i: scores s_j = q_i . k_j / sqrt(d) for the visible keys (j <= i when causal, all T otherwise), a stable softmax over them (dl/03), then out_i = sum_j p_j v_j. Masked keys are simply not in the loop.",
    "Backward, per row i: recompute p. Then dv_j += p_j dout_i; dp_j = dout_i . v_j; ds_j = p_j (dp_j - sum_l p_l dp_l) (the softmax backward); dq_i += ds_j k_j / sqrt(d); dk_j += ds_j q_i / sqrt(d). Zero dq, dk, dv first: rows add into the same dk and dv.",
    "Forgetting the 1/sqrt(d) in the backward pass, or the causal limit (j <= i, inclusive) in either pass, are the usual bugs. A scratch row of T floats (malloc) holds p, and another holds dp.",
  },
}
