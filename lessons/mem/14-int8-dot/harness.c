/* harness.c for mem/14-int8-dot: the exact answer, and a long dot product made of calls to
 * dot_i8 on 64 K chunks (compiled beside the learner's file, and beside solution.c for the
 * reference side). */
#include <stdint.h>

int32_t dot_i8(const int8_t *a, const int8_t *b, long n);

long long harness_exact(const int8_t *a, const int8_t *b, long n)
{
    long long s = 0;
    for (long i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

long long harness_dot_chunks(const int8_t *a, const int8_t *b, long n)
{
    long long total = 0;
    for (long i = 0; i < n; i += 65536)
        total += dot_i8(a + i, b + i, n - i < 65536 ? n - i : 65536);
    return total;
}
