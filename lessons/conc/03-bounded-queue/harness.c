/* harness.c for conc/03-bounded-queue: producer and consumer threads around the learner's queue.
 *
 * Compiled beside queue.c (or solution.c); every name starts with harness_. grade.lua calls
 * harness_wait_get, harness_wait_put, harness_stress and harness_leak. Threads are joined
 * without a time limit: a queue that never wakes a sleeper hangs the check, and kdojo's hang
 * report then says which thread waits on which condition variable.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct queue;
struct queue *queue_new(int capacity);
void queue_put(struct queue *q, long long item);
long long queue_get(struct queue *q);
void queue_free(struct queue *q);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2 };

/* Threads with 256 KiB stacks: 32 of them at the default 8 MiB would not fit the check's
   memory limit. */
static int harness_spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 << 10);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

static void harness_sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

/* ---------------------------------------------------------------- calls that may block */

enum { H_STUCK = 3 };

struct harness_one {
    struct queue *q;
    long long item;          /* what the helper puts, or what it got */
    long long *items;        /* harness_get_many: where the items go */
    int n;
    int started, returned;   /* through kd_atomic_*: another thread reads them */
};

static void *harness_one_get(void *p) {
    struct harness_one *o = p;
    kd_atomic_store_int(&o->started, 1);
    o->item = queue_get(o->q);
    kd_atomic_store_int(&o->returned, 1);
    return NULL;
}

static void *harness_one_put(void *p) {
    struct harness_one *o = p;
    kd_atomic_store_int(&o->started, 1);
    queue_put(o->q, o->item);
    kd_atomic_store_int(&o->returned, 1);
    return NULL;
}

static void *harness_many_get(void *p) {
    struct harness_one *o = p;
    kd_atomic_store_int(&o->started, 1);
    for (int i = 0; i < o->n; i++) o->items[i] = queue_get(o->q);
    kd_atomic_store_int(&o->returned, 1);
    return NULL;
}

/* Waits up to ms milliseconds for t to finish. On a timeout the thread is left behind (it
   is stuck in the learner's code) and so is what it points to. */
static int harness_join_within(pthread_t t, int ms) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ms / 1000;
    deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;
    return pthread_timedjoin_np(t, NULL, &deadline) == 0 ? H_OK : H_STUCK;
}

/* n calls of queue_get(q) into items, from a helper thread that may take 1 s: a get that
   blocks although items are queued fails the test instead of hanging the whole check. */
int harness_get_many(struct queue *q, int n, long long *items)
{
    struct harness_one *o = calloc(1, sizeof *o);
    pthread_t t;
    if (!o) return H_NO_THREAD;
    o->q = q;
    o->items = items;
    o->n = n;
    if (harness_spawn(&t, harness_many_get, o) != 0) return H_NO_THREAD;
    if (harness_join_within(t, 1000) != H_OK) return H_STUCK;
    free(o);
    return H_OK;
}

/* A thread calls queue_get on an empty queue; 50 ms later this thread puts 42.
 * out[0] = 1 if queue_get returned before the put, out[1] = what it returned.
 * H_STUCK: the get still waits 1 s after the put. */
int harness_wait_get(int capacity, long long *out)
{
    struct harness_one *o = calloc(1, sizeof *o);
    pthread_t t;
    if (!o) return H_NO_THREAD;
    o->q = queue_new(capacity);
    if (!o->q) return H_NEW_NULL;
    if (harness_spawn(&t, harness_one_get, o) != 0) return H_NO_THREAD;
    while (!kd_atomic_load_int(&o->started)) sched_yield();
    harness_sleep_ms(50);
    out[0] = kd_atomic_load_int(&o->returned);
    if (out[0]) out[1] = o->item;   /* written before returned was set */
    queue_put(o->q, 42);
    if (harness_join_within(t, 1000) != H_OK) return H_STUCK;
    if (!out[0]) out[1] = o->item;
    queue_free(o->q);
    free(o);
    return H_OK;
}

/* Fills a queue of the given capacity with 100, 101, ...; a thread then puts 999, which must
 * wait. 50 ms later this thread gets one item. out[0] = 1 if the put returned before the get,
 * out[1] = the item got. H_STUCK: the put still waits 1 s after the get. Then the queue is
 * drained: out[2] = the position of the first drained item that is not the expected one
 * (101, ..., 999), or -1; out[3] = that item; H_STUCK + 1: the drain blocked. */
