/* harness.c for mem/09-false-sharing: worker threads that count events in the learner's stats.
 *
 * Compiled beside stats.c (or solution.c). Every function here starts with harness_ so it
 * cannot clash with the learner's names. grade.lua calls harness_run and harness_leak.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
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
 * The timed run: the calling thread is worker 0 and one helper thread is worker 1. Both spin
 * at a start line until both are running, so that their loops overlap in time as much as the
 * machine allows, with no sleeping and waking in between. */
struct harness_pair {
    struct stats *s;
    long long iters;
    volatile int arrived;
};

static void harness_arrive(volatile int *p) {
    __asm__ __volatile__("lock incl %0" : "+m"(*p) : : "memory");
}

static void *harness_helper(void *p) {
    struct harness_pair *pr = p;
    harness_arrive(&pr->arrived);
    while (pr->arrived < 2) {}
    for (long long i = 0; i < pr->iters; i++)
        stats_hit(pr->s, 1);
    return NULL;
}

/* Two workers, each calling stats_hit iters times on its own counter; out[0], out[1] = the
 * counts afterwards. Returns H_OK, H_NEW_NULL or H_NO_THREAD. */
int harness_pair(long long iters, long long *out)
{
    struct harness_pair *pr = calloc(1, sizeof *pr);
    pthread_t t;
    if (!pr) return H_NO_THREAD;
    pr->s = stats_new(2);
    if (!pr->s) return H_NEW_NULL;
    pr->iters = iters;
    if (pthread_create(&t, NULL, harness_helper, pr) != 0) return H_NO_THREAD;
    harness_arrive(&pr->arrived);
    while (pr->arrived < 2) {}
    for (long long i = 0; i < iters; i++)
        stats_hit(pr->s, 0);
    pthread_join(t, NULL);
    out[0] = stats_count(pr->s, 0);
    out[1] = stats_count(pr->s, 1);
    stats_free(pr->s);
    free(pr);
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
