/* harness.c for mem/02-cache-lines: the grader's own strided sum and a brute-force line
 * count (for checking lines_touched on sizes too large to count from Lua). */

long long harness_stride_sum(const int *a, long n, long stride)
{
    long long total = 0;
    for (long i = 0; i < n; i += stride)
        total += a[i];
    return total;
}

/* Counts distinct 64-byte lines by walking the reads; lines only grow, so a new line is
 * one that differs from the previous read's. */
long harness_lines(long n, long stride)
{
    long count = 0, prev = -1;
    for (long i = 0; i < n; i += stride) {
        long line = i / 16;
        if (line != prev)
            count++;
        prev = line;
    }
    return count;
}
