/* Random lookups with software prefetch.
 *
 * The indices are known in advance, so while lookup i is being added, the line for lookup
 * i + DIST is requested with a prefetch instruction. A prefetch does not wait and never
 * faults: it only tells the memory system to start. DIST lookups of ~100 ns DRAM latency are
 * then in flight at once, far more than the out-of-order window would find by itself in a
 * loop of this size. DIST = 64 measured best under TinyCC here: shorter does not cover the
 * latency, much longer evicts lines before they are used.
 *
 * The loop is split so that idx is never read past idx[n - 1].
 */
#define DIST 64

static inline void prefetch(const void *p)
{
    __asm__ volatile("prefetcht0 (%0)" : : "r"(p));
}

long long gather_sum(const int *table, const unsigned *idx, long n)
{
    long long sum = 0;
    long i = 0;
    for (; i + DIST < n; i++) {
        prefetch(&table[idx[i + DIST]]);
        sum += table[idx[i]];
    }
    for (; i < n; i++)
        sum += table[idx[i]];
    return sum;
}
