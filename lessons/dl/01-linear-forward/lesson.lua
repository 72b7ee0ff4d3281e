return {
  title = "Linear layer: forward",
  summary = "y = x W^T + b over a batch, with PyTorch's weight layout and an optional bias.",
  file = "linear.c",
  hints = {
    "y[i][j] is the dot product of row i of x with row j of w (both have `in` elements), plus b[j]. Which flat index is x[i][k]? Which is w[j][k]?",
    "Row i of x starts at x + i * in; row j of w starts at w + j * in, because w is stored out x in. Start each sum from the bias (or 0 when b is NULL) and write y[i * out + j] once at the end: y arrives holding garbage.",
    "for i < n, for j < out: float s = b ? b[j] : 0; for k < in: s += x[i*in + k] * w[j*in + k]; y[i*out + j] = s;",
  },
}
