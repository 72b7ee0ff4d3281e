/* Dot product of two int8 arrays with int32 accumulation, with AVX2.
 *
 * Each product of two int8 values lies in [-16256, 16384]: it needs 16 bits, and a sum of
 * two of them 17. So the bytes are first widened to int16 (_mm256_cvtepi8_epi16: 16 bytes
 * -> 16 int16 lanes), then _mm256_madd_epi16 multiplies 16 pairs of int16 and adds
 * neighbouring products into 8 int32 lanes. Nothing saturates and nothing is lost: the sum
 * is exact.
 *
 * (_mm256_maddubs_epi16 does 32 bytes at once, but takes one operand as unsigned and
 * saturates its pair sums to int16; making it work for two signed inputs needs care at
 * -128, and is a lesson of its own.)
 *
 * Two accumulators, 32 bytes per iteration; the last n % 32 bytes are done one by one, so
 * nothing past a[n - 1] is read. With n <= 65536 no int32 lane can overflow.
 */
#include <immintrin.h>
#include <stdint.h>

static __m256i widen16(const int8_t *p)
{
    return _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)p));
}

int32_t dot_i8(const int8_t *a, const int8_t *b, long n)
{
    __m256i acc0 = _mm256_setzero_si256(), acc1 = acc0;
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(widen16(a + i), widen16(b + i)));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(widen16(a + i + 16), widen16(b + i + 16)));
    }
    __m256i acc = _mm256_add_epi32(acc0, acc1);
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    int32_t total = _mm_cvtsi128_si32(s);
    for (; i < n; i++)
        total += a[i] * b[i];
    return total;
}
