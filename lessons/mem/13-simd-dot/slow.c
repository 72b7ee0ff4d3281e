/* The scalar loop: correct, and one float at a time. Without permission to reorder float
 * additions (-ffast-math), the compiler must add the products in exactly this order, so it
 * can neither vectorise the loop nor split the sum: every iteration waits for the previous
 * addition's result, about 4 cycles per element. */
float dot(const float *a, const float *b, long n)
{
    float s = 0;
    for (long i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}
