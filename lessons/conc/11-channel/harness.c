/* harness.c for conc/11-channel: senders and receivers around the learner's channel.
 *
 * Compiled beside chan.c (or solution.c); every name starts with harness_. Calls that might
 * block for good (a receive on a channel that should report "closed") run in helper threads
 * with a time limit, so a missing wakeup fails a test instead of hanging the check; the
 * stress runs join without a limit, so a hang there ends in kdojo's report of who waits where.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct chan;
struct chan *chan_new(int capacity);
int chan_send(struct chan *c, long long v);
int chan_recv(struct chan *c, long long *out);
void chan_close(struct chan *c);
void chan_free(struct chan *c);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2, H_STUCK = 3 };

static int harness_spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 << 10);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void harness_sleep_ms(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

/* ---------------------------------------------------------------- one call in a helper */

struct harness_call {
    struct chan *c;
    int send;                   /* 1: chan_send(value), 0: chan_recv */
    long long value;
    int started, done;          /* read by the grader's thread: kd_atomic_* */
    int rc;                     /* read once done is set */
};

static void *harness_call_main(void *p) {
    struct harness_call *k = p;
    long long v = -999;
    kd_atomic_store_int(&k->started, 1);
    if (k->send) k->rc = chan_send(k->c, k->value);
    else {
        k->rc = chan_recv(k->c, &v);
        k->value = v;
    }
    kd_atomic_store_int(&k->done, 1);
    return NULL;
}

static int harness_until(struct harness_call *k, int n, int ms) {
    double end = harness_now() + ms * 1e-3;
    for (;;) {
        int done = 0;
        for (int i = 0; i < n; i++) done += kd_atomic_load_int(&k[i].done);
        if (done == n || harness_now() > end) return done;
        struct timespec ts = {0, 200000};
        nanosleep(&ts, NULL);
    }
}

/* chan_recv(c) in a helper thread: out[0] = what it returned, out[1] = the item.
   H_STUCK if it did not return within ms (the helper is left behind). */
int harness_recv(struct chan *c, int ms, long long *out)
{
    struct harness_call *k = calloc(1, sizeof *k);
    pthread_t t;
    if (!k) return H_NO_THREAD;
    k->c = c;
    if (harness_spawn(&t, harness_call_main, k) != 0) return H_NO_THREAD;
    if (harness_until(k, 1, ms) < 1) return H_STUCK;
    pthread_join(t, NULL);
    out[0] = k->rc, out[1] = k->value;
    free(k);
    return H_OK;
}

/* chan_send(c, v) in a helper thread: out[0] = what it returned. H_STUCK after ms. */
int harness_send(struct chan *c, long long v, int ms, long long *out)
{
    struct harness_call *k = calloc(1, sizeof *k);
    pthread_t t;
    if (!k) return H_NO_THREAD;
    k->c = c;
    k->send = 1;
    k->value = v;
    if (harness_spawn(&t, harness_call_main, k) != 0) return H_NO_THREAD;
    if (harness_until(k, 1, ms) < 1) return H_STUCK;
    pthread_join(t, NULL);
    out[0] = k->rc;
    free(k);
    return H_OK;
}

/* n helpers block on a channel of capacity 2: receivers on an empty one (send = 0), or
 * senders on a full one (send = 1). 50 ms later: out[0] = how many had returned. Then
 * chan_close: out[1] = how many returned within 0.5 s, out[2] = how many of them returned
 * 0. Then (when all returned) out[3] = what one more chan_recv returns and out[4] its item
 * (senders: the first buffered item is still received after the close). */
int harness_close_wakes(int send, int n, long long *out)
{
    struct harness_call *k = calloc((size_t)n, sizeof *k);
    pthread_t t[32];
    memset(out, 0, 5 * sizeof *out);
    if (!k || n > 32) return H_NO_THREAD;
    struct chan *c = chan_new(2);
    if (!c) return H_NEW_NULL;
    if (send) {
        chan_send(c, 11);
        chan_send(c, 12);
    }
    for (int i = 0; i < n; i++) {
        k[i].c = c;
        k[i].send = send;
        k[i].value = 100 + i;
        if (harness_spawn(&t[i], harness_call_main, &k[i]) != 0) return H_NO_THREAD;
    }
    for (int i = 0; i < n; i++) while (!kd_atomic_load_int(&k[i].started)) sched_yield();
    harness_sleep_ms(50);
    for (int i = 0; i < n; i++) out[0] += kd_atomic_load_int(&k[i].done);
    chan_close(c);
    out[1] = harness_until(k, n, 500);
    for (int i = 0; i < n; i++) out[2] += kd_atomic_load_int(&k[i].done) && k[i].rc == 0;
    if (out[1] < n) return H_OK;        /* helpers stuck: leave everything */
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
    long long one[2];
    if (harness_recv(c, 500, one) != H_OK) return H_STUCK;
    out[3] = one[0], out[4] = one[1];
    if (!send || one[0]) {
        /* drain the rest so nothing blocks */
        for (int i = 0; i < 4; i++) if (harness_recv(c, 500, one) != H_OK) return H_STUCK;
    }
    chan_free(c);
    free(k);
    return H_OK;
}

