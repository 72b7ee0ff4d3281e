/* 2-D convolution, NCHW, forward and backward.
 *
 *   x   n x c x h x w        input images
 *   w   k x c x r x s        k filters
 *   b   k                    bias, or NULL
 *   y   n x k x P x Q        P = (h + 2 pad - r) / stride + 1, Q likewise with w and s
 *
 *   y[n][k][p][q] = b[k] + sum over c, i < r, j < s of
 *                   x[n][c][p*stride + i - pad][q*stride + j - pad] * w[k][c][i][j]
 * (x outside the image is 0). Every array is dense and row-major in the order given.
 * All outputs arrive holding garbage.
 */
#include <stddef.h>

struct conv_shape {
    int n, c, h, w;      /* input: n images of c channels, h x w */
    int k, r, s;         /* k filters of c x r x s */
    int pad, stride;
};

void conv2d_forward(const struct conv_shape *sh, const float *x, const float *w, const float *b, float *y)
{
    /* TODO */
}

/* Given dy (n x k x P x Q), write dx (like x), dw (like w) and db (k; skip when NULL). */
void conv2d_backward(const struct conv_shape *sh, const float *x, const float *w, const float *dy,
                     float *dx, float *dw, float *db)
{
    /* TODO */
}
