/* harness.c for conc/16-event-loop: a small, slow HTTP server on 127.0.0.1, and the checks of
 * what the learner's fetch_all brought back.
 *
 * Compiled beside fetch.c (or solution.c); every name starts with harness_. The server is one
 * thread with a poll loop, listening on an ephemeral port of the sandbox's own loopback
 * (the grading process has a network namespace of its own: nothing leaves the machine).
 * GET /item/<i> is answered `delay_ms` after the request arrived, optionally in small pieces
 * with pauses between them, with a body that depends on i; a few items can be made to answer
 * 404. It records how many requests were waiting at once and how many threads the process
 * had while serving.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---------------------------------------------------------------- the bodies */

static int harness_body_len(int i) { return 40 + (int)(((long long)i * 7919) % 12000); }

/* The body of item i: "item <i>\n" and then letters that depend on i and the offset. */
static void harness_body(int i, char *out, int len) {
    int k = snprintf(out, (size_t)len + 1, "item %d\n", i);
    for (; k < len; k++) out[k] = (char)('a' + (i * 7 + k * 13) % 26);
    out[len] = 0;
}

/* ---------------------------------------------------------------- the server */

#define H_MAX_CONN 128

struct harness_conn {
    int fd, state;              /* 0 free, 1 reading the request, 2 waiting, 3 writing */
    char req[2048];
    int reqlen;
    char *resp;
    int resplen, sent;
    double due;                 /* when to start writing, or to write the next piece */
};

struct harness_server {
    int lfd, port, delay_ms, piece, gap_ms;
    unsigned long long missing; /* bit i: item i answers 404 */
    int stop;                   /* set by the grader's thread: __atomic builtins (this lesson uses cc) */
    int waiting, most_waiting, requests, bad_requests, most_threads;   /* the server thread's; read after the join */
    struct harness_conn conn[H_MAX_CONN];
    pthread_t tid;
};

static struct harness_server *harness_srv;

static int harness_threads_now(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    int n = -1;
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "Threads:", 8)) n = atoi(line + 8);
    fclose(f);
    return n;
}

static void harness_respond(struct harness_server *s, struct harness_conn *c) {
    int item = -1;
    char path[64] = "";
    if (sscanf(c->req, "GET %63s HTTP/1.", path) != 1 || sscanf(path, "/item/%d", &item) != 1 || item < 0) {
        s->bad_requests++;
        item = -1;
    }
    s->requests++;
    int missing = item < 0 || (item < 64 && (s->missing >> item & 1));
    int blen = missing ? 10 : harness_body_len(item);
    c->resp = malloc((size_t)blen + 200);
    if (!c->resp) {
        close(c->fd);
        c->state = 0;
        return;
    }
    int h;
    if (missing)
        h = sprintf(c->resp, "HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nConnection: close\r\n\r\nnot found\n");
    else {
        h = sprintf(c->resp, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
                    blen);
        harness_body(item, c->resp + h, blen);
        h += blen;
    }
    c->resplen = h;
    c->sent = 0;
    c->state = 2;
    c->due = harness_now() + s->delay_ms * 1e-3;
    s->waiting++;
    if (s->waiting > s->most_waiting) s->most_waiting = s->waiting;
    int th = harness_threads_now();
    if (th > s->most_threads) s->most_threads = th;
}

static void harness_finish(struct harness_conn *c) {
    close(c->fd);
    free(c->resp);
    c->resp = NULL;
    c->state = 0;
}

