/* A growable array of elements of any one size. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct vec {
    int todo; /* TODO: the fields you need */
};
typedef struct vec vec;

/* A new, empty vector of elements of elem_size bytes (elem_size >= 1); NULL if out of memory. */
vec *vec_new(size_t elem_size)
{
    /* TODO */
    return NULL;
}

/* Frees the vector and everything it owns. vec_free(NULL) does nothing. */
void vec_free(vec *v)
{
    /* TODO */
}

/* The number of elements. */
size_t vec_len(const vec *v)
{
    /* TODO */
    return 0;
}

/* How many elements fit before the storage must grow (>= vec_len). */
size_t vec_cap(const vec *v)
{
    /* TODO */
    return 0;
}

/* Appends a copy of the elem_size bytes at elem. 0 on success; -1 if memory ran out,
 * in which case the vector is unchanged. elem may point into the vector itself. */
int vec_push(vec *v, const void *elem)
{
    /* TODO */
    return -1;
}

/* A pointer to element i, or NULL when i >= vec_len(v). */
void *vec_at(vec *v, size_t i)
{
    /* TODO */
    return NULL;
}
