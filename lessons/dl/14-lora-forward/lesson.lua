return {
  title = "LoRA forward",
  summary = "A low-rank adapter on a frozen linear layer: y = x W^T + (alpha/r) x A^T B^T, in the cheap order; and merging it into W.",
  file = "lora.c",
  timeout = 60,
  bars = {
    lora = {
      max_ratio = 2.0,
      against = "reference",
      what = "LoRA forward, 4 tokens, 2048 -> 2048, rank 24, against the reference (x A^T first)",
    },
  },
  hints = {
    "The adapter's contribution is scale * x A^T B^T with scale = alpha / r. Count the work of the two ways to group it: (x A^T) B^T, or x (B A)^T. Which is smaller when n (tokens) is small and in, out are in the thousands?",
    "Compute t = x_i A^T first: r numbers per row of x. Then each output adds scale * sum_k t_k B[j][k] to the base dot product x_i . W_j. Never form B A in lora_forward.",
    "lora_merge: for each j, k: c = scale * B[j*r + k]; for each column: W[j*in + col] += c * A[k*in + col].",
  },
}
