/* Conversions between float, half (IEEE binary16) and bfloat16, element by element.
 * Narrowing rounds to nearest, ties to even. See README.md for NaNs and infinities.
 */
#include <stdint.h>
#include <string.h>

void f16_to_f32(const uint16_t *in, float *out, long n)
{
    /* TODO */
}

void f32_to_f16(const float *in, uint16_t *out, long n)
{
    /* TODO */
}

void f32_to_bf16(const float *in, uint16_t *out, long n)
{
    /* TODO */
}

void bf16_to_f32(const uint16_t *in, float *out, long n)
{
    /* TODO */
}
