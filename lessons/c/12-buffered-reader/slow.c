/* An unbuffered reader: every request is a read() system call. Correct, and slow: a
 * system call costs hundreds of nanoseconds, whether it moves 1 byte or 64 KiB. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct reader {
    int fd;
};

struct reader *reader_open(const char *path)
{
    struct reader *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->fd = open(path, O_RDONLY);
    if (r->fd < 0) {
        free(r);
        return NULL;
    }
    return r;
}

int reader_getc(struct reader *r)
{
    unsigned char c;
    ssize_t got;
    do
        got = read(r->fd, &c, 1);
    while (got < 0 && errno == EINTR);
    return got == 1 ? c : -1;
}

size_t reader_read(struct reader *r, void *dst, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t got = read(r->fd, (char *)dst + done, n - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        done += (size_t)got;
    }
    return done;
}

void reader_close(struct reader *r)
{
    if (!r)
        return;
    close(r->fd);
    free(r);
}
