/* harness.c for conc/10-mpmc-queue: producers and consumers around the learner's queue.
 *
 * Compiled beside mpmc.c (or solution.c); every name starts with harness_. A push into a full
 * queue or a pop from an empty one returns 0: the threads here retry, yielding the CPU now and
 * then. If nothing moves for a second, they give up and say how far they got.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mpmc;
struct mpmc *mpmc_new(int capacity);
int mpmc_push(struct mpmc *q, long long v);
int mpmc_pop(struct mpmc *q, long long *out);
void mpmc_free(struct mpmc *q);

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

struct harness_run {
    struct mpmc *q;
    int nprod, ncons;
    long long per;
    pthread_barrier_t start;
    volatile long long progress;      /* items moved, both ways */
    volatile int gave_up;
};

struct harness_worker {
    struct harness_run *r;
    int index;
    long long n, got_n;
    long long *got;
};

/* Retries a failed call: at once a few dozen times, then yielding; gives up (returns 0) when
   nobody has moved an item for a second. */
static int harness_retry(struct harness_run *r, unsigned *tries, long long *seen, double *since) {
    if (r->gave_up) return 0;
    if ((++*tries & 31) == 0) sched_yield();
    if ((*tries & 1023) == 0) {
        long long p = kd_atomic_load_long(&r->progress);
        double now = harness_now();
        if (p != *seen) *seen = p, *since = now;
        else if (now - *since > 1.0) {
            r->gave_up = 1;
            return 0;
        }
    }
    return 1;
}

static void *harness_producer(void *p) {
    struct harness_worker *w = p;
    struct harness_run *r = w->r;
    long long tag = (long long)(w->index + 1) << 32, seen = -1;
    double since = harness_now();
    pthread_barrier_wait(&r->start);
    for (long long i = 0; i < r->per; i++) {
        unsigned tries = 0;
        while (!mpmc_push(r->q, tag | i))
            if (!harness_retry(r, &tries, &seen, &since)) return NULL;
        kd_atomic_fetch_add_long(&r->progress, 1);
    }
    return NULL;
}

static void *harness_consumer(void *p) {
    struct harness_worker *w = p;
    struct harness_run *r = w->r;
    long long seen = -1;
    double since = harness_now();
    pthread_barrier_wait(&r->start);
    for (long long i = 0; i < w->n; i++) {
        unsigned tries = 0;
        long long v;
        while (!mpmc_pop(r->q, &v))
            if (!harness_retry(r, &tries, &seen, &since)) return NULL;
        w->got[i] = v;
        w->got_n = i + 1;
        kd_atomic_fetch_add_long(&r->progress, 1);
    }
    return NULL;
}

/* nprod producers push per items each ((p + 1) << 32 | sequence), ncons consumers pop the
 * total between them. out[0]: 0 all good; 1 an item nobody pushed (out[1] item, out[2]
 * consumer); 2 an item popped twice (out[1] producer, out[2] sequence); 3 items lost (out[1]
 * how many, out[2] producer, out[3] sequence of the first); 4 out of order (out[1] producer,
 * out[2] item got first, out[3] earlier item got after it, out[4] consumer).
 * H_STUCK: nothing moved for 1 s (out[1] = items moved by then). */
int harness_stress(int nprod, int ncons, long long per, int capacity, long long *out)
{
    struct harness_run *r = calloc(1, sizeof *r);
    struct harness_worker *w = calloc((size_t)(nprod + ncons), sizeof *w);
    pthread_t *tid = calloc((size_t)(nprod + ncons), sizeof *tid);
    long long total = per * nprod;
    memset(out, 0, 5 * sizeof *out);
    if (!r || !w || !tid) return H_NO_THREAD;
    r->q = mpmc_new(capacity);
    if (!r->q) return H_NEW_NULL;
    r->nprod = nprod, r->ncons = ncons, r->per = per;
    pthread_barrier_init(&r->start, NULL, (unsigned)(nprod + ncons));
    for (int i = 0; i < nprod + ncons; i++) {
        w[i].r = r;
        w[i].index = i < nprod ? i : i - nprod;
        if (i >= nprod) {
            int c = i - nprod;
            w[i].n = total / ncons + (c < total % ncons);
            w[i].got = malloc(sizeof(long long) * (size_t)(w[i].n ? w[i].n : 1));
            if (!w[i].got) return H_NO_THREAD;
        }
    }
    for (int i = 0; i < nprod + ncons; i++)
        if (harness_spawn(&tid[i], i < nprod ? harness_producer : harness_consumer, &w[i]) != 0) return H_NO_THREAD;
    for (int i = 0; i < nprod + ncons; i++) pthread_join(tid[i], NULL);
    if (r->gave_up) {
        out[1] = r->progress;
        return H_STUCK;
    }
    unsigned char *seen = calloc((size_t)total, 1);
    long long *last = malloc(sizeof(long long) * (size_t)nprod);
    if (!seen || !last) return H_NO_THREAD;
    for (int c = 0; c < ncons && !out[0]; c++) {
        const struct harness_worker *k = &w[nprod + c];
        for (int p = 0; p < nprod; p++) last[p] = -1;
        for (long long i = 0; i < k->got_n; i++) {
            long long item = k->got[i], p = (item >> 32) - 1, s = item & 0xffffffffLL;
            if (p < 0 || p >= nprod || s >= per) {
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
    if (!out[0]) {
        long long lost = 0;
        for (long long i = 0; i < total; i++)
            if (!seen[i] && !lost++) out[2] = i / per, out[3] = i % per;
        if (lost) out[0] = 3, out[1] = lost;
    }
    free(seen);
    free(last);
    for (int c = 0; c < ncons; c++) free(w[nprod + c].got);
    mpmc_free(r->q);
    pthread_barrier_destroy(&r->start);
    free(tid);
    free(w);
    free(r);
    return H_OK;
}

/* Creates and frees n queues of 64 (with a push and a pop); bytes left allocated, -1 on NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct mpmc *q = mpmc_new(64);
        long long v;
        if (!q) return -1;
        mpmc_push(q, k);
        mpmc_pop(q, &v);
        mpmc_free(q);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0;
}
