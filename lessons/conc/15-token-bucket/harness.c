/* harness.c for conc/15-token-bucket: many threads asking one bucket for tokens, on a clock
 * the harness advances.
 *
 * Compiled beside bucket.c (or solution.c); every name starts with harness_.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct bucket;
struct bucket *bucket_new(double rate, double burst, double now);
int bucket_take(struct bucket *b, double now, double n);
double bucket_wait(struct bucket *b, double now, double n);
void bucket_free(struct bucket *b);

static int harness_spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 << 10);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

/* ---------------------------------------------------------------- perturbation
 * Each worker gets a signal every few tens of microseconds, and the handler gives the CPU away:
 * the signal lands at an arbitrary instruction, inside bucket_take included, so another thread
 * runs between a read of the token count and the write of the new one (as in conc/01). */
static int harness_signal(void) { return SIGRTMIN + 5; }

static void harness_on_tick(int sig) {
    (void)sig;
    int saved = errno;
    sched_yield();
    errno = saved;
}

static int harness_start_ticks(timer_t *t, unsigned long long seed, int nthreads) {
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = harness_signal();
    sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    if (timer_create(CLOCK_MONOTONIC, &sev, t) != 0) return 0;
    long ns = (long)nthreads * (15000 + (long)(seed % 32) * 1000);
    struct itimerspec its;
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = ns;
    its.it_interval = its.it_value;
    timer_settime(*t, 0, &its, NULL);
    return 1;
}

struct harness_run {
    struct bucket *b;
    volatile long long tick;        /* the clock, in steps of dt */
    long long ticks;                /* the run ends at this tick */
    double dt, n;
    int nthreads;
    unsigned long long seed;
    volatile long long granted, asked;
    volatile long long asks_now;    /* requests made since the clock last moved */
    pthread_barrier_t start;
};

/* Each worker asks for n tokens again and again, at the current time, until the clock runs out. */
static void *harness_worker(void *p) {
    struct harness_run *r = p;
    long long granted = 0, asked = 0;
    timer_t tm;
    int ticking = harness_start_ticks(&tm, kd_atomic_fetch_add_long((volatile long long *)&r->seed, 7), r->nthreads);
    pthread_barrier_wait(&r->start);
    for (;;) {
        long long t = kd_atomic_load_long(&r->tick);
        if (t > r->ticks) break;
        asked++;
        if (bucket_take(r->b, (double)t * r->dt, r->n)) granted++;
        kd_atomic_fetch_add_long(&r->asks_now, 1);
    }
    if (ticking) timer_delete(tm);
    kd_atomic_fetch_add_long(&r->granted, granted);
    kd_atomic_fetch_add_long(&r->asked, asked);
    return NULL;
}

/* The clock: it moves one step once the workers have made 32 requests at the current time,
   so every token earned is asked for (demand always exceeds supply) however the threads are
   scheduled. */
static void *harness_ticker(void *p) {
    struct harness_run *r = p;
    pthread_barrier_wait(&r->start);
    for (long long t = 1; t <= r->ticks + 1; t++) {
        while (kd_atomic_load_long(&r->asks_now) < 32) sched_yield();
        kd_atomic_store_long(&r->asks_now, 0);
        kd_atomic_store_long(&r->tick, t);
    }
    return NULL;
}

/* nthreads workers take n tokens at a time from a bucket (rate, burst, starting full at 0)
 * while the clock goes from 0 to ticks * dt, each interrupted at a rhythm set by seed. out[0] = tokens granted (in units of n),
 * out[1] = requests made. Returns 0, 1 if bucket_new failed, 2 if threads failed. */
int harness_crowd(int nthreads, double rate, double burst, double n, long long ticks, double dt, long long seed,
                  long long *out)
{
    struct harness_run *r = calloc(1, sizeof *r);
    pthread_t t[40];
    if (!r || nthreads > 32) return 2;
    r->b = bucket_new(rate, burst, 0.0);
    if (!r->b) return 1;
    r->ticks = ticks, r->dt = dt, r->n = n;
    r->nthreads = nthreads;
    r->seed = (unsigned long long)seed;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = harness_on_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(harness_signal(), &sa, NULL);
    pthread_barrier_init(&r->start, NULL, (unsigned)nthreads + 1);
    for (int i = 0; i < nthreads; i++)
        if (harness_spawn(&t[i], harness_worker, r) != 0) return 2;
    if (harness_spawn(&t[nthreads], harness_ticker, r) != 0) return 2;
    for (int i = 0; i <= nthreads; i++) pthread_join(t[i], NULL);
    out[0] = r->granted, out[1] = r->asked;
    bucket_free(r->b);
    pthread_barrier_destroy(&r->start);
    free(r);
    return 0;
}

/* Creates, uses and frees n buckets; bytes left allocated, -1 on NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct bucket *b = bucket_new(10, 5, 0);
        if (!b) return -1;
        bucket_take(b, 1, 1);
        bucket_free(b);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0;
}

/* ---------------------------------------------------------------- a first, guarded call */

static void *harness_probe_main(void *p) {
    volatile int *result = p;
    struct bucket *b = bucket_new(2, 5, 100);
    if (!b) {
        *result = 3;
        return NULL;
    }
    *result = bucket_take(b, 100, 5) ? 1 : 2;
    bucket_free(b);
    return NULL;
}

/* bucket_new, one bucket_take and bucket_free in a helper thread, with 1 s to finish: returns
   1 (took the tokens), 2 (refused them), 3 (bucket_new returned NULL), 0 (stuck: e.g. a lock
   that was never initialised). */
int harness_probe(void)
{
    static volatile int result;
    pthread_t t;
    struct timespec deadline;
    result = 0;
    if (harness_spawn(&t, harness_probe_main, (void *)&result) != 0) return -1;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    if (pthread_timedjoin_np(t, NULL, &deadline) != 0) return 0;
    return result;
}

struct harness_ptr_probe {
    struct bucket *b;
    double now;
};

static void *harness_ptr_probe_main(void *p) {
    struct harness_ptr_probe *q = p;
    bucket_take(q->b, q->now, 0);
    return NULL;
}

/* bucket_take(b, now, 0) in a helper thread: 1 if it returned within 1 s, 0 if it is stuck. */
int harness_usable(struct bucket *b, double now)
{
    struct harness_ptr_probe *q = malloc(sizeof *q);   /* left behind if the helper is stuck */
    pthread_t t;
    struct timespec deadline;
    if (!q) return 1;
    q->b = b, q->now = now;
    if (harness_spawn(&t, harness_ptr_probe_main, q) != 0) return 1;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    if (pthread_timedjoin_np(t, NULL, &deadline) != 0) return 0;
    free(q);
    return 1;
}
