/* Pointer arithmetic over half-open ranges [begin, end). */

int *find_last(int *begin, int *end, int value)
{
    /* Walk backward from the end. Decrement before reading: end is one past the last
     * element, a valid pointer to compare with but not to dereference. The loop never
     * forms begin - 1, which C does not allow. */
    for (int *p = end; p != begin;) {
        --p;
        if (*p == value)
            return p;
    }
    return end;
}

void reverse_range(int *begin, int *end)
{
    /* begin walks right, end walks left; end is decremented before use, so it always
     * points at the last unswapped element. An empty or one-element range does nothing. */
    while (begin < end && begin < --end) {
        int t = *begin;
        *begin++ = *end;
        *end = t;
    }
}

long long sum_strided(const int *p, long n, long stride)
{
    /* p + k * stride is element k * stride: pointer arithmetic scales by sizeof(int)
     * itself. The index is only formed for k < n, so nothing outside the data is touched. */
    long long total = 0;
    for (long k = 0; k < n; k++)
        total += p[k * stride];
    return total;
}
