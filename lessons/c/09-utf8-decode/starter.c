/* UTF-8: decoding, and refusing everything that is not UTF-8. */
#include <stddef.h>
#include <stdint.h>

/* Decodes the one sequence at the start of s[0..n-1]. On success stores the code point in
 * *cp and returns the sequence's length (1 to 4); if the bytes there are not a valid,
 * complete sequence, returns 0. Never reads s[n] or beyond. */
int utf8_decode_one(const unsigned char *s, size_t n, uint32_t *cp)
{
    /* TODO */
    return 0;
}

/* Decodes all of s[0..n-1] into out (room for n code points). Returns how many code
 * points were stored; or, if s is not valid UTF-8, stores the byte offset where the
 * first invalid sequence starts in *err and returns -1. */
long utf8_decode(const unsigned char *s, size_t n, uint32_t *out, size_t *err)
{
    /* TODO */
    return 0;
}
