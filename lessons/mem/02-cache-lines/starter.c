/* Strided reads and the cache lines they touch.
 *
 * stride_sum: the sum of a[0], a[stride], a[2 * stride], ... (every index below n).
 * lines_touched: how many different 64-byte cache lines those reads touch, when a starts on
 * a 64-byte boundary.
 */
long long stride_sum(const int *a, long n, long stride)
{
    /* TODO */
    return 0;
}

long lines_touched(long n, long stride)
{
    /* TODO: work it out; no need to simulate the reads */
    return 0;
}