/* ---------------------------------------------------------------- many senders and receivers */

struct harness_run {
    struct chan *c;
    long long per;
    pthread_barrier_t start;
};

struct harness_worker {
    struct harness_run *r;
    int index;
    long long n, cap, sent_closed;
    long long *got;
};

static void *harness_sender(void *p) {
    struct harness_worker *w = p;
    long long tag = (long long)(w->index + 1) << 32;
    pthread_barrier_wait(&w->r->start);
    for (long long i = 0; i < w->r->per; i++)
        if (!chan_send(w->r->c, tag | i)) w->sent_closed++;
    return NULL;
}

static void *harness_receiver(void *p) {
    struct harness_worker *w = p;
    long long v;
    pthread_barrier_wait(&w->r->start);
    while (chan_recv(w->r->c, &v)) {
        if (w->n == w->cap) {
            long long *more = realloc(w->got, sizeof *more * (size_t)(w->cap * 2));
            if (!more) break;
            w->got = more;
            w->cap *= 2;
        }
        w->got[w->n++] = v;
    }
    return NULL;
}

/* nsend senders send per items each; when they have all returned, this thread closes the
 * channel; nrecv receivers receive until chan_recv returns 0. out[0]: 0 good; 1 an item
 * nobody sent (out[1] item, out[2] receiver); 2 an item received twice (out[1] sender, out[2]
 * sequence); 3 items lost (out[1] how many, out[2] sender, out[3] sequence of the first);
 * 4 out of order (out[1] sender, out[2] got first, out[3] earlier got after, out[4]
 * receiver); 5 a send returned 0 on an open channel (out[1] how many). */
int harness_stress(int nsend, int nrecv, long long per, int capacity, long long *out)
{
    struct harness_run *r = calloc(1, sizeof *r);
    struct harness_worker *w = calloc((size_t)(nsend + nrecv), sizeof *w);
    pthread_t *tid = calloc((size_t)(nsend + nrecv), sizeof *tid);
    long long total = per * nsend;
    memset(out, 0, 5 * sizeof *out);
    if (!r || !w || !tid) return H_NO_THREAD;
    r->c = chan_new(capacity);
    if (!r->c) return H_NEW_NULL;
    r->per = per;
    pthread_barrier_init(&r->start, NULL, (unsigned)(nsend + nrecv));
    for (int i = 0; i < nsend + nrecv; i++) {
        w[i].r = r;
        w[i].index = i < nsend ? i : i - nsend;
        if (i >= nsend) {
            w[i].cap = 1024;
            w[i].got = malloc(sizeof(long long) * 1024);
            if (!w[i].got) return H_NO_THREAD;
        }
        if (harness_spawn(&tid[i], i < nsend ? harness_sender : harness_receiver, &w[i]) != 0) return H_NO_THREAD;
    }
    for (int i = 0; i < nsend; i++) pthread_join(tid[i], NULL);
    chan_close(r->c);
    for (int i = nsend; i < nsend + nrecv; i++) pthread_join(tid[i], NULL);

    long long refused = 0;
    for (int i = 0; i < nsend; i++) refused += w[i].sent_closed;
    unsigned char *seen = calloc((size_t)total, 1);
    long long *last = malloc(sizeof(long long) * (size_t)nsend);
    if (!seen || !last) return H_NO_THREAD;
    for (int c = 0; c < nrecv && !out[0]; c++) {
        const struct harness_worker *k = &w[nsend + c];
        for (int p = 0; p < nsend; p++) last[p] = -1;
        for (long long i = 0; i < k->n; i++) {
            long long item = k->got[i], p = (item >> 32) - 1, s = item & 0xffffffffLL;
            if (p < 0 || p >= nsend || s >= per) {
                out[0] = 1, out[1] = item, out[2] = c;
                break;
            }
            if (seen[p * per + s]++) {
                out[0] = 2, out[1] = p, out[2] = s;
                break;
            }
            if (s < last[p]) {
                out[0] = 4, out[1] = p, out[2] = last[p], out[3] = s, out[4] = c;
                break;
            }
            last[p] = s;
        }
    }
    if (!out[0] && refused) out[0] = 5, out[1] = refused;
    if (!out[0]) {
        long long lost = 0;
        for (long long i = 0; i < total; i++)
            if (!seen[i] && !lost++) out[2] = i / per, out[3] = i % per;
        if (lost) out[0] = 3, out[1] = lost;
    }
    free(seen);
    free(last);
    for (int c = 0; c < nrecv; c++) free(w[nsend + c].got);
    chan_free(r->c);
    pthread_barrier_destroy(&r->start);
    free(tid);
    free(w);
    free(r);
    return H_OK;
}

/* Creates, uses, closes and frees n channels; bytes left allocated, -1 on NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct chan *c = chan_new(8);
        long long v;
        if (!c) return -1;
        chan_send(c, k);
        chan_recv(c, &v);
        chan_send(c, k);
        chan_close(c);
        chan_free(c);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0;
}
