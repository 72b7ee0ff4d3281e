/* Dot product of two float arrays, with AVX2 intrinsics.
 *
 * Return a[0] * b[0] + a[1] * b[1] + ... + a[n-1] * b[n-1].
 * a and b may start at any address; read nothing past a[n - 1] or b[n - 1].
 */
#include <immintrin.h>

float dot(const float *a, const float *b, long n)
{
    /* TODO: 8 floats per __m256; _mm256_loadu_ps, _mm256_fmadd_ps */
    return 0;
}
