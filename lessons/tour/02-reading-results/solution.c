/* shout: uppercase the ASCII letters of a NUL-terminated string, in place.
 *
 * One pass that stops at the NUL: each byte is read once. Calling strlen(s)
 * in the loop condition would re-scan the rest of the string on every step.
 * Bytes outside 'a'..'z' (digits, punctuation, UTF-8 bytes >= 0x80) are left alone.
 */
void shout(char *s)
{
    for (char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p -= 'a' - 'A';
}
