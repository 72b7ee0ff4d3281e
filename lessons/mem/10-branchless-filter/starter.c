/* Keep the values below a threshold.
 *
 * Copy every in[i] with in[i] < limit to out, in their original order, and return how many
 * were copied. out has room for n ints.
 */
long filter_below(const int *in, long n, int limit, int *out)
{
    /* TODO */
    return 0;
}
