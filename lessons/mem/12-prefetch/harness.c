/* harness.c for mem/12-prefetch: the grader's own sum. */
long long harness_gather(const int *table, const unsigned *idx, long n)
{
    long long s = 0;
    for (long i = 0; i < n; i++)
        s += table[idx[i]];
    return s;
}
