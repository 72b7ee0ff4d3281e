/* harness.c for mem/13-simd-dot: the scalar baseline of the speed bar, and an accurate dot
 * product (double accumulation) for checking. Compiled with the learner's file by the same
 * compiler and flags. */

float harness_dot_scalar(const float *a, const float *b, long n)
{
    float s = 0;
    for (long i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

double harness_dot_exact(const float *a, const float *b, long n)
{
    double s = 0;
    for (long i = 0; i < n; i++)
        s += (double)a[i] * b[i];
    return s;
}

double harness_dot_abs(const float *a, const float *b, long n)
{
    double s = 0;
    for (long i = 0; i < n; i++) {
        double p = (double)a[i] * b[i];
        s += p < 0 ? -p : p;
    }
    return s;
}
