/* Bounded string copies: the semantics of BSD strlcpy and strlcat.
 * Write them without calling strlcpy, strlcat, strncpy, strncat or snprintf. */
#include <stddef.h>
#include <string.h>

/* Copy src into the size-byte buffer dst: at most size - 1 characters, then a NUL
 * (when size > 0). Returns strlen(src); the result was truncated if that is >= size. */
size_t bounded_copy(char *dst, const char *src, size_t size)
{
    /* TODO */
    return 0;
}

/* Append src to the string in the size-byte buffer dst, keeping it NUL-terminated.
 * Returns strnlen(dst, size) + strlen(src), measured before the call. */
size_t bounded_append(char *dst, const char *src, size_t size)
{
    /* TODO */
    return 0;
}
