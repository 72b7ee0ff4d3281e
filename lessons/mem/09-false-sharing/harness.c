/* harness.c for mem/09-false-sharing: worker threads that count events in the learner's stats.
 *
 * Compiled beside stats.c (or solution.c). Every function here starts with harness_ so it
 * cannot clash with the learner's names. grade.lua calls harness_run and harness_leak.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct stats;
struct stats *stats_new(int nworkers);
void stats_hit(struct stats *s, int worker);
long long stats_count(struct stats *s, int worker);
void stats_free(struct stats *s);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2, H_HANG = 3 };
#define H_MAX_THREADS 32
#define H_HANG_SECONDS 10

struct harness_shared {
    struct stats *s;
    long long iters;
    pthread_barrier_t start;
};

struct harness_arg {
    struct harness_shared *sh;
    int worker;
};

static void *harness_worker(void *p) {
    struct harness_arg *a = p;
    struct stats *s = a->sh->s;
    int w = a->worker;
    long long n = a->sh->iters;
    pthread_barrier_wait(&a->sh->start);
    for (long long i = 0; i < n; i++)
        stats_hit(s, w);
    return NULL;
}

/* nworkers threads start together; worker w calls stats_hit(s, w) iters times. Afterwards
 * out[w] = stats_count(s, w) for every worker. Returns H_OK, H_NEW_NULL, H_NO_THREAD or
 * H_HANG (threads still running after 10 s; they are left behind). */
int harness_run(int nworkers, long long iters, long long *out)
{
    struct harness_shared *sh = calloc(1, sizeof *sh);
    struct harness_arg *args = calloc(H_MAX_THREADS, sizeof *args);
    pthread_t tid[H_MAX_THREADS];
    if (!sh || !args || nworkers > H_MAX_THREADS) return H_NO_THREAD;
    sh->s = stats_new(nworkers);
    if (!sh->s) return H_NEW_NULL;
    sh->iters = iters;
    pthread_barrier_init(&sh->start, NULL, (unsigned)nworkers);
    for (int i = 0; i < nworkers; i++) {
        args[i].sh = sh;
        args[i].worker = i;
        if (pthread_create(&tid[i], NULL, harness_worker, &args[i]) != 0) return H_NO_THREAD;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += H_HANG_SECONDS;
    int hung = 0;
    for (int i = 0; i < nworkers; i++)
        if (pthread_timedjoin_np(tid[i], NULL, &deadline) != 0) hung = 1;
    if (hung) return H_HANG;
    for (int i = 0; i < nworkers; i++)
        out[i] = stats_count(sh->s, i);
    stats_free(sh->s);
    pthread_barrier_destroy(&sh->start);
    free(args);
    free(sh);
    return H_OK;
}

/* ---------------------------------------------------------------- timing
 * The timed run: the calling thread is worker 0 and a helper thread is worker 1, pinned to two
 * different CPUs. (A thread is often queued on its creator's CPU, and two workers taking turns
 * on one core share its cache and show no false sharing at all.) The helper is created once
 * and sleeps between runs: a thread woken from sleep gets a CPU sooner than a new one, which
 * keeps the start of each run short on a busy machine. Both workers spin at a start line until
 * both are running, so their loops overlap as much as the machine allows. */
struct harness_pair {
    pthread_mutex_t m;
    pthread_cond_t cv;
    long long generation;         /* bumped by the caller to start a run */
    struct stats *s;
    long long iters;
    volatile int arrived, finished;
    int helper_cpu;
};

static struct harness_pair harness_pr = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, NULL, 0, 0, 0, -1};
static int harness_pr_started;

static void harness_arrive(volatile int *p) {
    __asm__ __volatile__("lock incl %0" : "+m"(*p) : : "memory");
}

static void *harness_helper(void *p) {
    struct harness_pair *pr = p;
    long long seen = 0;
    for (;;) {
        pthread_mutex_lock(&pr->m);
        while (pr->generation == seen)
            pthread_cond_wait(&pr->cv, &pr->m);
        seen = pr->generation;
        pthread_mutex_unlock(&pr->m);
        harness_arrive(&pr->arrived);
        while (pr->arrived < 2) {}
        for (long long i = 0; i < pr->iters; i++)
            stats_hit(pr->s, 1);
        harness_arrive(&pr->finished);
    }
    return NULL;
}

