/* harness.c for conc/07-spinlock-backoff: threads that take the learner's spinlock.
 *
 * Compiled beside spin.c (or solution.c); every name starts with harness_. The critical
 * sections update two plain fields that must stay equal and count how many threads are
 * inside: a lock that lets two in is caught. The speed bar's baseline, a test-and-set lock
 * that neither backs off nor yields, is written here.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int spin_trylock(volatile int *lock);
void spin_lock(volatile int *lock);
void spin_unlock(volatile int *lock);

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

/* The baseline: test-and-set, no backoff, no yield. */
static void harness_tas_lock(volatile int *l) {
    while (kd_atomic_exchange_int(l, 1) != 0) kd_cpu_relax();
}
static void harness_tas_unlock(volatile int *l) { kd_atomic_store_int(l, 0); }

struct harness_run {
    volatile int lock;
    char pad[60];
    long long a, b;              /* plain fields, updated under the lock; must stay equal */
    volatile int inside, crowded;
    long long iters;
    int work, baseline, use_try, pin_cpu, preempt_every;
    volatile long long tries_failed;
    pthread_barrier_t start;
};

static void *harness_worker(void *p) {
    struct harness_run *r = p;
    if (r->pin_cpu >= 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(r->pin_cpu, &one);
        sched_setaffinity(0, sizeof one, &one);
    }
    pthread_barrier_wait(&r->start);
    for (long long i = 0; i < r->iters; i++) {
        if (r->baseline) harness_tas_lock(&r->lock);
        else if (r->use_try) {
            while (!spin_trylock(&r->lock)) {
                kd_atomic_fetch_add_long(&r->tries_failed, 1);
                sched_yield();
            }
        } else spin_lock(&r->lock);
        if (kd_atomic_fetch_add_int(&r->inside, 1) != 0) r->crowded = 1;
        long long v = r->a;
        for (volatile int w = 0; w < r->work; w++) {}
        if (r->preempt_every && i % r->preempt_every == 0) sched_yield();   /* preempted while holding it */
        r->a = v + 1;
        r->b = r->b + 1;
        kd_atomic_fetch_add_int(&r->inside, -1);
        if (r->baseline) harness_tas_unlock(&r->lock);
        else spin_unlock(&r->lock);
        for (volatile int w = 0; w < r->work; w++) {}   /* as much work outside */
    }
    return NULL;
}

/* nthreads threads take the lock iters times each (with trylock in a loop if use_try), doing
 * `work` loop iterations inside; which = 1 uses the baseline lock instead of the learner's.
 * out[0] = a, out[1] = b (both must be nthreads * iters), out[2] = 1 if two threads were
 * inside at once. Returns 0, or 2 if threads could not be started. */
int harness_run2(int which, int nthreads, long long iters, int work, int use_try, int pin, int preempt_every,
                 long long *out);

int harness_run(int which, int nthreads, long long iters, int work, int use_try, int pin, long long *out)
{
    return harness_run2(which, nthreads, iters, work, use_try, pin, 0, out);
}

int harness_run2(int which, int nthreads, long long iters, int work, int use_try, int pin, int preempt_every,
                 long long *out)
{
    struct harness_run *r = calloc(1, sizeof *r);
    pthread_t t[64];
    if (!r || nthreads > 64) return 2;
    r->iters = iters;
    r->work = work;
    r->baseline = which;
    r->use_try = use_try;
    r->pin_cpu = pin ? sched_getcpu() : -1;
    r->preempt_every = preempt_every;
    pthread_barrier_init(&r->start, NULL, (unsigned)nthreads);
    for (int i = 0; i < nthreads; i++)
        if (harness_spawn(&t[i], harness_worker, r) != 0) return 2;
    for (int i = 0; i < nthreads; i++) pthread_join(t[i], NULL);
    out[0] = r->a, out[1] = r->b, out[2] = r->crowded;
    pthread_barrier_destroy(&r->start);
    free(r);
    return 0;
}

/* A thread holds the lock for 100 ms while this thread calls spin_lock: out[0] = 1 if
 * spin_lock returned before the holder unlocked; out[1] = ms spin_lock took. */
struct harness_holder {
    volatile int *lock;
    volatile int holding, released;
};

static void *harness_hold(void *p) {
    struct harness_holder *h = p;
    spin_lock(h->lock);
    h->holding = 1;
    struct timespec ts = {0, 100000000};
    nanosleep(&ts, NULL);
    h->released = 1;
    spin_unlock(h->lock);
    return NULL;
}

int harness_hold_test(long long *out)
{
    static volatile int lock;
    struct harness_holder h = {&lock, 0, 0};
    pthread_t t;
    lock = 0;
    if (harness_spawn(&t, harness_hold, &h) != 0) return 2;
    while (!h.holding) sched_yield();
    double t0 = harness_now();
    spin_lock(&lock);
    out[0] = !h.released;
    out[1] = (long long)((harness_now() - t0) * 1e3);
    spin_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}

/* ---------------------------------------------------------------- a preempted holder */

static double harness_cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void harness_pin(int cpu) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    sched_setaffinity(0, sizeof one, &one);
}

struct harness_pre {
    volatile int lock;
    int cpu;
    volatile int holding, released, acquired;
    double waited;
};

/* The holder: on the chosen CPU at the lowest priority (SCHED_IDLE), it takes the lock and
   computes for 5 ms of its own CPU time before unlocking. */
static void *harness_pre_holder(void *p) {
    struct harness_pre *h = p;
    struct sched_param none = {0};
    harness_pin(h->cpu);
    sched_setscheduler(0, SCHED_IDLE, &none);
    spin_lock(&h->lock);
    h->holding = 1;
    double end = harness_cpu_now() + 0.005;
    while (harness_cpu_now() < end) {}
    h->released = 1;
    spin_unlock(&h->lock);
    return NULL;
}

/* The waiter: on the same CPU at normal priority, it wants the lock. */
static void *harness_pre_waiter(void *p) {
    struct harness_pre *h = p;
    harness_pin(h->cpu);
    double t0 = harness_now();
    spin_lock(&h->lock);
    h->waited = harness_now() - t0;
    h->acquired = 1;
    spin_unlock(&h->lock);
    return NULL;
}

/* A low-priority thread holds the lock and needs 5 ms of CPU to finish; a normal thread on the
 * same CPU calls spin_lock. If the waiter never gives its CPU away, the holder hardly runs.
 * out[0] = 1 if the waiter got the lock within 1 s, out[1] = ms it waited, out[2] = 1 if it
 * got the lock before the holder released it. */
int harness_preempted(long long *out)
{
    struct harness_pre *h = calloc(1, sizeof *h);   /* left behind if the waiter is stuck */
    pthread_t a, b;
    if (!h) return 2;
    h->cpu = sched_getcpu();
    if (harness_spawn(&a, harness_pre_holder, h) != 0) return 2;
    while (!h->holding) sched_yield();
    if (harness_spawn(&b, harness_pre_waiter, h) != 0) return 2;
    double end = harness_now() + 1.0;
    while (!h->acquired && harness_now() < end) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    out[0] = h->acquired;
    out[1] = (long long)(h->waited * 1e3);
    out[2] = h->acquired && !h->released;
    if (!h->acquired) return 0;
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(h);
    return 0;
}
