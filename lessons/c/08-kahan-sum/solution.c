/* Compensated summation: adding many doubles without letting rounding errors pile up. */
#include <stddef.h>

/* Kahan: c carries the part of the last addition that rounding threw away, with the
 * opposite sign, and the next addition puts it back. */
double kahan_sum(const double *x, size_t n)
{
    double sum = 0.0, c = 0.0;
    for (size_t i = 0; i < n; i++) {
        double y = x[i] - c;   /* the term, corrected by what was lost last time */
        double t = sum + y;    /* big + small: the low bits of y are lost here */
        c = (t - sum) - y;     /* (t - sum) is the part of y that got in; minus y leaves
                                  minus the part that did not. Exact when |sum| >= |y|. */
        sum = t;
    }
    return sum;
}

/* Neumaier (Kahan-Babuska): the same idea, but the error of each addition is computed
 * from whichever operand is larger, so a term bigger than the running sum no longer
 * loses the sum's low bits. The corrections are added up separately and applied once. */
double neumaier_sum(const double *x, size_t n)
{
    double sum = 0.0, c = 0.0;
    for (size_t i = 0; i < n; i++) {
        double t = sum + x[i];
        if ((sum < 0 ? -sum : sum) >= (x[i] < 0 ? -x[i] : x[i]))
            c += (sum - t) + x[i]; /* x[i] was the small one: recover its lost bits */
        else
            c += (x[i] - t) + sum; /* sum was the small one */
        sum = t;
    }
    return sum + c;
}
