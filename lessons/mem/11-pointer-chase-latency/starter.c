/* Measuring memory latency with a pointer chase. See README.md.
 *
 * build_cycle: slot k is next[k * spacing], for k in 0 .. n-1. Fill the slots so that
 * following i = next[i] from 0 visits all n slots in a random order before coming back
 * to 0; each slot holds the element index of the next slot. Derive the order from seed.
 * chase_ns: follow next from element 0 for `steps` steps and return the time per step in
 * nanoseconds.
 */
#include <stdint.h>
#include <time.h>

void build_cycle(uint64_t *next, long n, long spacing, uint64_t seed)
{
    /* TODO */
}

double chase_ns(const uint64_t *next, long steps)
{
    /* TODO: time it with clock_gettime(CLOCK_MONOTONIC, ...) */
    return 0;
}
