/* harness.c for conc/14-fan-out-fan-in: tasks for the learner's fanout.
 *
 * Compiled beside fanout.c (or solution.c); every name starts with harness_. The tasks can
 * wait for each other (to prove they run at once), fail after a delay, poll the cancel flag,
 * or ignore it; they record when they finish, so the grader can see whether fanout returned
 * before all of them had.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long fanout(int n, long long (*task)(int k, volatile int *cancel, void *ctx), void *ctx, long long *results);

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void harness_nap_us(long us) {
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000L};
    nanosleep(&ts, NULL);
}

/* What task k does, set per test. */
struct harness_plan {
    int n;
    int meet;                  /* 1: every task waits (until 1 s after the start) for all to start */
    int fail_ms[64];           /* > 0: task k fails with -(k + 1) after that many ms */
    int run_ms[64];            /* how long a task works if it does not fail */
    int deaf[64];              /* 1: ignores the cancel flag */
    volatile int arrived, finished, cancelled, met_all;
    double t0;
};

#define H_CANCELLED -1000

static long long harness_task(int k, volatile int *cancel, void *ctx) {
    struct harness_plan *p = ctx;
    long long r = (long long)k * k + 1;
    if (p->meet) {
        kd_atomic_fetch_add_int(&p->arrived, 1);
        double end = p->t0 + 1.0;     /* from the start, not from this task's arrival */
        while (kd_atomic_load_int(&p->arrived) < p->n && harness_now() < end) sched_yield();
        if (kd_atomic_load_int(&p->arrived) < p->n) p->met_all = 0;
    }
    double end = p->t0 + (p->fail_ms[k] > 0 ? p->fail_ms[k] : p->run_ms[k]) * 1e-3;
    while (harness_now() < end) {
        if (!p->deaf[k] && kd_atomic_load_int(cancel)) {
            kd_atomic_fetch_add_int(&p->cancelled, 1);
            r = H_CANCELLED;
            break;
        }
        harness_nap_us(500);
    }
    if (r != H_CANCELLED && p->fail_ms[k] > 0) r = -(k + 1);
    kd_atomic_fetch_add_int(&p->finished, 1);
    return r;
}

/* Runs fanout over n tasks: fail_ms[k] > 0 makes task k fail with -(k + 1) at that time (ms
 * after the start), run_ms[k] is how long it works otherwise, deaf[k] = 1 makes it ignore
 * cancel; meet = 1 makes the tasks wait for each other first. results go to results[].
 * out[0] = fanout's return value, out[1] = tasks finished when it returned, out[2] = tasks
 * that saw cancel, out[3] = 1 if all tasks were running at once (meet), out[4] = ms taken. */
int harness_fan(int n, int meet, const int *fail_ms, const int *run_ms, const int *deaf, long long *results,
                long long *out)
{
    struct harness_plan *p = calloc(1, sizeof *p);
    if (!p || n > 64) return 2;
    p->n = n;
    p->meet = meet;
    p->met_all = 1;
    for (int k = 0; k < n; k++) p->fail_ms[k] = fail_ms[k], p->run_ms[k] = run_ms[k], p->deaf[k] = deaf[k];
    p->t0 = harness_now();
    out[0] = fanout(n, harness_task, p, results);
    out[1] = kd_atomic_load_int(&p->finished);
    out[2] = p->cancelled;
    out[3] = meet ? p->met_all : 1;
    out[4] = (long long)((harness_now() - p->t0) * 1e3);
    /* Tasks still running point at p: leave it to them. */
    if (out[1] == n) free(p);
    return 0;
}
