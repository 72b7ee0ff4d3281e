/* Dot product of two float arrays with AVX2 and FMA.
 *
 * One __m256 holds 8 floats; _mm256_fmadd_ps(x, y, acc) computes acc + x * y in all 8
 * lanes with one instruction. A single accumulator would make every FMA wait for the
 * previous one (4 cycles of latency), so four independent accumulators are kept: 32 floats
 * per iteration, enough to keep the FMA units busy while loads stream in.
 *
 * Loads are _mm256_loadu_ps: the arrays may start at any address. After the vector loop,
 * the four accumulators are added, the 8 lanes summed, and the last n % 32 elements done
 * one at a time, so nothing past a[n - 1] is ever read.
 */
#include <immintrin.h>

static float hsum(__m256 v)
{
    __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
    __m128 s = _mm_add_ps(lo, hi);                  /* 4 lanes */
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));         /* 2 lanes */
    s = _mm_add_ss(s, _mm_movehdup_ps(s));          /* 1 lane */
    return _mm_cvtss_f32(s);
}

float dot(const float *a, const float *b, long n)
{
    __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
        acc2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), acc2);
        acc3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), acc3);
    }
    for (; i + 8 <= n; i += 8)                      /* up to 3 more whole vectors */
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
    float s = hsum(_mm256_add_ps(_mm256_add_ps(acc0, acc1), _mm256_add_ps(acc2, acc3)));
    for (; i < n; i++)                              /* the last n % 8 */
        s += a[i] * b[i];
    return s;
}
