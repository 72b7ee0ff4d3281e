/* harness.c for conc/02-counter-atomic: the threads that hammer the learner's counter, and
 * the mutex counter the speed bar measures it against.
 *
 * Compiled beside counter.c (or solution.c). Every function here starts with harness_ so
 * it cannot clash with the learner's names. grade.lua calls harness_run, harness_leak and
 * harness_time.
 */
#define _GNU_SOURCE
#include <errno.h>
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

/* ---------------------------------------------------------------- the baseline
 * The mutex counter of conc/01-counter-mutex: what the speed bar compares against. */
struct harness_mcounter {
    pthread_mutex_t lock;
    long long value;
};

static void *harness_m_new(void) {
    struct harness_mcounter *c = malloc(sizeof *c);
    if (!c) return NULL;
    pthread_mutex_init(&c->lock, NULL);
    c->value = 0;
    return c;
}

static void harness_m_add(void *p, long long n) {
    struct harness_mcounter *c = p;
    pthread_mutex_lock(&c->lock);
    c->value += n;
    pthread_mutex_unlock(&c->lock);
}

static long long harness_m_get(void *p) {
    struct harness_mcounter *c = p;
    pthread_mutex_lock(&c->lock);
    long long v = c->value;
    pthread_mutex_unlock(&c->lock);
    return v;
}

static void harness_m_free(void *p) {
    struct harness_mcounter *c = p;
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* The learner's counter behind the same kind of pointers as the baseline. */
static void *harness_l_new(void) { return counter_new(); }
static void harness_l_add(void *c, long long n) { counter_add(c, n); }
static long long harness_l_get(void *c) { return counter_get(c); }
static void harness_l_free(void *c) { counter_free(c); }

struct harness_ops {
    void *(*make)(void);
    void (*add)(void *, long long);
    long long (*get)(void *);
    void (*release)(void *);
};
static const struct harness_ops harness_learner_ops = {harness_l_new, harness_l_add, harness_l_get, harness_l_free};
static const struct harness_ops harness_mutex_ops = {harness_m_new, harness_m_add, harness_m_get, harness_m_free};

/* Return codes of harness_run. */
enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2, H_HANG = 3 };

#define H_MAX_THREADS 32
#define H_HANG_SECONDS 5

struct harness_shared {
    const struct harness_ops *ops;
    void *c;
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
    /* Direct calls, not through ops: the timed loops are as lean for both sides. */
    if (sh->ops == &harness_learner_ops)
        for (long long i = 0; i < sh->iters; i++)
            counter_add(sh->c, d);
    else
        for (long long i = 0; i < sh->iters; i++)
            harness_m_add(sh->c, d);
    if (ticking) timer_delete(t);
    pthread_mutex_lock(&sh->note);
    sh->writers_left--;
    pthread_mutex_unlock(&sh->note);
    return NULL;
}

/* A reader checks that the count never goes backwards (every delta is positive when
   readers run). */
static void *harness_reader(void *p) {
    struct harness_arg *a = p;
    struct harness_shared *sh = a->sh;
    long long last = sh->ops->get(sh->c), n = 0;
    pthread_barrier_wait(&sh->start);
    while (sh->writers_left > 0) {
        long long v = sh->ops->get(sh->c);
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
static int harness_go(const struct harness_ops *ops, int nwriters, long long iters, const long long *deltas,
                      int nreaders, int perturb, long long seed, long long *out)
{
    /* Allocated per run and freed only when every thread has finished: threads stuck after
       a hang keep what they point to. */
    struct harness_shared *sh = calloc(1, sizeof *sh);
    struct harness_arg *args = calloc(H_MAX_THREADS, sizeof *args);
    pthread_t tid[H_MAX_THREADS];
    int total = nwriters + nreaders;
    if (total > H_MAX_THREADS) total = H_MAX_THREADS;
    if (!sh || !args) return H_NO_THREAD;

    sh->ops = ops;
    sh->c = ops->make();
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

    out[0] = ops->get(sh->c);
    out[1] = sh->went_back;
    out[2] = sh->back_prev;
    out[3] = sh->back_got;
    out[4] = sh->reads;
    ops->release(sh->c);
    pthread_barrier_destroy(&sh->start);
    pthread_mutex_destroy(&sh->note);
    free(args);
    free(sh);
    return H_OK;
}

int harness_run(int nwriters, long long iters, const long long *deltas, int nreaders, int perturb,
                long long seed, long long *out)
{
    return harness_go(&harness_learner_ops, nwriters, iters, deltas, nreaders, perturb, seed, out);
}

static void *harness_nothing(void *p) { return p; }

static void harness_become_multithreaded(void) {
    static int done;
    pthread_t t;
    if (!done && pthread_create(&t, NULL, harness_nothing, NULL) == 0) {
        pthread_join(t, NULL);
        done = 1;
    }
}

/* What the speed bar times: nthreads threads each add 1 iters times, to the learner's counter
 * (which = 0) or to the mutex baseline (which = 1). No perturbation. out as for harness_run. */
int harness_time(int which, int nthreads, long long iters, long long *out)
{
    if (nthreads == 1) {
        /* One thread: run the loop right here, so that a repetition times the increments
           and nothing else (no thread to create and join). But first make sure this process
           has started a thread at least once: until it has, glibc knows it is single-threaded
           and takes its mutexes without any atomic instruction, which no program that shares
           a counter between threads would see. */
        harness_become_multithreaded();
        if (which) {
            void *c = harness_m_new();
            if (!c) return H_NO_THREAD;
            for (long long i = 0; i < iters; i++)
                harness_m_add(c, 1);
            out[0] = harness_m_get(c);
            harness_m_free(c);
        } else {
            struct counter *c = counter_new();
            if (!c) return H_NEW_NULL;
            for (long long i = 0; i < iters; i++)
                counter_add(c, 1);
            out[0] = counter_get(c);
            counter_free(c);
        }
        return H_OK;
    }
    static const long long ones[H_MAX_THREADS] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    return harness_go(which ? &harness_mutex_ops : &harness_learner_ops, nthreads, iters, ones, 0, 0, 0, out);
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
