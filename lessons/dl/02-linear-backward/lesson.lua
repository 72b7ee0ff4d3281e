return {
  title = "Linear layer: backward",
  summary = "Gradients of y = x W^T + b for x, W and b, checked against finite differences.",
  file = "linear_backward.c",
  hints = {
    "Write y[i][j] = b[j] + sum_k x[i][k] w[j][k] and ask, for one x[i][k], which outputs it touches: every y[i][j] of row i, each with weight w[j][k]. The same question for w[j][k] and b[j] gives the other two formulas.",
    "dx = dy W (n x out times out x in), dW = dy^T x (out x n times n x in), db[j] = sum over the batch of dy[i][j]. Every sample of the batch contributes to dW and db: sum over i.",
    "Zero dw and db first (they are sums), then for each i, j: g = dy[i*out+j]; db[j] += g; for k: dx[i*in+k] += g * w[j*in+k] (after zeroing dx), dw[j*in+k] += g * x[i*in+k]. Skip db when it is NULL.",
  },
}
