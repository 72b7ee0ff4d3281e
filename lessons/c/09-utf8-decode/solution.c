/* UTF-8: decoding, and refusing everything that is not UTF-8. */
#include <stddef.h>
#include <stdint.h>

/*   bytes  first byte   then         code points          bits
 *   1      0xxxxxxx                  U+0000  .. U+007F     7
 *   2      110xxxxx     10xxxxxx     U+0080  .. U+07FF    11
 *   3      1110xxxx     10xxxxxx x2  U+0800  .. U+FFFF    16  (not U+D800 .. U+DFFF)
 *   4      11110xxx     10xxxxxx x3  U+10000 .. U+10FFFF  21
 */
int utf8_decode_one(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    int len;
    uint32_t c, min;
    if ((b & 0xE0) == 0xC0)      len = 2, c = b & 0x1F, min = 0x80;
    else if ((b & 0xF0) == 0xE0) len = 3, c = b & 0x0F, min = 0x800;
    else if ((b & 0xF8) == 0xF0) len = 4, c = b & 0x07, min = 0x10000;
    else
        return 0; /* a continuation byte (10xxxxxx) where a sequence should start, or F8..FF */
    if (n < (size_t)len)
        return 0; /* truncated: the bytes after the end are not ours to read */
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    /* The shortest form only (C0 80 is not a second way to write U+0000), nothing past
     * U+10FFFF, and no UTF-16 surrogate halves. */
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

long utf8_decode(const unsigned char *s, size_t n, uint32_t *out, size_t *err)
{
    size_t i = 0;
    long count = 0;
    while (i < n) {
        int len = utf8_decode_one(s + i, n - i, &out[count]);
        if (len == 0) {
            *err = i; /* the start of the sequence that failed, not the byte inside it */
            return -1;
        }
        i += (size_t)len;
        count++;
    }
    return count;
}
