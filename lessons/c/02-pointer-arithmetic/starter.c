/* Pointer arithmetic over half-open ranges [begin, end). */

/* The last element of [begin, end) equal to value, or end when there is none. */
int *find_last(int *begin, int *end, int value)
{
    /* TODO */
    return end;
}

/* Reverse the elements of [begin, end) in place. */
void reverse_range(int *begin, int *end)
{
    /* TODO */
}

/* p[0] + p[stride] + p[2 * stride] + ... : n elements, stride may be negative. */
long long sum_strided(const int *p, long n, long stride)
{
    /* TODO */
    return 0;
}
