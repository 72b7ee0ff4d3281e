/* shout: uppercase the ASCII letters of a NUL-terminated string, in place.
 *
 * This version is written for you, and it is wrong twice: once in what it
 * computes, once in how long it takes. Save the file unchanged first and read
 * what the grader says; then fix one thing at a time.
 */
#include <string.h>

void shout(char *s)
{
    /* TODO: the tests and the timing bar say what to change here. */
    for (size_t i = 0; i < strlen(s); i++)
        if (s[i] > 'a' && s[i] <= 'z')
            s[i] -= 'a' - 'A';
}
