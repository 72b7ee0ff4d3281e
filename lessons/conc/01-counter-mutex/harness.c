/* harness.c for conc/01-counter-mutex: the threads that hammer the learner's counter.
 *
 * Compiled beside counter.c (or solution.c). Every function here starts with harness_ so
 * it cannot clash with the learner's names. grade.lua calls harness_run and harness_leak.
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

struct counter;
struct counter *counter_new(void);
void counter_add(struct counter *c, long long n);
long long counter_get(struct counter *c);
void counter_free(struct counter *c);

/* Return codes of harness_run. */
enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2, H_HANG = 3 };

#define H_MAX_THREADS 32
#define H_HANG_SECONDS 5

struct harness_shared {
    struct counter *c;
    long long iters;
    const long long *deltas;
    int perturb, nthreads;
    unsigned long long seed;
    pthread_barrier_t start;
    volatile int writers_left;
    /* What the readers saw: the first time a read went backwards. */
    volatile long long back_prev, back_got, reads;
    volatile int went_back;
    pthread_mutex_t note;
};

struct harness_arg {
    struct harness_shared *sh;
    int index;
};

/* ---------------------------------------------------------------- perturbation
 * A perturbed thread gets a timer signal now and then (see harness_start_ticks), and the
 * handler gives the CPU away (sched_yield). The signal lands at an arbitrary
 * instruction, inside counter_add included, so with more threads than cores another thread
 * runs in the middle of an unprotected read-modify-write: lost updates show even on one core.
 */
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
    /* A CPU-time clock would only be sampled on the scheduler tick (milliseconds); the
       monotonic clock's timers fire at microsecond resolution. */
    if (timer_create(CLOCK_MONOTONIC, &sev, t) != 0)
        return 0;
    /* Each thread's period is nthreads x 15..46 microseconds, chosen by the seed: the whole
       process gets some 20,000 to 65,000 yields a second however many threads run (more
       would leave no time for work on one core), and the run's seed replays the rhythm. */
    long ns = (long)nthreads * (15000 + (long)(seed % 32) * 1000);
    struct itimerspec its;
    its.it_value.tv_sec = ns / 1000000000;
    its.it_value.tv_nsec = ns % 1000000000;
    its.it_interval = its.it_value;
    timer_settime(*t, 0, &its, NULL);
    return 1;
}

/* ---------------------------------------------------------------- threads */

static void *harness_writer(void *p) {
    struct harness_arg *a = p;
    struct harness_shared *sh = a->sh;
    long long d = sh->deltas[a->index];
    timer_t t;
    int ticking = sh->perturb && harness_start_ticks(&t, sh->seed * 31 + (unsigned long long)a->index, sh->nthreads);
    pthread_barrier_wait(&sh->start);
    for (long long i = 0; i < sh->iters; i++)
        counter_add(sh->c, d);
    if (ticking) timer_delete(t);
    pthread_mutex_lock(&sh->note);
    kd_atomic_fetch_add_int(&sh->writers_left, -1); /* atomic: readers poll it (a race under --sanitize=thread) */
    pthread_mutex_unlock(&sh->note);
    return NULL;
}

/* A reader checks that the count never goes backwards (every delta is positive when
   readers run). */
static void *harness_reader(void *p) {
    struct harness_arg *a = p;
    struct harness_shared *sh = a->sh;
    long long last = counter_get(sh->c), n = 0;
    pthread_barrier_wait(&sh->start);
    while (kd_atomic_load_int(&sh->writers_left) > 0) {
        long long v = counter_get(sh->c);
        n++;
        if (v < last) {
            pthread_mutex_lock(&sh->note);
            if (!sh->went_back) {
                sh->went_back = 1;
                sh->back_prev = last;
                sh->back_got = v;
            }
            pthread_mutex_unlock(&sh->note);
        }
        last = v;
    }
    pthread_mutex_lock(&sh->note);
    sh->reads += n;
    pthread_mutex_unlock(&sh->note);
    return NULL;
}

/* Runs nwriters threads, writer t calling counter_add(c, deltas[t]) iters times, and
 * nreaders threads calling counter_get(c) until the writers finish; all start together.
 * out[0] = counter_get(c) at the end, out[1] = 1 if a reader saw the count go backwards,
 * out[2], out[3] = the two values it saw, out[4] = how many reads the readers made,
 * out[5] = how many threads finished (on a hang).
 * Returns H_OK, or H_NEW_NULL / H_NO_THREAD / H_HANG. On a hang the stuck threads are left
 * behind (the grading process ends soon after); the counter is not freed.
 */
int harness_run(int nwriters, long long iters, const long long *deltas, int nreaders, int perturb,
                long long seed, long long *out)
{
    /* Allocated per run and freed only when every thread has finished: threads stuck after
       a hang keep what they point to. */
    struct harness_shared *sh = calloc(1, sizeof *sh);
    struct harness_arg *args = calloc(H_MAX_THREADS, sizeof *args);
    pthread_t tid[H_MAX_THREADS];
    int total = nwriters + nreaders;
    if (total > H_MAX_THREADS) total = H_MAX_THREADS;
    if (!sh || !args) return H_NO_THREAD;

    sh->c = counter_new();
    if (!sh->c) return H_NEW_NULL;
    sh->iters = iters;
    sh->deltas = deltas;
    sh->perturb = perturb;
    sh->nthreads = total;
    sh->seed = (unsigned long long)seed;
    sh->writers_left = nwriters;
    pthread_mutex_init(&sh->note, NULL);
    pthread_barrier_init(&sh->start, NULL, (unsigned)total);

    if (perturb) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = harness_on_tick;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(harness_signal(), &sa, NULL);
    }

    int started = 0;
    for (int i = 0; i < total; i++) {
        args[i].sh = sh;
        args[i].index = i;
        if (pthread_create(&tid[i], NULL, i < nwriters ? harness_writer : harness_reader, &args[i]) != 0) break;
        started++;
    }
    if (started < total) {
        /* The barrier would never open: nothing sensible to do but report it. */
        out[5] = started;
        return H_NO_THREAD;
    }

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += H_HANG_SECONDS;
    int finished = 0, hung = 0;
    for (int i = 0; i < total; i++) {
        if (pthread_timedjoin_np(tid[i], NULL, &deadline) == 0) finished++;
        else hung = 1;
    }
    out[5] = finished;
    if (hung) return H_HANG;

    out[0] = counter_get(sh->c);
    out[1] = sh->went_back;
    out[2] = sh->back_prev;
    out[3] = sh->back_got;
    out[4] = sh->reads;
    counter_free(sh->c);
    pthread_barrier_destroy(&sh->start);
    pthread_mutex_destroy(&sh->note);
    free(args);
    free(sh);
    return H_OK;
}

/* Creates and frees n counters (adding to each), one after the other; returns how many bytes
 * are still allocated afterwards that were not before, or -1 if counter_new returned NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int i = 0; i < n; i++) {
        struct counter *c = counter_new();
        if (!c) return -1;
        counter_add(c, i);
        counter_free(c);
    }
    struct mallinfo2 after = mallinfo2();
    return (long long)after.uordblks - (long long)before.uordblks;
}
