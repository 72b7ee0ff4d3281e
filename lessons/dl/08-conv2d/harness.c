/* harness.c for dl/08-conv2d: the grader's own convolution, in double precision, written
 * independently of solution.c. grade.lua uses it as the reference for the forward pass and
 * as the loss for the gradient checks (gradcheck with f64 buffers), which is much faster
 * than the same loops in Lua.
 *
 * sh = { n, c, h, w, k, r, s, pad, stride } (the layout of struct conv_shape).
 */
#include <math.h>
#include <stddef.h>

/* y (double) and, per output, the sum of the magnitudes of its terms, from float inputs. */
void harness_conv_ref(const int *sh, const float *x, const float *w, const float *b, double *y, double *scale)
{
    int N = sh[0], C = sh[1], H = sh[2], W = sh[3], K = sh[4], R = sh[5], S = sh[6], pad = sh[7], st = sh[8];
    int P = (H + 2 * pad - R) / st + 1, Q = (W + 2 * pad - S) / st + 1;
    for (int n = 0; n < N; n++)
        for (int k = 0; k < K; k++)
            for (int p = 0; p < P; p++)
                for (int q = 0; q < Q; q++) {
                    double acc = b ? b[k] : 0.0, m = b ? fabs((double)b[k]) : 0.0;
                    for (int c = 0; c < C; c++)
                        for (int r = 0; r < R; r++)
                            for (int s = 0; s < S; s++) {
                                int ih = p * st + r - pad, iw = q * st + s - pad;
                                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                                double t = (double)x[(((size_t)n * C + c) * H + ih) * W + iw] *
                                           (double)w[(((size_t)k * C + c) * R + r) * S + s];
                                acc += t;
                                m += fabs(t);
                            }
                    size_t o = (((size_t)n * K + k) * P + p) * Q + q;
                    y[o] = acc;
                    scale[o] = m;
                }
}

/* L = sum dy * y(x, w, b), all in double; b may be NULL. */
double harness_conv_loss(const int *sh, const double *x, const double *w, const double *b, const double *dy)
{
    int N = sh[0], C = sh[1], H = sh[2], W = sh[3], K = sh[4], R = sh[5], S = sh[6], pad = sh[7], st = sh[8];
    int P = (H + 2 * pad - R) / st + 1, Q = (W + 2 * pad - S) / st + 1;
    double L = 0.0;
    for (int n = 0; n < N; n++)
        for (int k = 0; k < K; k++)
            for (int p = 0; p < P; p++)
                for (int q = 0; q < Q; q++) {
                    double acc = b ? b[k] : 0.0;
                    for (int c = 0; c < C; c++)
                        for (int r = 0; r < R; r++)
                            for (int s = 0; s < S; s++) {
                                int ih = p * st + r - pad, iw = q * st + s - pad;
                                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                                acc += x[(((size_t)n * C + c) * H + ih) * W + iw] * w[(((size_t)k * C + c) * R + r) * S + s];
                            }
                    L += dy[(((size_t)n * K + k) * P + p) * Q + q] * acc;
                }
    return L;
}