/* Starts the helper on a CPU other than the caller's; returns 0 when none could be made. */
static int harness_pair_start(void) {
    cpu_set_t allowed, there;
    pthread_attr_t attr;
    pthread_t t;
    int cpu = sched_getcpu(), other = -1;
    if (cpu < 0 || pthread_getaffinity_np(pthread_self(), sizeof allowed, &allowed) != 0) return 0;
    for (int c = 0; c < CPU_SETSIZE && other < 0; c++)
        if (c != cpu && CPU_ISSET(c, &allowed)) other = c;
    pthread_attr_init(&attr);
    if (other >= 0) {
        CPU_ZERO(&there);
        CPU_SET(other, &there);
        pthread_attr_setaffinity_np(&attr, sizeof there, &there);
    }
    int ok = pthread_create(&t, &attr, harness_helper, &harness_pr) == 0;
    pthread_attr_destroy(&attr);
    if (ok) {
        pthread_detach(t);
        harness_pr.helper_cpu = other;
    }
    return ok;
}

/* Two workers, each calling stats_hit iters times on its own counter; out[0], out[1] = the
 * counts afterwards. Returns H_OK, H_NEW_NULL or H_NO_THREAD. */
int harness_pair(long long iters, long long *out)
{
    struct harness_pair *pr = &harness_pr;
    if (!harness_pr_started) {
        if (!harness_pair_start()) return H_NO_THREAD;
        harness_pr_started = 1;
    }
    pr->s = stats_new(2);
    if (!pr->s) return H_NEW_NULL;
    pr->iters = iters;
    pr->arrived = 0;
    pr->finished = 0;

    /* This thread runs worker 0 on a CPU other than the helper's, for this run only. */
    pthread_t self = pthread_self();
    cpu_set_t allowed, here;
    int pinned = 0;
    if (pr->helper_cpu >= 0 && pthread_getaffinity_np(self, sizeof allowed, &allowed) == 0) {
        for (int c = 0; c < CPU_SETSIZE && !pinned; c++)
            if (c != pr->helper_cpu && CPU_ISSET(c, &allowed)) {
                CPU_ZERO(&here);
                CPU_SET(c, &here);
                pinned = pthread_setaffinity_np(self, sizeof here, &here) == 0;
            }
    }

    pthread_mutex_lock(&pr->m);
    pr->generation++;
    pthread_cond_signal(&pr->cv);
    pthread_mutex_unlock(&pr->m);
    harness_arrive(&pr->arrived);
    while (pr->arrived < 2) {}
    for (long long i = 0; i < iters; i++)
        stats_hit(pr->s, 0);
    while (pr->finished < 1) {}
    if (pinned) pthread_setaffinity_np(self, sizeof allowed, &allowed);

    out[0] = stats_count(pr->s, 0);
    out[1] = stats_count(pr->s, 1);
    stats_free(pr->s);
    pr->s = NULL;
    return H_OK;
}

/* stats_new after other stats were used and freed (so its memory is likely recycled):
 * out[w] = stats_count(s, w) before any stats_hit. */
int harness_fresh(int nworkers, long long *out)
{
    for (int k = 0; k < 3; k++) {
        struct stats *old = stats_new(nworkers);
        if (!old) return H_NEW_NULL;
        for (int w = 0; w < nworkers; w++)
            for (int i = 0; i <= w + k; i++)
                stats_hit(old, w);
        stats_free(old);
    }
    struct stats *s = stats_new(nworkers);
    if (!s) return H_NEW_NULL;
    for (int w = 0; w < nworkers; w++)
        out[w] = stats_count(s, w);
    stats_free(s);
    return H_OK;
}

/* Creates and frees n stats of nworkers each; returns the bytes still allocated afterwards
 * that were not before, or -1 if stats_new returned NULL. */
long long harness_leak(int n, int nworkers)
{
    struct mallinfo2 before = mallinfo2();
    for (int i = 0; i < n; i++) {
        struct stats *s = stats_new(nworkers);
        if (!s) return -1;
        stats_hit(s, i % nworkers);
        stats_free(s);
    }
    struct mallinfo2 after = mallinfo2();
    return (long long)after.uordblks - (long long)before.uordblks;
}
