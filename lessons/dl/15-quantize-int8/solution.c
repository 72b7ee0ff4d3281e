/* Symmetric int8 quantisation with one scale per row (absmax).
 *
 *   scale = max_j |x[j]| / 127          (0 for a row of zeros)
 *   q[j]  = round(x[j] / scale)         to nearest, ties to even (rintf), in [-127, 127]
 *   x'[j] = q[j] * scale                |x[j] - x'[j]| <= scale / 2
 *
 * -128 is never used, so the code range is symmetric and negating a code cannot overflow.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

void quantize_int8_rows(const float *x, int8_t *q, float *scales, int rows, int cols)
{
    for (int r = 0; r < rows; r++) {
        const float *xr = x + (size_t)r * cols;
        int8_t *qr = q + (size_t)r * cols;
        float amax = 0.0f;
        for (int j = 0; j < cols; j++)
            amax = fmaxf(amax, fabsf(xr[j]));
        float scale = amax / 127.0f;
        scales[r] = scale;
        for (int j = 0; j < cols; j++) {
            if (scale == 0.0f) {           /* all zeros: avoid 0 / 0 */
                qr[j] = 0;
                continue;
            }
            float v = rintf(xr[j] / scale);
            if (v > 127.0f) v = 127.0f;    /* |x| <= amax, so only rounding could overshoot */
            if (v < -127.0f) v = -127.0f;
            qr[j] = (int8_t)v;
        }
    }
}

void dequantize_int8_rows(const int8_t *q, const float *scales, float *x, int rows, int cols)
{
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++)
            x[(size_t)r * cols + j] = (float)q[(size_t)r * cols + j] * scales[r];
}
