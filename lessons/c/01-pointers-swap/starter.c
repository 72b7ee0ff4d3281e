/* Pointers as a way to change the caller's variables. */
#include <stddef.h>

/* Exchange the ints at a and b: after swap(&x, &y), x holds y's old value and y x's. */
void swap(int *a, int *b)
{
    /* TODO */
}

/* Exchange the size bytes at a with the size bytes at b (any type, any size). */
void swap_bytes(void *a, void *b, size_t size)
{
    /* TODO */
}

/* Store the smallest of a[0..n-1] in *lo and the largest in *hi. n >= 1. */
void minmax(const int *a, int n, int *lo, int *hi)
{
    /* TODO */
}
