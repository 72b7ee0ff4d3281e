/* The scalar loop: exact, and one pair of bytes per iteration (two sign-extending loads,
 * a multiply and an add), where a vector register could take 16 or 32. */
#include <stdint.h>

int32_t dot_i8(const int8_t *a, const int8_t *b, long n)
{
    int32_t s = 0;
    for (long i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}
