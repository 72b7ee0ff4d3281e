/* harness.c for conc/08-barrier: threads that meet at the learner's barrier, round after round.
 *
 * Compiled beside barrier.c (or solution.c); every name starts with harness_. harness_early
 * and harness_leak check single rounds with time limits; harness_rounds runs many rounds and
 * joins without a limit, so a hang ends in kdojo's report of who waits where.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct barrier;
struct barrier *barrier_new(int n);
int barrier_wait(struct barrier *b);
void barrier_free(struct barrier *b);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2 };

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

/* ---------------------------------------------------------------- one round, watched */

struct harness_one {
    struct barrier *b;
    int done, serial;           /* read by the grader's thread: kd_atomic_* */
};

static void *harness_one_wait(void *p) {
    struct harness_one *o = p;
    kd_atomic_store_int(&o->serial, barrier_wait(o->b));
    kd_atomic_store_int(&o->done, 1);
    return NULL;
}

/* A barrier for n (<= 16): n - 1 threads call barrier_wait; 50 ms later, out[0] = how many had
 * returned. Then this thread calls it too: out[1] = how many of all n returned within 0.5 s
 * (the others are left behind, stuck), out[2] = how many returned 1. Done twice with the same
 * barrier (out[3..5] for the second round): it must be reusable. */
int harness_early(int n, long long *out)
{
    struct barrier *b = barrier_new(n);
    if (!b) return H_NEW_NULL;
    memset(out, 0, 6 * sizeof *out);
    for (int round = 0; round < 2; round++) {
        struct harness_one *o = calloc(16, sizeof *o);
        pthread_t t[16];
        if (!o) return H_NO_THREAD;
        for (int i = 0; i < n - 1; i++) {
            o[i].b = b;
            if (harness_spawn(&t[i], harness_one_wait, &o[i]) != 0) return H_NO_THREAD;
        }
        harness_sleep_ms(50);
        long long *r = out + 3 * round;
        for (int i = 0; i < n - 1; i++) r[0] += kd_atomic_load_int(&o[i].done);
        int serial = barrier_wait(b);
        double end = harness_now() + 0.5;
        int finished;
        do {
            finished = 1;
            for (int i = 0; i < n - 1; i++) finished += kd_atomic_load_int(&o[i].done);
            if (finished < n) sched_yield();
        } while (finished < n && harness_now() < end);
        r[1] = finished;
        r[2] = serial;
        for (int i = 0; i < n - 1; i++) r[2] += kd_atomic_load_int(&o[i].serial);
        if (finished < n || r[0]) return H_OK;   /* threads stuck (or gone early): stop here */
        for (int i = 0; i < n - 1; i++) pthread_join(t[i], NULL);
        free(o);
    }
    barrier_free(b);
    return H_OK;
}

/* ---------------------------------------------------------------- many rounds */

struct harness_rounds {
    struct barrier *b;
    int n, rounds;
    volatile int *slot;          /* slot[t]: the round thread t has reached */
    volatile int *serial;        /* serial[r]: how many threads got 1 in round r */
    pthread_barrier_t start;
    volatile int bad, bad_round, bad_thread, bad_seen;
};

struct harness_member {
    struct harness_rounds *r;
    int t;
};

static void *harness_member_main(void *p) {
    struct harness_member *m = p;
    struct harness_rounds *r = m->r;
    pthread_barrier_wait(&r->start);
    for (int round = 0; round < r->rounds; round++) {
        kd_atomic_store_int(&r->slot[m->t], round);
        if (barrier_wait(r->b)) kd_atomic_fetch_add_int(&r->serial[round], 1);
        /* Past the barrier of this round: every thread has reached it, and none can have gone
           past the next one (which needs this thread too). */
        for (int u = 0; u < r->n; u++) {
            int seen = kd_atomic_load_int(&r->slot[u]);
            int none = 0;
            if ((seen < round || seen > round + 1) && kd_atomic_cas_int(&r->bad, &none, 1))
                r->bad_round = round, r->bad_thread = u, r->bad_seen = seen;
        }
    }
    return NULL;
}

/* n threads go through `rounds` rounds of one barrier. out[0] = 1 if a thread got past a
 * round before another had reached it (out[1] round, out[2] the lagging thread, out[3] the
 * round it was at); out[4] = first round whose number of serial threads is not 1, or -1;
 * out[5] = that number. */
int harness_rounds(int n, int rounds, long long *out)
{
    struct harness_rounds *r = calloc(1, sizeof *r);
    struct harness_member *m = calloc((size_t)n, sizeof *m);
    pthread_t *t = calloc((size_t)n, sizeof *t);
    if (!r || !m || !t) return H_NO_THREAD;
    r->slot = calloc((size_t)n, sizeof(int));
    r->serial = calloc((size_t)rounds, sizeof(int));
    if (!r->slot || !r->serial) return H_NO_THREAD;
    r->b = barrier_new(n);
    if (!r->b) return H_NEW_NULL;
    r->n = n;
    r->rounds = rounds;
    pthread_barrier_init(&r->start, NULL, (unsigned)n);
    for (int i = 0; i < n; i++) {
        m[i].r = r;
        m[i].t = i;
        if (harness_spawn(&t[i], harness_member_main, &m[i]) != 0) return H_NO_THREAD;
    }
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
    out[0] = r->bad, out[1] = r->bad_round, out[2] = r->bad_thread, out[3] = r->bad_seen;
    out[4] = -1;
    for (int k = 0; k < rounds; k++)
        if (r->serial[k] != 1) {
            out[4] = k, out[5] = r->serial[k];
            break;
        }
    barrier_free(r->b);
    pthread_barrier_destroy(&r->start);
    free((void *)r->slot);
    free((void *)r->serial);
    free(t);
    free(m);
    free(r);
    return H_OK;
}

/* Creates, uses once (n = 1) and frees n barriers; bytes left allocated, -1 on NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct barrier *b = barrier_new(1);
        if (!b) return -1;
        barrier_wait(b);
        barrier_free(b);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0;
}
