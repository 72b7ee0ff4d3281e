/* A buffered reader over a file descriptor. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct reader {
    int fd;
    /* TODO: a buffer, and where you are in it */
};

/* Opens path for reading; NULL if it cannot be opened or memory runs out. */
struct reader *reader_open(const char *path)
{
    /* TODO */
    return NULL;
}

/* The next byte of the file (0 .. 255), or -1 at the end of the file. */
int reader_getc(struct reader *r)
{
    /* TODO */
    return -1;
}

/* Copies the next n bytes of the file to dst and returns n; fewer only at the end of the
 * file (0 once it is reached). */
size_t reader_read(struct reader *r, void *dst, size_t n)
{
    /* TODO */
    return 0;
}

/* Closes the file and frees the reader. reader_close(NULL) does nothing. */
void reader_close(struct reader *r)
{
    /* TODO */
}
