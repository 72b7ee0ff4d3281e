/* Symmetric int8 quantisation, one scale per row (absmax).
 *
 * quantize_int8_rows, for each row r of the rows x cols matrix x:
 *   scales[r] = (largest |x| in the row) / 127        (0 for a row of zeros)
 *   q[j]      = x[j] / scales[r], rounded to the nearest integer, ties to even,
 *               within [-127, 127]                  (q = 0 for a row of zeros)
 * dequantize_int8_rows: x[j] = q[j] * scales[r].
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

void quantize_int8_rows(const float *x, int8_t *q, float *scales, int rows, int cols)
{
    for (int r = 0; r < rows; r++) {
        float amax = 0.0f;
        for (int j = 0; j < cols; j++)
            if (x[(size_t)r * cols + j] > amax)
                amax = x[(size_t)r * cols + j];
        float scale = amax / 127.0f;
        scales[r] = scale;
        for (int j = 0; j < cols; j++)
            q[(size_t)r * cols + j] = (int8_t)(x[(size_t)r * cols + j] / scale);   /* TODO */
    }
}

void dequantize_int8_rows(const int8_t *q, const float *scales, float *x, int rows, int cols)
{
    /* TODO */
}
