/* Measuring memory latency with a pointer chase.
 *
 * build_cycle: the n slots (slot k is next[k * spacing]) become one random cycle, by
 * Sattolo's algorithm: a Fisher-Yates shuffle that swaps slot k only with a slot j < k,
 * never with itself, which yields a uniformly random permutation made of a single cycle.
 * Random order defeats the hardware prefetcher; a single cycle makes the chase visit every
 * slot, so the working set is the whole array. With spacing 8 (64 bytes), every slot has
 * a cache line of its own.
 *
 * chase_ns: each load's address is the previous load's result, so no two loads can
 * overlap: the time per step is the full latency of wherever the array lives (L1, L2, L3
 * or DRAM). The final index is written to a volatile variable, otherwise the compiler may
 * delete a loop whose result is never used.
 */
#include <stdint.h>
#include <time.h>

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void build_cycle(uint64_t *next, long n, long spacing, uint64_t seed)
{
    /* Each slot holds the element index of its successor, so the chase is i = next[i]. */
    for (long k = 0; k < n; k++)
        next[k * spacing] = (uint64_t)(k * spacing);
    uint64_t state = seed;
    for (long k = n - 1; k > 0; k--) {
        /* j uniform in [0, k): the high half of a 64 x 64 bit product, no modulo bias */
        long j = (long)(((unsigned __int128)splitmix64(&state) * (uint64_t)k) >> 64);
        uint64_t t = next[k * spacing];
        next[k * spacing] = next[j * spacing];
        next[j * spacing] = t;
    }
}

static volatile uint64_t sink;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

double chase_ns(const uint64_t *next, long steps)
{
    uint64_t i = 0;
    double t0 = now_ns();
    for (long s = 0; s < steps; s++)
        i = next[i];
    double t1 = now_ns();
    sink = i;
    return (t1 - t0) / (double)steps;
}
