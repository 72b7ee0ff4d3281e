/* harness.c for mem/01-bandwidth: the memcpy baseline and a plain sum for the grader. */
#include <stdint.h>
#include <string.h>

static unsigned char harness_sink[64 * 1024];

/* Reads a[0..n-1] with memcpy, 64 KiB at a time, into one small buffer that stays in the
 * L1/L2 cache: the same bytes the learner reads, moved by the C library's vector code.
 * Returns a byte of the copy so that the work cannot be skipped. */
int harness_memcpy_pass(const uint8_t *a, long n)
{
    long chunk = (long)sizeof harness_sink;
    for (long off = 0; off < n; off += chunk)
        memcpy(harness_sink, a + off, (size_t)(n - off < chunk ? n - off : chunk));
    return harness_sink[0];
}

/* The plain sum, as the grader's own answer. */
uint64_t harness_sum(const uint8_t *a, long n)
{
    uint64_t t = 0;
    for (long i = 0; i < n; i++)
        t += a[i];
    return t;
}
