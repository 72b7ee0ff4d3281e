return {
  title = "LSTM cell, through time",
  summary = "An LSTM over several steps, and backpropagation through time with gradients flowing through both h and c.",
  file = "lstm.c",
  timeout = 20,
  hints = {
    "sigmoid(z) = 1 / (1 + expf(-z)) overflows nothing for z >= 0, but for z = -100 expf(100) is inf; that still gives 0, yet the form expf(z) / (1 + expf(z)) gives inf / inf = NaN for z = 100. Pick the form by the sign of z.",
    "Backward runs t = T-1 down to 0 and carries two vectors into the previous step: dh_next (from W^T dz, the h_{t-1} columns) and dc_next = dc * f. At step t: dh = dhs[t] + dh_next; dc = dc_next + dh * o * (1 - tanh(c_t)^2). Forgetting either carry breaks every step but the last.",
    "dz_i = dc * g * i(1-i), dz_f = dc * c_{t-1} * f(1-f), dz_g = dc * i * (1-g^2), dz_o = dh * tanh(c_t) * o(1-o). Then db += dz, dW[r][k] += dz[r] * u[k] with u = [x_t ; h_{t-1}], and W^T dz splits into dx_t (first I) and dh_next (last H). At the end dh0c0 = (dh_next, dc_next).",
  },
}
