/* shout, correct but slow: the loop condition calls strlen(s), which walks the
 * whole string again on every iteration, so a line of L characters costs about
 * L * L / 2 byte reads instead of L. */
#include <string.h>

void shout(char *s)
{
    for (size_t i = 0; i < strlen(s); i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            s[i] -= 'a' - 'A';
}
