/* Dot product of two int8 arrays, accumulated exactly in int32, with AVX2 intrinsics.
 *
 * Return a[0] * b[0] + ... + a[n-1] * b[n-1]. n <= 65536, so the exact result fits in
 * int32. a and b may start at any address; read nothing past a[n - 1] or b[n - 1].
 */
#include <immintrin.h>
#include <stdint.h>

int32_t dot_i8(const int8_t *a, const int8_t *b, long n)
{
    /* TODO */
    return 0;
}
