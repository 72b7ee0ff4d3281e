/* Function pointers: comparators for qsort, and a table of operations. */
#include <stddef.h>
#include <string.h>

int cmp_int(const void *a, const void *b)
{
    /* qsort passes the addresses of two elements. x - y would overflow for
     * INT_MIN - 1 and return a positive number; two comparisons cannot overflow. */
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int cmp_word(const void *a, const void *b)
{
    /* The elements are char pointers, so a and b point at pointers. Casting a straight
     * to const char * would read the pointer's own bytes as if they were characters. */
    const char *x = *(const char *const *)a;
    const char *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return strcmp(x, y);
}

typedef long long (*op_fn)(long long, long long);

static long long op_add(long long a, long long b) { return a + b; }
static long long op_sub(long long a, long long b) { return a - b; }
static long long op_mul(long long a, long long b) { return a * b; }
static long long op_min(long long a, long long b) { return a < b ? a : b; }
static long long op_max(long long a, long long b) { return a > b ? a : b; }

/* The table is data: adding an operation is one line, and lookup code never changes. */
static const struct {
    const char *name;
    op_fn fn;
} ops[] = {
    {"add", op_add}, {"sub", op_sub}, {"mul", op_mul}, {"min", op_min}, {"max", op_max},
};

op_fn find_op(const char *name)
{
    /* Exact matches only: strcmp, not strncmp, so "ad" and "addx" are unknown. */
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(name, ops[i].name) == 0)
            return ops[i].fn;
    return NULL;
}
