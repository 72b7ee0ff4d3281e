/* Welcome to kdojo. Make sum() return the sum of the n ints at a.
 * Save the file: the tutor grades it at once (or run: kdojo check welcome). */

long long sum(const int *a, int n)
{
    /* TODO: add up a[0] .. a[n-1] */
    return 0;
}