static void *harness_server_main(void *p) {
    struct harness_server *s = p;
    struct pollfd pfd[H_MAX_CONN + 1];
    int idx[H_MAX_CONN + 1];
    while (!__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
        double now = harness_now(), next = now + 0.02;
        int n = 0;
        pfd[n].fd = s->lfd, pfd[n].events = POLLIN, idx[n++] = -1;
        for (int i = 0; i < H_MAX_CONN; i++) {
            struct harness_conn *c = &s->conn[i];
            if (c->state == 1) pfd[n].fd = c->fd, pfd[n].events = POLLIN, idx[n++] = i;
            else if (c->state >= 2 && c->due < next) next = c->due;
        }
        int ms = (int)((next - now) * 1e3);
        poll(pfd, (nfds_t)n, ms < 0 ? 0 : ms);
        if (pfd[0].revents & POLLIN)
            for (;;) {
                int fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0) break;
                int slot = -1;
                for (int i = 0; i < H_MAX_CONN && slot < 0; i++)
                    if (!s->conn[i].state) slot = i;
                if (slot < 0) {
                    close(fd);
                    continue;
                }
                memset(&s->conn[slot], 0, sizeof s->conn[slot]);
                s->conn[slot].fd = fd;
                s->conn[slot].state = 1;
            }
        for (int k = 1; k < n; k++) {
            struct harness_conn *c = &s->conn[idx[k]];
            if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t r = recv(c->fd, c->req + c->reqlen, sizeof c->req - 1 - (size_t)c->reqlen, 0);
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                harness_finish(c);     /* closed before a whole request arrived */
                continue;
            }
            c->reqlen += (int)r;
            c->req[c->reqlen] = 0;
            if (strstr(c->req, "\r\n\r\n")) harness_respond(s, c);
            else if (c->reqlen >= (int)sizeof c->req - 1) {
                s->bad_requests++;
                harness_finish(c);
            }
        }
        now = harness_now();
        for (int i = 0; i < H_MAX_CONN; i++) {
            struct harness_conn *c = &s->conn[i];
            if (c->state < 2 || c->due > now) continue;
            if (c->state == 2) {
                c->state = 3;
                s->waiting--;
            }
            int want = c->resplen - c->sent;
            if (s->piece > 0 && want > s->piece) want = s->piece;
            ssize_t w = send(c->fd, c->resp + c->sent, (size_t)want, MSG_NOSIGNAL);
            if (w < 0) {
                if (errno == EAGAIN || errno == EINTR) continue;
                harness_finish(c);
                continue;
            }
            c->sent += (int)w;
            if (c->sent == c->resplen) harness_finish(c);
            else if (s->piece > 0) c->due = now + s->gap_ms * 1e-3;
        }
    }
    for (int i = 0; i < H_MAX_CONN; i++)
        if (s->conn[i].state) harness_finish(&s->conn[i]);
    return NULL;
}

/* Starts the server: answers after delay_ms; piece > 0 sends responses piece bytes at a time,
 * gap_ms apart; missing: bit i makes item i answer 404. Returns the port, or -errno. */
int harness_server_start(int delay_ms, int piece, int gap_ms, long long missing)
{
    struct harness_server *s = calloc(1, sizeof *s);
    if (!s) return -ENOMEM;
    s->delay_ms = delay_ms, s->piece = piece, s->gap_ms = gap_ms;
    s->missing = (unsigned long long)missing;
    s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s->lfd < 0) return -errno;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (bind(s->lfd, (struct sockaddr *)&a, sizeof a) < 0 || listen(s->lfd, 256) < 0 ||
        getsockname(s->lfd, (struct sockaddr *)&a, &len) < 0) {
        int e = errno;
        close(s->lfd);
        return -e;
    }
    s->port = ntohs(a.sin_port);
    if (pthread_create(&s->tid, NULL, harness_server_main, s) != 0) return -EAGAIN;
    harness_srv = s;
    return s->port;
}

/* Stops the server. out[0] = requests answered, out[1] = most requests waiting at once,
 * out[2] = malformed requests, out[3] = most threads in the process while requests came in. */
void harness_server_stop(long long *out)
{
    struct harness_server *s = harness_srv;
    __atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
    pthread_join(s->tid, NULL);
    close(s->lfd);
    out[0] = s->requests, out[1] = s->most_waiting, out[2] = s->bad_requests, out[3] = s->most_threads;
    free(s);
    harness_srv = NULL;
}

int harness_threads(void) { return harness_threads_now(); }

/* Checks what fetch_all wrote: item i at out + i * stride, NUL-terminated, lens[i] its length
 * (or -1 for a missing item, whose row must then be empty). Returns the first wrong item, or
 * -1; detail[0] = what was wrong (1 length, 2 content, 3 not NUL-terminated), detail[1] =
 * expected length, detail[2] = first differing byte offset. */
int harness_check(int n, const char *out, int stride, const int *lens, long long missing, long long *detail)
{
    char *want = malloc((size_t)stride);
    if (!want) return -2;
    for (int i = 0; i < n; i++) {
        int miss = i < 64 && ((unsigned long long)missing >> i & 1);
        int wl = miss ? -1 : harness_body_len(i);
        detail[1] = wl;
        if (lens[i] != wl) {
            detail[0] = 1;
            free(want);
            return i;
        }
        if (miss) continue;
        harness_body(i, want, wl);
        const char *got = out + (long)i * stride;
        for (int k = 0; k < wl; k++)
            if (got[k] != want[k]) {
                detail[0] = 2, detail[2] = k;
                free(want);
                return i;
            }
        if (got[wl] != 0) {
            detail[0] = 3;
            free(want);
            return i;
        }
    }
    free(want);
    return -1;
}
