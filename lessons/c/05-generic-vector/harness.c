/* Test helpers for c/05: loops that would be slow from the grader, run in C. */
#include <stddef.h>
#include <string.h>

typedef struct vec vec;
vec *vec_new(size_t elem_size);
void vec_free(vec *v);
size_t vec_len(const vec *v);
size_t vec_cap(const vec *v);
int vec_push(vec *v, const void *elem);
void *vec_at(vec *v, size_t i);

void harness_read(void *dst, const void *src, size_t n) { memcpy(dst, src, n); }

/* Pushes the ints from, from + 1, ... (count of them). Returns how many times the
 * capacity changed; -1 if a push failed, -2 if the capacity fell below the length. */
long harness_push_ints(vec *v, int from, int count)
{
    long changes = 0;
    size_t cap = vec_cap(v);
    for (int i = 0; i < count; i++) {
        int x = from + i;
        if (vec_push(v, &x) != 0) return -1;
        size_t c = vec_cap(v);
        if (c < vec_len(v)) return -2;
        if (c != cap) changes++, cap = c;
    }
    return changes;
}

/* The first index i whose element is not the int from + i, or -1 when all are right. */
long harness_check_ints(vec *v, int from)
{
    size_t n = vec_len(v);
    for (size_t i = 0; i < n; i++) {
        const int *p = vec_at(v, i);
        if (!p || *p != from + (int)i) return (long)i;
    }
    return -1;
}

/* Builds and frees `rounds` vectors of `n` elements of 4 KiB each. Returns the round in
 * which a push failed, or -1 when every push succeeded. */
int harness_churn(int rounds, int n)
{
    static unsigned char page[4096];
    for (int r = 0; r < rounds; r++) {
        vec *v = vec_new(sizeof page);
        if (!v) return r;
        for (int i = 0; i < n; i++) {
            page[0] = (unsigned char)i;
            if (vec_push(v, page) != 0) {
                vec_free(v);
                return r;
            }
        }
        vec_free(v);
    }
    return -1;
}

/* Fills a vector of 16-byte elements until it is full, then pushes its own element 0,
 * `rounds` times. Returns the round in which the pushed copy differed from element 0
 * or vec_at returned NULL (-1: none did; -2 - round: a push failed). */
int harness_push_own_first(int rounds)
{
    vec *v = vec_new(16);
    if (!v) return -2;
    unsigned char e[16];
    for (int k = 0; k < 16; k++) e[k] = (unsigned char)(0xA0 + k);
    if (vec_push(v, e) != 0) return -2;
    for (int r = 0; r < rounds; r++) {
        while (vec_len(v) < vec_cap(v)) {
            e[0]++;
            if (vec_push(v, e) != 0) { vec_free(v); return -2 - r; }
        }
        const void *own = vec_at(v, 0);
        if (!own) { vec_free(v); return r; }
        if (vec_push(v, own) != 0) { vec_free(v); return -2 - r; }
        unsigned char first[16] = {0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
                                   0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF};
        const unsigned char *last = vec_at(v, vec_len(v) - 1);
        if (!last || memcmp(last, first, 16) != 0) { vec_free(v); return r; }
    }
    vec_free(v);
    return -1;
}
