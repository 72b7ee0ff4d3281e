/* Compensated summation: adding many doubles without letting rounding errors pile up. */
#include <stddef.h>

/* The sum of x[0..n-1], with Kahan's compensation. */
double kahan_sum(const double *x, size_t n)
{
    /* TODO: this plain loop loses the low bits of every term; carry them along. */
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    return sum;
}

/* The sum of x[0..n-1], with Neumaier's compensation (terms may be larger than the sum). */
double neumaier_sum(const double *x, size_t n)
{
    /* TODO */
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    return sum;
}
