/* 2-D convolution (cross-correlation, as in every framework), NCHW, forward and backward.
 *
 *   y[n][k][p][q] = b[k] + sum_{c,r,s} x[n][c][p*stride + r - pad][q*stride + s - pad] * w[k][c][r][s]
 *
 * where x outside the image counts as 0 (zero padding), and
 *   P = (H + 2 pad - R) / stride + 1,  Q = (W + 2 pad - S) / stride + 1   (rounded down).
 *
 * Backward: every (output, tap) pair that used x[..][ih][iw] and w[k][c][r][s] in the
 * forward pass sends dy * (the other factor) back to it. Walking the forward loops and
 * scattering gives dx and dw without deriving index inversions; overlapping windows
 * (stride < R) add into the same dx, which is why dx is zeroed first.
 */
#include <stddef.h>

struct conv_shape {
    int n, c, h, w;      /* input: n images of c channels, h x w */
    int k, r, s;         /* k filters of c x r x s */
    int pad, stride;
};

static int out_size(int in, int f, int pad, int stride) { return (in + 2 * pad - f) / stride + 1; }

void conv2d_forward(const struct conv_shape *sh, const float *x, const float *w, const float *b, float *y)
{
    int C = sh->c, H = sh->h, W = sh->w, K = sh->k, R = sh->r, S = sh->s;
    int P = out_size(H, R, sh->pad, sh->stride), Q = out_size(W, S, sh->pad, sh->stride);
    for (int n = 0; n < sh->n; n++)
        for (int k = 0; k < K; k++)
            for (int p = 0; p < P; p++)
                for (int q = 0; q < Q; q++) {
                    float acc = b ? b[k] : 0.0f;
                    for (int c = 0; c < C; c++) {
                        const float *xc = x + ((size_t)n * C + c) * H * W;
                        const float *wkc = w + ((size_t)k * C + c) * R * S;
                        for (int r = 0; r < R; r++) {
                            int ih = p * sh->stride + r - sh->pad;
                            if (ih < 0 || ih >= H) continue;          /* zero padding */
                            for (int s = 0; s < S; s++) {
                                int iw = q * sh->stride + s - sh->pad;
                                if (iw < 0 || iw >= W) continue;
                                acc += xc[(size_t)ih * W + iw] * wkc[r * S + s];
                            }
                        }
                    }
                    y[(((size_t)n * K + k) * P + p) * Q + q] = acc;
                }
}

void conv2d_backward(const struct conv_shape *sh, const float *x, const float *w, const float *dy,
                     float *dx, float *dw, float *db)
{
    int C = sh->c, H = sh->h, W = sh->w, K = sh->k, R = sh->r, S = sh->s;
    int P = out_size(H, R, sh->pad, sh->stride), Q = out_size(W, S, sh->pad, sh->stride);
    for (size_t i = 0; i < (size_t)sh->n * C * H * W; i++) dx[i] = 0.0f;
    for (size_t i = 0; i < (size_t)K * C * R * S; i++) dw[i] = 0.0f;
    if (db)
        for (int k = 0; k < K; k++) db[k] = 0.0f;

    for (int n = 0; n < sh->n; n++)
        for (int k = 0; k < K; k++)
            for (int p = 0; p < P; p++)
                for (int q = 0; q < Q; q++) {
                    float g = dy[(((size_t)n * K + k) * P + p) * Q + q];
                    if (db) db[k] += g;
                    for (int c = 0; c < C; c++) {
                        size_t xo = ((size_t)n * C + c) * H * W, wo = ((size_t)k * C + c) * R * S;
                        for (int r = 0; r < R; r++) {
                            int ih = p * sh->stride + r - sh->pad;
                            if (ih < 0 || ih >= H) continue;
                            for (int s = 0; s < S; s++) {
                                int iw = q * sh->stride + s - sh->pad;
                                if (iw < 0 || iw >= W) continue;
                                dx[xo + (size_t)ih * W + iw] += g * w[wo + r * S + s];
                                dw[wo + r * S + s] += g * x[xo + (size_t)ih * W + iw];
                            }
                        }
                    }
                }
}
