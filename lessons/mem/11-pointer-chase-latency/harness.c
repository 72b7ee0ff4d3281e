/* harness.c for mem/11-pointer-chase-latency: the grader's own chase, and checks of the
 * cycle a learner built. Compiled with the learner's file by the same compiler. */
#include <stdint.h>
#include <time.h>

/* Length of the cycle through element 0, or -1 - i if element i holds something that is
 * not the index of a slot (a multiple of spacing below n * spacing). */
long harness_cycle_len(const uint64_t *next, long n, long spacing)
{
    uint64_t i = 0;
    for (long len = 1; len <= n; len++) {
        if (next[i] >= (uint64_t)(n * spacing) || next[i] % (uint64_t)spacing)
            return -1 - (long)i;
        i = next[i];
        if (i == 0)
            return len;
    }
    return n + 1; /* cannot happen for a permutation: 0 was never reached again */
}

/* Slots whose successor is within 2 slots of them. */
long harness_near(const uint64_t *next, long n, long spacing)
{
    long count = 0;
    for (long k = 0; k < n; k++) {
        long d = (long)next[k * spacing] - k * spacing;
        if (d >= -2 * spacing && d <= 2 * spacing)
            count++;
    }
    return count;
}

/* Slots with the same successor in a and b. */
long harness_same(const uint64_t *a, const uint64_t *b, long n, long spacing)
{
    long count = 0;
    for (long k = 0; k < n; k++)
        count += a[k * spacing] == b[k * spacing];
    return count;
}

static volatile uint64_t harness_sink;

double harness_chase_ns(const uint64_t *next, long steps)
{
    struct timespec t0, t1;
    uint64_t i = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long s = 0; s < steps; s++)
        i = next[i];
    clock_gettime(CLOCK_MONOTONIC, &t1);
    harness_sink = i;
    return ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / (double)steps;
}
