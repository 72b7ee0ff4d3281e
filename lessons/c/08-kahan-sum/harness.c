/* harness.c for c/08-kahan-sum: the exact sum the tests compare against. */
#include <stddef.h>

static double harness_abs(double v) { return v < 0 ? -v : v; }

/* The sum of x[0..n-1] rounded once, correctly, to the nearest double (Shewchuk's
 * algorithm, as in Python's math.fsum): partials holds the running sum exactly, as
 * doubles whose bits do not overlap. Inputs must be finite and the sum must not overflow. */
double harness_exact_sum(const double *x, size_t n)
{
    double p[160];
    int np = 0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        int k = 0;
        for (int j = 0; j < np; j++) {
            double y = p[j];
            if (harness_abs(v) < harness_abs(y)) { double t = v; v = y; y = t; }
            double hi = v + y, lo = y - (hi - v);
            if (lo != 0.0) p[k++] = lo;
            v = hi;
        }
        p[k++] = v;
        np = k;
    }
    if (np == 0) return 0.0;
    /* Add the partials from the largest down until the sum is inexact, then correct a
     * tie in the final rounding by looking at the next partial. */
    double hi = p[--np], lo = 0.0;
    while (np > 0) {
        double v = hi, y = p[--np];
        hi = v + y;
        lo = y - (hi - v);
        if (lo != 0.0) break;
    }
    if (np > 0 && ((lo < 0 && p[np - 1] < 0) || (lo > 0 && p[np - 1] > 0))) {
        double y = lo * 2, v = hi + y;
        if (y == v - hi) hi = v;
    }
    return hi;
}

/* The sum of |x[i]|, in the same exact way (the scale of the allowed error). */
double harness_abs_sum(const double *x, size_t n, double *scratch)
{
    for (size_t i = 0; i < n; i++) scratch[i] = harness_abs(x[i]);
    return harness_exact_sum(scratch, n);
}
