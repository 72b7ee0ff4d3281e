/* Test helper for c/02: where a returned pointer points, as an element index. */
long harness_index(const int *base, const int *p)
{
    return (long)(p - base);
}
