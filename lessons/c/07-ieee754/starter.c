/* IEEE 754 binary32 (float), taken apart with integer operations. No <math.h>. */
#include <stdint.h>
#include <string.h>

/* The three fields of x: sign bit (0 or 1), biased exponent (0..255), fraction (23 bits). */
void f32_decompose(float x, int *sign, int *biased_exp, uint32_t *fraction)
{
    /* TODO */
}

/* The smallest float greater than x; NaN for NaN, +inf for +inf. */
float f32_next_up(float x)
{
    /* TODO */
    return x;
}

/* How many steps of f32_next_up lead from the smaller of a, b to the larger;
 * 0 for +0.0 and -0.0; -1 if either is a NaN. */
long long f32_ulp_distance(float a, float b)
{
    /* TODO */
    return 0;
}
