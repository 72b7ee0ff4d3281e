/* A growable array of elements of any one size. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct vec {
    unsigned char *data; /* cap * elem_size bytes; unsigned char so that offsets are bytes */
    size_t elem_size;
    size_t len, cap;     /* counted in elements */
};
typedef struct vec vec;

vec *vec_new(size_t elem_size)
{
    vec *v = malloc(sizeof *v);
    if (!v)
        return NULL;
    v->data = NULL; /* nothing is allocated until the first push */
    v->elem_size = elem_size;
    v->len = v->cap = 0;
    return v;
}

void vec_free(vec *v)
{
    if (!v)
        return;
    free(v->data);
    free(v);
}

size_t vec_len(const vec *v) { return v->len; }

size_t vec_cap(const vec *v) { return v->cap; }

int vec_push(vec *v, const void *elem)
{
    size_t size = v->elem_size;
    if (v->len < v->cap) {
        memcpy(v->data + v->len * size, elem, size);
        v->len++;
        return 0;
    }
    /* Full: double the capacity, so n pushes copy fewer than 2n elements in all.
     * Check the byte count for overflow before multiplying. */
    size_t cap = v->cap ? v->cap * 2 : 4;
    if (cap < v->cap || cap > SIZE_MAX / size)
        return -1;
    unsigned char *data = malloc(cap * size);
    if (!data)
        return -1; /* nothing has changed yet */
    if (v->len)
        memcpy(data, v->data, v->len * size);
    /* elem may point into the old block, which is still allocated: copy it, then free. */
    memcpy(data + v->len * size, elem, size);
    free(v->data);
    v->data = data;
    v->cap = cap;
    v->len++;
    return 0;
}

void *vec_at(vec *v, size_t i)
{
    return i < v->len ? v->data + i * v->elem_size : NULL;
}
