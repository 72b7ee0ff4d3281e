/* Function pointers: comparators for qsort, and a table of operations. */
#include <stddef.h>
#include <string.h>

/* qsort comparator for an array of int, ascending: negative, zero or positive as
 * the first int is less than, equal to or greater than the second. */
int cmp_int(const void *a, const void *b)
{
    /* TODO */
    return 0;
}

/* qsort comparator for an array of const char * (pointers to strings):
 * shorter strings first; strings of equal length in strcmp order. */
int cmp_word(const void *a, const void *b)
{
    /* TODO */
    return 0;
}

/* An operation on two long longs. */
typedef long long (*op_fn)(long long, long long);

/* The operation called name: "add", "sub", "mul", "min" or "max"; NULL for any other
 * name. "sub" computes a - b. */
op_fn find_op(const char *name)
{
    /* TODO: write the five operations and a table that maps names to them */
    return NULL;
}
