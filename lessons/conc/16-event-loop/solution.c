/* Fetching many URLs at once from one thread: non-blocking sockets and epoll.
 *
 * Every request gets its own socket, all started at once. Each socket moves through three
 * states, and epoll says when each may move on:
 *
 *   connecting --(writable: connect finished)--> sending --(request all sent)--> receiving
 *   receiving --(readable: data)--> append; --(readable: EOF)--> parse, store, close
 *
 * Nothing ever blocks: a send or recv that cannot proceed returns EAGAIN, and we go back to
 * epoll_wait, which sleeps until some socket is ready. So the 50 slow answers are waited for
 * together, not one after the other.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { SENDING, RECEIVING, DONE };

struct request {
    int fd, state;
    char req[96];
    int reqlen, sent;
    char *buf;                  /* the whole response as it arrives */
    int len, cap;
};

/* Stores item i from a complete response: the body if the status is 200, else -1. */
static int store(struct request *r, int i, char *out, int stride, int *lens)
{
    char *row = out + (long)i * stride;
    row[0] = 0;
    lens[i] = -1;
    int status = 0;
    char *body = r->buf ? strstr(r->buf, "\r\n\r\n") : NULL;
    if (!body || sscanf(r->buf, "HTTP/1.%*d %d", &status) != 1 || status != 200)
        return 0;
    body += 4;
    int n = r->len - (int)(body - r->buf);
    if (n > stride - 1)
        n = stride - 1;
    memcpy(row, body, (size_t)n);
    row[n] = 0;
    lens[i] = n;
    return 1;
}

static void finish(struct request *r, int ep)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, r->fd, NULL);
    close(r->fd);
    free(r->buf);
    r->buf = NULL;
    r->state = DONE;
}

int fetch_all(int port, int n, char *out, int stride, int *lens)
{
    if (n <= 0)
        return 0;
    struct request *rq = calloc((size_t)n, sizeof *rq);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (!rq || ep < 0) {
        free(rq);
        return 0;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    int left = n, ok = 0;
    for (int i = 0; i < n; i++) {
        struct request *r = &rq[i];
        lens[i] = -1;
        out[(long)i * stride] = 0;
        r->reqlen = snprintf(r->req, sizeof r->req,
                             "GET /item/%d HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", i);
        r->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (r->fd < 0 || (connect(r->fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS)) {
            if (r->fd >= 0)
                close(r->fd);
            r->state = DONE;
            left--;
            continue;
        }
        /* Writable means connected (or failed: SO_ERROR says which). */
        struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (unsigned)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, r->fd, &ev);
        r->state = SENDING;
    }

    struct epoll_event evs[64];
    while (left > 0) {
        int k = epoll_wait(ep, evs, 64, 5000);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;                          /* nothing for 5 s: give up on the rest */
        for (int e = 0; e < k; e++) {
            int i = (int)evs[e].data.u32;
            struct request *r = &rq[i];
            if (r->state == SENDING) {
                int err = 0;
                socklen_t el = sizeof err;
                getsockopt(r->fd, SOL_SOCKET, SO_ERROR, &err, &el);
                ssize_t w = err ? -1 : send(r->fd, r->req + r->sent, (size_t)(r->reqlen - r->sent), MSG_NOSIGNAL);
                if (w < 0 && (err || (errno != EAGAIN && errno != EINTR))) {
                    finish(r, ep);
                    left--;
                    continue;
                }
                if (w > 0)
                    r->sent += (int)w;
                if (r->sent == r->reqlen) {  /* all sent: now wait for the answer */
                    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (unsigned)i};
                    epoll_ctl(ep, EPOLL_CTL_MOD, r->fd, &ev);
                    r->state = RECEIVING;
                }
            } else if (r->state == RECEIVING) {
                for (;;) {                   /* read everything there is now */
                    if (r->cap - r->len < 4096) {
                        int cap = r->cap ? r->cap * 2 : 16384;
                        char *b = realloc(r->buf, (size_t)cap + 1);
                        if (!b)
                            break;
                        r->buf = b;
                        r->cap = cap;
                    }
                    ssize_t got = recv(r->fd, r->buf + r->len, (size_t)(r->cap - r->len), 0);
                    if (got > 0) {
                        r->len += (int)got;
                        r->buf[r->len] = 0;
                        continue;
                    }
                    if (got < 0 && (errno == EAGAIN || errno == EINTR))
                        break;               /* no more for now: back to epoll_wait */
                    /* EOF (the server closes after the response) or an error: done. */
                    ok += got == 0 && store(r, i, out, stride, lens);
                    finish(r, ep);
                    left--;
                    break;
                }
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (rq[i].state != DONE)
            finish(&rq[i], ep);
    close(ep);
    free(rq);
    return ok;
}
