/* Two 4- and 8-bit formats used to store model weights.
 *
 * FP8 E4M3 ("e4m3fn"): sign, 4 exponent bits (bias 7), 3 mantissa bits.
 *   exponent 1..15: (1 + m/8) * 2^(e-7);  exponent 0: subnormal, (m/8) * 2^-6.
 *   No infinities: S.1111.111 is NaN, so the largest finite value is 1.75 * 2^8 = 448.
 *   Encoding rounds to nearest, ties to even, and saturates to +-448 (inf included).
 *
 * NF4: 16 code values spread like the quantiles of a normal distribution, scaled per
 *   block of 64 by the block's absmax; each value becomes the index of the nearest code.
 *   Two indices per byte: the even element in the high nibble.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

uint8_t fp8_e4m3_encode(float x)
{
    if (isnan(x))
        return 0x7F;
    uint8_t sign = signbit(x) ? 0x80 : 0x00;
    float a = fabsf(x);
    if (a == 0.0f)
        return sign;                        /* +0 and -0 */
    if (a >= 448.0f)                        /* saturate (inf included) */
        return sign | 0x7E;
    /* Scale a so that one unit in the last place of the target is 1, round there with
     * rintf (ties to even), and rebuild the code. Values below 2^-6 share the subnormal
     * spacing 2^-9. */
    int e;
    frexpf(a, &e);                          /* a = f * 2^e, f in [0.5, 1) */
    int exp = e - 1;                        /* a in [2^exp, 2^(exp+1)) */
    if (exp < -6)
        exp = -6;
    float ulp = ldexpf(1.0f, exp - 3);
    float m = rintf(a / ulp);               /* exact division by a power of two */
    /* m counts ulps: 8..16 for a normal in this binade (16 = carried into the next),
     * 0..8 for subnormals (8 = the smallest normal). */
    if (exp == -6 && m < 8.0f)
        return sign | (uint8_t)m;           /* subnormal: exponent field 0 */
    if (m >= 16.0f) {
        m = 8.0f;
        exp++;
    }
    int field = exp + 7;
    uint8_t code = (uint8_t)((field << 3) | ((int)m - 8));
    if (code > 0x7E)                         /* rounding up past 448 */
        code = 0x7E;
    return sign | code;
}

float fp8_e4m3_decode(uint8_t b)
{
    int sign = b & 0x80, field = (b >> 3) & 0xF, m = b & 7;
    float v;
    if (field == 0xF && m == 7)
        return NAN;
    if (field == 0)
        v = ldexpf((float)m, -9);            /* (m / 8) * 2^-6 */
    else
        v = ldexpf((float)(8 + m), field - 10);  /* (1 + m/8) * 2^(field - 7) */
    return sign ? -v : v;
}

static const float NF4[16] = {
    -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
    -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
    0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
    0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
};

static int nf4_nearest(float v)
{
    int best = 0;
    float bd = fabsf(v - NF4[0]);
    for (int i = 1; i < 16; i++) {
        float d = fabsf(v - NF4[i]);
        if (d < bd) {                        /* strict: ties keep the lower index */
            bd = d;
            best = i;
        }
    }
    return best;
}

void nf4_quantize(const float *x, int n, uint8_t *packed, float *absmax)
{
    memset(packed, 0, (size_t)(n + 1) / 2);
    for (int b0 = 0; b0 < n; b0 += 64) {
        int end = b0 + 64 < n ? b0 + 64 : n;
        float amax = 0.0f;
        for (int i = b0; i < end; i++)
            amax = fmaxf(amax, fabsf(x[i]));
        absmax[b0 / 64] = amax;
        for (int i = b0; i < end; i++) {
            int code = amax == 0.0f ? 7 : nf4_nearest(x[i] / amax);
            packed[i / 2] |= (uint8_t)(i % 2 == 0 ? code << 4 : code);
        }
    }
}

void nf4_dequantize(const uint8_t *packed, const float *absmax, int n, float *x)
{
    for (int i = 0; i < n; i++) {
        int code = i % 2 == 0 ? packed[i / 2] >> 4 : packed[i / 2] & 0xF;
        x[i] = NF4[code] * absmax[i / 64];
    }
}