int harness_wait_put(int capacity, long long *out)
{
    struct harness_one *o = calloc(1, sizeof *o);
    pthread_t t;
    if (!o) return H_NO_THREAD;
    o->q = queue_new(capacity);
    if (!o->q) return H_NEW_NULL;
    for (int i = 0; i < capacity; i++) queue_put(o->q, 100 + i);
    o->item = 999;
    if (harness_spawn(&t, harness_one_put, o) != 0) return H_NO_THREAD;
    while (!kd_atomic_load_int(&o->started)) sched_yield();
    harness_sleep_ms(50);
    out[0] = kd_atomic_load_int(&o->returned);
    if (out[0]) return H_OK;
    long long first;
    if (harness_get_many(o->q, 1, &first) != H_OK) return H_STUCK + 1;
    out[1] = first;
    if (harness_join_within(t, 1000) != H_OK) return H_STUCK;
    long long *rest = calloc((size_t)capacity, sizeof *rest);
    if (!rest) return H_NO_THREAD;
    if (harness_get_many(o->q, capacity, rest) != H_OK) return H_STUCK + 1;
    out[2] = -1;
    for (int i = 0; i < capacity; i++) {
        long long want = i + 1 < capacity ? 101 + i : 999;
        if (rest[i] != want && out[2] < 0) {
            out[2] = i;
            out[3] = rest[i];
        }
    }
    free(rest);
    queue_free(o->q);
    free(o);
    return H_OK;
}

/* ---------------------------------------------------------------- many producers and consumers */

struct harness_run {
    struct queue *q;
    int nprod, ncons;
    long long per;            /* items per producer */
    pthread_barrier_t start;
};

struct harness_worker {
    struct harness_run *r;
    int index;
    long long n;              /* consumer: how many items it takes */
    long long *got;           /* consumer: what it took, in order */
};

/* Producer p puts (p + 1) << 32 | 0, 1, 2, ...: who made an item and in which order. */
static void *harness_producer(void *p) {
    struct harness_worker *w = p;
    long long tag = (long long)(w->index + 1) << 32;
    pthread_barrier_wait(&w->r->start);
    for (long long i = 0; i < w->r->per; i++) queue_put(w->r->q, tag | i);
    return NULL;
}

static void *harness_consumer(void *p) {
    struct harness_worker *w = p;
    pthread_barrier_wait(&w->r->start);
    for (long long i = 0; i < w->n; i++) w->got[i] = queue_get(w->r->q);
    return NULL;
}

/* nprod producers put per items each into a queue of the given capacity; ncons consumers
 * share the total between them. Then every item must have been got exactly once, and each
 * consumer must have got any one producer's items in the order they were put.
 * out[0]: 0 all good; 1 an item nobody put (out[1] = the item, out[2] = consumer);
 * 2 an item got twice (out[1] = producer, out[2] = its sequence number);
 * 3 items lost (out[1] = how many, out[2] = producer, out[3] = sequence number of the first);
 * 4 out of order (out[1] = producer, out[2] = the item got first, out[3] = the earlier item
 * got after it, out[4] = consumer). */
int harness_stress(int nprod, int ncons, long long per, int capacity, long long *out)
{
    struct harness_run *r = calloc(1, sizeof *r);
    struct harness_worker *w = calloc((size_t)(nprod + ncons), sizeof *w);
    pthread_t *tid = calloc((size_t)(nprod + ncons), sizeof *tid);
    long long total = per * nprod;
    memset(out, 0, 5 * sizeof *out);
    if (!r || !w || !tid) return H_NO_THREAD;
    r->q = queue_new(capacity);
    if (!r->q) return H_NEW_NULL;
    r->nprod = nprod;
    r->ncons = ncons;
    r->per = per;
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
        if (harness_spawn(&tid[i], i < nprod ? harness_producer : harness_consumer, &w[i]) != 0)
            return H_NO_THREAD;
    for (int i = 0; i < nprod + ncons; i++) pthread_join(tid[i], NULL);

    unsigned char *seen = calloc((size_t)total, 1);
    long long *last = malloc(sizeof(long long) * (size_t)nprod);
    if (!seen || !last) return H_NO_THREAD;
    for (int c = 0; c < ncons && !out[0]; c++) {
        const struct harness_worker *k = &w[nprod + c];
        for (int p = 0; p < nprod; p++) last[p] = -1;
        for (long long i = 0; i < k->n; i++) {
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
    queue_free(r->q);
    pthread_barrier_destroy(&r->start);
    free(tid);
    free(w);
    free(r);
    return H_OK;
}

/* Creates n queues of capacity 16, puts 5 items in each, frees them (items still queued);
 * returns how many bytes are still allocated that were not before, -1 if queue_new failed. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int i = 0; i < n; i++) {
        struct queue *q = queue_new(16);
        if (!q) return -1;
        for (int k = 0; k < 5; k++) queue_put(q, k);
        queue_free(q);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0; /* less than before: memory of earlier tests was freed meanwhile */
}
