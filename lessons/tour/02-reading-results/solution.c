/* shout: uppercase the ASCII letters of a NUL-terminated string, in place. */
void shout(char *s)
{
    /* One pass that stops at the NUL: each byte is read once. Calling strlen(s) in the
     * loop condition would walk the whole string again on every step. Bytes outside
     * 'a'..'z' (digits, punctuation, UTF-8 bytes >= 0x80) are left alone. */
    for (char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p -= 'a' - 'A';
}
