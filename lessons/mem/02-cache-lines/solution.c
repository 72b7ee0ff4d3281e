/* Strided reads and the cache lines they touch.
 *
 * With 4-byte ints and 64-byte lines, int i lies in line i / 16 (a starts on a line
 * boundary). The reads are at 0, s, 2s, ... up to last = ((n - 1) / s) * s.
 *   s >= 16: consecutive reads are at least a line apart, so each read is its own line.
 *   s <  16: consecutive reads are less than a line apart, so the line index never jumps
 *            by more than one: every line from 0 to last / 16 is touched.
 */
#define INTS_PER_LINE 16

long long stride_sum(const int *a, long n, long stride)
{
    long long total = 0;
    for (long i = 0; i < n; i += stride)
        total += a[i];
    return total;
}

long lines_touched(long n, long stride)
{
    if (n <= 0)
        return 0;
    long reads = (n - 1) / stride + 1;
    if (stride >= INTS_PER_LINE)
        return reads;
    long last = (reads - 1) * stride;
    return last / INTS_PER_LINE + 1;
}
