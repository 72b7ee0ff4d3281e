/* A buffered reader: one read() system call per 64 KiB instead of one per request. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE (64 * 1024)

struct reader {
    int fd;
    size_t pos, len;  /* buf[pos .. len-1] is read from the file but not yet handed out */
    unsigned char buf[BUF_SIZE];
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
    r->pos = r->len = 0;
    return r;
}

/* Refills the empty buffer; returns the number of bytes now in it (0 at end of file). */
static size_t refill(struct reader *r)
{
    ssize_t got;
    do
        got = read(r->fd, r->buf, BUF_SIZE);
    while (got < 0 && errno == EINTR);
    r->pos = 0;
    r->len = got > 0 ? (size_t)got : 0;
    return r->len;
}

int reader_getc(struct reader *r)
{
    if (r->pos == r->len && refill(r) == 0)
        return -1;
    return r->buf[r->pos++]; /* unsigned char: byte 0xFF is 255, not -1 */
}

size_t reader_read(struct reader *r, void *dst, size_t n)
{
    unsigned char *out = dst;
    size_t done = 0;
    while (done < n) {
        if (r->pos == r->len) {
            /* A large request with an empty buffer: read straight into dst, no copy. */
            if (n - done >= BUF_SIZE) {
                ssize_t got = read(r->fd, out + done, n - done);
                if (got <= 0)
                    break;
                done += (size_t)got;
                continue;
            }
            if (refill(r) == 0)
                break; /* end of file: fewer than n bytes */
        }
        size_t k = r->len - r->pos;
        if (k > n - done)
            k = n - done;
        memcpy(out + done, r->buf + r->pos, k);
        r->pos += k;
        done += k;
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
