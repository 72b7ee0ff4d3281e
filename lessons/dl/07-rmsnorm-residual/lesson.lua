return {
  title = "RMSNorm with a fused residual add",
  summary = "h = residual + x, then y = h / rms(h) * weight, in one sweep; and its backward pass.",
  file = "rmsnorm.c",
  hints = {
    "Forward: the norm is of h = residual + x, the sum, not of x alone and not of the old residual. Add, store h into residual, and add h*h to a running sum in the same loop; then a second loop writes y from h (never from x, which y may overwrite).",
    "Backward: rrms depends on every h of the row. With g = dy * weight, dh_j = rrms * g_j - h_j * rrms^3 * mean_k(g_k * h_k). dweight_j = sum over rows of dy_j * h_j * rrms.",
    "Per row: dot = sum_k dy[k] * weight[k] * h[k]; c = rrms * rrms * dot / cols; dh[j] = rrms * (dy[j] * weight[j] - h[j] * c); and dweight[j] += dy[j] * h[j] * rrms after zeroing dweight once.",
  },
}
