/* FP8 E4M3 and NF4.
 *
 * FP8 E4M3 (the "e4m3fn" variant): bit 7 sign, bits 6..3 exponent field E (bias 7),
 * bits 2..0 mantissa M.
 *   E = 1..15: value (1 + M/8) * 2^(E-7)        E = 0: subnormal, value (M/8) * 2^-6
 *   0x7F and 0xFF (E = 15, M = 7) are NaN; there are no infinities; the largest
 *   finite value is 0x7E = 448.
 * fp8_e4m3_encode: nearest value, ties to even mantissa; |x| >= 448 (inf too) gives
 *   +-448; NaN gives 0x7F; -0.0 gives 0x80.
 *
 * NF4, blocks of 64 values: absmax[b] = max |x| over block b (the last block may be
 * shorter); each value becomes the index (0..15) of the code in NF4[] nearest to
 * x / absmax (ties: the lower index; a block of zeros: index 7). Two indices per byte:
 * element 2k in the high 4 bits of packed[k], element 2k+1 in the low 4 bits (0 if n is odd).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const float NF4[16] = {
    -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
    -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
    0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
    0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
};

uint8_t fp8_e4m3_encode(float x)
{
    /* TODO */
    return 0;
}

float fp8_e4m3_decode(uint8_t b)
{
    /* TODO */
    return 0.0f;
}

void nf4_quantize(const float *x, int n, uint8_t *packed, float *absmax)
{
    /* TODO */
}

void nf4_dequantize(const uint8_t *packed, const float *absmax, int n, float *x)
{
    /* TODO */
}
