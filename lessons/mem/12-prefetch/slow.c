/* The plain gather: each table[idx[i]] misses every cache. The out-of-order core overlaps
 * the misses of the next few iterations, but its window holds only so many instructions,
 * so only a handful of the ~100 ns DRAM reads are in flight at once. */
long long gather_sum(const int *table, const unsigned *idx, long n)
{
    long long sum = 0;
    for (long i = 0; i < n; i++)
        sum += table[idx[i]];
    return sum;
}
