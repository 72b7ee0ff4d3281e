/* Random lookups into a large table.
 *
 * Return table[idx[0]] + table[idx[1]] + ... + table[idx[n-1]].
 */

/* Asks the CPU to start loading the cache line that holds p into all cache levels, without
 * waiting for it. It never faults, even for a bad address. */
static inline void prefetch(const void *p)
{
    __asm__ volatile("prefetcht0 (%0)" : : "r"(p));
}

long long gather_sum(const int *table, const unsigned *idx, long n)
{
    /* TODO */
    return 0;
}
