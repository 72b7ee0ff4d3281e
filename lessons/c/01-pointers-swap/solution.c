/* Pointers as a way to change the caller's variables. */
#include <stddef.h>

/* Exchange the ints at a and b. A temporary is needed: after *a = *b the old *a is gone.
 * The XOR trick, *a ^= *b; *b ^= *a; *a ^= *b, needs none but zeroes the value when a == b. */
void swap(int *a, int *b)
{
    int t = *a;
    *a = *b;
    *b = t;
}

/* Exchange size bytes. void * cannot be dereferenced or stepped through, so view both
 * objects as arrays of unsigned char, the one type that may alias any object's bytes.
 * One byte at a time needs no buffer, works for every size and is a no-op when a == b. */
void swap_bytes(void *a, void *b, size_t size)
{
    unsigned char *p = a, *q = b;
    for (size_t i = 0; i < size; i++) {
        unsigned char t = p[i];
        p[i] = q[i];
        q[i] = t;
    }
}

/* Two results, so two out-parameters. Both start from a real element: a fixed start such
 * as 0 is wrong for some inputs, and INT_MAX / INT_MIN starts need care for no gain. */
void minmax(const int *a, int n, int *lo, int *hi)
{
    int mn = a[0], mx = a[0];
    for (int i = 1; i < n; i++) {
        if (a[i] < mn) mn = a[i];
        if (a[i] > mx) mx = a[i];
    }
    *lo = mn;
    *hi = mx;
}
