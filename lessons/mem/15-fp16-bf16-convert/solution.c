/* Conversions between float (binary32), half (binary16) and bfloat16, by bit manipulation.
 *
 *   float: 1 sign | 8 exponent (bias 127) | 23 mantissa
 *   half:  1 sign | 5 exponent (bias 15)  | 10 mantissa
 *   bf16:  1 sign | 8 exponent (bias 127) | 7 mantissa   (the top 16 bits of a float)
 *
 * Rounding to nearest, ties to even, on an integer x about to be shifted right by s:
 *   (x + (1 << (s - 1)) - 1 + ((x >> s) & 1)) >> s
 * adds just under half a unit, plus one more when the kept part is odd, so that an exact
 * half rounds up only from an odd value. A carry out of the mantissa moves into the
 * exponent, which is the right answer (1.111..1 rounds up to 10.0), and a carry out of the
 * largest finite exponent yields the infinity pattern.
 */
#include <stdint.h>
#include <string.h>

static uint32_t bits_of(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float float_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

/* Shift right by s (1 <= s <= 31), rounding to nearest, ties to even. */
static uint32_t shift_rne(uint32_t x, int s)
{
    return (x + (1u << (s - 1)) - 1 + ((x >> s) & 1)) >> s;
}

static uint16_t one_f32_to_f16(uint32_t x)
{
    uint32_t sign = (x >> 16) & 0x8000;
    uint32_t ax = x & 0x7fffffff;
    if (ax > 0x7f800000)                          /* NaN: quiet it, keep the top payload */
        return (uint16_t)(sign | 0x7e00 | ((ax >> 13) & 0x3ff));
    if (ax >= 0x477ff000)                         /* >= 65520 (or inf): rounds to inf */
        return (uint16_t)(sign | 0x7c00);
    if (ax >= 0x38800000)                         /* >= 2^-14: a normal half */
        return (uint16_t)(sign | shift_rne(ax - 0x38000000, 13));  /* rebias 127 -> 15 */
    if (ax <= 0x33000000)                         /* <= 2^-25: half of the smallest */
        return (uint16_t)sign;                    /* subnormal, so rounds to 0 (a tie, too) */
    /* A subnormal half: count units of 2^-24. With m the 24-bit significand and e the
     * biased exponent, the value is m * 2^(e - 150), so units = m >> (126 - e). */
    uint32_t m = (ax & 0x7fffff) | 0x800000;
    int e = (int)(ax >> 23);
    return (uint16_t)(sign | shift_rne(m, 126 - e));  /* may round up to 0x400, 2^-14 */
}

static uint32_t one_f16_to_f32(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t e = (h >> 10) & 31, m = h & 0x3ff;
    if (e == 31)                                  /* inf, or NaN made quiet */
        return sign | 0x7f800000 | (m << 13) | (m ? 0x400000 : 0);
    if (e == 0) {
        if (m == 0)
            return sign;                          /* +-0 */
        e = 1;                                    /* subnormal: normalise, m * 2^-24 */
        while (!(m & 0x400)) {
            m <<= 1;
            e--;
        }
        m &= 0x3ff;
    }
    return sign | ((e + 112) << 23) | (m << 13);  /* rebias 15 -> 127 */
}

static uint16_t one_f32_to_bf16(uint32_t x)
{
    if ((x & 0x7fffffff) > 0x7f800000)            /* NaN: quiet it; rounding could make */
        return (uint16_t)((x >> 16) | 0x40);      /* it inf or carry into the sign */
    return (uint16_t)shift_rne(x, 16);            /* overflow carries into inf, as it should */
}

void f16_to_f32(const uint16_t *in, float *out, long n)
{
    for (long i = 0; i < n; i++)
        out[i] = float_of(one_f16_to_f32(in[i]));
}

void f32_to_f16(const float *in, uint16_t *out, long n)
{
    for (long i = 0; i < n; i++)
        out[i] = one_f32_to_f16(bits_of(in[i]));
}

void f32_to_bf16(const float *in, uint16_t *out, long n)
{
    for (long i = 0; i < n; i++)
        out[i] = one_f32_to_bf16(bits_of(in[i]));
}

void bf16_to_f32(const uint16_t *in, float *out, long n)
{
    for (long i = 0; i < n; i++)
        out[i] = float_of((uint32_t)in[i] << 16);
}
