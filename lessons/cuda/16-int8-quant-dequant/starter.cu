/* Symmetric int8 quantisation with one scale per row (absmax), and back.
 *
 * quantize_int8: for every row r of x (rows x cols, row-major):
 *     scale   = max_j |x[r][j]| / 127.0f          (a float division; 0 for a row of zeros)
 *     q[r][j] = rintf(x[r][j] / scale)            (round to nearest, ties to even; 0 if scale is 0)
 *     clamped to [-127, 127];  scales[r] = scale
 * dequantize_int8:  x[r][j] = (float)q[r][j] * scales[r]
 * The grader launches both with one block of BLOCK = 256 threads per row (grid = rows); cols is
 * 1 or more, not a multiple of anything. */

#define BLOCK 256

__global__ void quantize_int8(signed char *q, float *scales, const float *x, int rows, int cols)
{
    /* TODO */
}

__global__ void dequantize_int8(float *x, const signed char *q, const float *scales, int rows, int cols)
{
    /* TODO */
}
