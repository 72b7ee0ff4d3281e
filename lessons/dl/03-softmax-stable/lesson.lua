return {
  title = "Softmax, stably",
  summary = "Row-wise softmax that survives logits of 1000 and -1000: subtract the row maximum.",
  file = "softmax.c",
  hints = {
    "expf(1000) is inf in float (the largest float is about 3.4e38, and expf overflows past x = 88.7), and inf / inf is NaN. Softmax does not change if you subtract the same number from every logit of a row: which number keeps every exponent at most 0?",
    "Per row: find the maximum m of that row (not of the whole matrix), then y[j] = expf(x[j] - m) / sum_k expf(x[k] - m). The largest term is exactly 1, so the sum is at least 1: no overflow, and no 0 / 0 when every logit is -1000.",
    "for each row r: const float *xr = x + r*cols; float m = xr[0]; for j: if (xr[j] > m) m = xr[j]; float s = 0; for j: { float e = expf(xr[j] - m); y[r*cols+j] = e; s += e; } for j: y[r*cols+j] /= s;",
  },
}
