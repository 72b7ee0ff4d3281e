/* The sum of n ints, in a 64-bit accumulator so that large arrays cannot overflow it. */
long long sum(const int *a, int n)
{
    long long total = 0;
    for (int i = 0; i < n; i++)
        total += a[i];
    return total;
}
