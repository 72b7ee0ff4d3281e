return {
  title = "Convolution, forward and backward",
  summary = "Direct 2-D convolution over NCHW with padding and stride, and its three gradients.",
  file = "conv2d.c",
  timeout = 20,
  hints = {
    "Write the index of every array out in full before coding: x[n][c][ih][iw] is x[((n*C + c)*H + ih)*W + iw]. Output position (p, q) with filter tap (i, j) reads input row ih = p*stride + i - pad; skip taps where ih or iw falls outside 0..H-1 / 0..W-1 (that is the zero padding).",
    "Backward: run the forward loops again; where the forward pass did y += x[...] * w[...], the backward pass does dx[...] += dy * w[...] and dw[...] += dy * x[...], and db[k] += dy once per output. Windows overlap, and the batch shares w, so everything is a sum: zero dx, dw and db first.",
    "P = (H + 2*pad - R) / stride + 1 (integer division rounds down). In the backward loop nest: g = dy[((n*K + k)*P + p)*Q + q]; if (db) db[k] += g; then for c, i, j with ih, iw inside the image: dx[x index] += g * w[w index]; dw[w index] += g * x[x index].",
  },
}
