/* Struct layout as the C compiler does it on x86-64 (the System V ABI). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Size (and alignment: on x86-64 they are equal for these types) of one type letter;
 * 0 for an unknown letter. */
static size_t type_size(char c)
{
    switch (c) {
    case 'c': return 1;
    case 'h': return 2;
    case 'i': case 'f': return 4;
    case 'l': case 'd': case 'p': return 8;
    default: return 0;
    }
}

/* Parses one member at *s: its letter's size and its element count (1 without digits).
 * Advances *s. 0 if invalid: an unknown letter, a count of 0, or a count whose bytes do
 * not fit in a size_t. */
static size_t member(const char **s, size_t *count)
{
    size_t sz = type_size(**s);
    if (!sz)
        return 0;
    (*s)++;
    size_t n = 1;
    if (**s >= '0' && **s <= '9') {
        n = 0;
        for (; **s >= '0' && **s <= '9'; (*s)++) {
            size_t digit = (size_t)(**s - '0');
            if (n > (SIZE_MAX - digit) / 10)
                return 0; /* the count itself overflows */
            n = n * 10 + digit;
        }
        if (n == 0 || n > SIZE_MAX / sz)
            return 0;
    }
    *count = n;
    return sz;
}

static size_t align_up(size_t x, size_t a) { return (x + a - 1) & ~(a - 1); }

size_t layout(const char *types, size_t *offsets, size_t *align)
{
    size_t off = 0, max_align = 1, k = 0;
    const char *s = types;
    if (!*s)
        return 0;
    while (*s) {
        size_t count, a = member(&s, &count);
        if (!a)
            return 0;
        off = align_up(off, a);              /* padding before the member */
        if (count > (SIZE_MAX - 8 - off) / a)
            return 0;                        /* the struct would not fit in a size_t */
        offsets[k++] = off;
        off += a * count;
        if (a > max_align)
            max_align = a;
    }
    *align = max_align;
    return align_up(off, max_align);         /* padding at the end, for arrays of it */
}

size_t layout_packed_order(const char *types, char *out)
{
    /* Members sorted by alignment, largest first, keeping the given order among equals.
     * Every size here is a multiple of its alignment, so no padding is needed between
     * members: only the end is rounded up, and no order can do better. */
    if (!*types)
        return 0;
    char *o = out;
    size_t total = 0, max_align = 0;
    for (size_t a = 8; a >= 1; a /= 2) {
        const char *s = types;
        while (*s) {
            const char *start = s;
            size_t count;
            if (!member(&s, &count))
                return 0;
            if (type_size(*start) != a)
                continue;
            if (count > (SIZE_MAX - 8 - total) / a)
                return 0;
            total += a * count;
            if (!max_align)
                max_align = a;
            memcpy(o, start, (size_t)(s - start));
            o += s - start;
        }
    }
    *o = '\0';
    return align_up(total, max_align);
}
