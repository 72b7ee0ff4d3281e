/* IEEE 754 binary32 (float), taken apart with integer operations. */
#include <stdint.h>
#include <string.h>

static uint32_t bits_of(float x)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b); /* the defined way to reinterpret bytes */
    return b;
}

static float float_of(uint32_t b)
{
    float x;
    memcpy(&x, &b, sizeof x);
    return x;
}

void f32_decompose(float x, int *sign, int *biased_exp, uint32_t *fraction)
{
    uint32_t b = bits_of(x);
    *sign = (int)(b >> 31);
    *biased_exp = (int)((b >> 23) & 0xff);
    *fraction = b & 0x7fffff;
}

float f32_next_up(float x)
{
    uint32_t b = bits_of(x);
    if (x != x || b == 0x7f800000u)
        return x;               /* NaN and +inf stay */
    if (b == 0x80000000u)
        return float_of(1);     /* -0.0: up to the smallest subnormal, like +0.0 */
    /* Non-negative floats grow with their bit pattern; negative ones shrink in magnitude
     * as the pattern decreases. -(smallest subnormal), 0x80000001, becomes -0.0. */
    return float_of((b >> 31) ? b - 1 : b + 1);
}

/* A key that orders floats like the real line, with +0 and -0 both at 0. */
static long long order_key(float x)
{
    uint32_t b = bits_of(x);
    return (b >> 31) ? -(long long)(b & 0x7fffffffu) : (long long)b;
}

long long f32_ulp_distance(float a, float b)
{
    if (a != a || b != b)
        return -1;
    long long d = order_key(a) - order_key(b);
    return d < 0 ? -d : d;
}
