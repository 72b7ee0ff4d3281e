/* harness.c for mem/10-branchless-filter: checks a filtered array in C (16 M elements are
 * too many to compare from Lua). */

/* Returns -1 when out[0..got-1] holds exactly the in[i] < limit in order and got is their
 * count; otherwise the first wrong index of out (or the expected count, negated minus 2,
 * when only the count is wrong). */
long long harness_check(const int *in, long long n, int limit, const int *out, long long got)
{
    long long k = 0;
    for (long long i = 0; i < n; i++) {
        if (in[i] < limit) {
            if (k >= got || out[k] != in[i])
                return k;
            k++;
        }
    }
    return k == got ? -1 : -2 - k;
}

/* Fills a with ints uniform in [0, 1000) from seed. */
void harness_fill(int *a, long long n, long long seed)
{
    unsigned long long x = (unsigned long long)seed * 0x9E3779B97F4A7C15ULL + 1;
    for (long long i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        a[i] = (int)((x >> 20) % 1000);
    }
}
