/* A branchless filter.
 *
 * Every element is stored at out[k]; k then advances by the comparison's value, 0 or 1.
 * A rejected value is simply overwritten by the next one. The loop does the same work for
 * every element, so there is nothing for the branch predictor to get wrong: the comparison
 * becomes a setcc instruction, not a jump.
 *
 * The store is always in bounds: k <= i before the store, and i < n.
 */
long filter_below(const int *in, long n, int limit, int *out)
{
    long k = 0;
    for (long i = 0; i < n; i++) {
        int x = in[i];
        out[k] = x;
        k += (x < limit);
    }
    return k;
}
