/* Bounded string copies: the semantics of BSD strlcpy and strlcat. */
#include <stddef.h>

size_t bounded_copy(char *dst, const char *src, size_t size)
{
    /* Copy while there is room for the character and the NUL after it; then finish
     * measuring src, because the caller needs its full length to detect truncation.
     * size == 0 means dst has no room even for the NUL: nothing is written. */
    size_t n = 0;
    if (size > 0) {
        while (n < size - 1 && src[n]) {
            dst[n] = src[n];
            n++;
        }
        dst[n] = '\0';
    }
    while (src[n])
        n++;
    return n;
}

size_t bounded_append(char *dst, const char *src, size_t size)
{
    /* Find dst's NUL, looking at no more than size bytes: a dst with no NUL inside its
     * buffer is left alone, and the return value still says how long the result would be. */
    size_t len = 0;
    while (len < size && dst[len])
        len++;
    if (len == size) {
        size_t s = 0;
        while (src[s])
            s++;
        return size + s;
    }
    return len + bounded_copy(dst + len, src, size - len);
}
