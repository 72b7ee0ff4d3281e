/* harness.c for conc/17-parallel-for: loop bodies for the learner's parallel_for.
 *
 * Compiled beside pfor.c (or solution.c); every name starts with harness_. The bodies count
 * how often each index runs, how many run at once, and (for the speed bar) wait for a time
 * that depends on the index, like requests of very different sizes. The baseline of the bar
 * is a static schedule, written here.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void parallel_for(int n, int nthreads, void (*body)(int i, void *ctx), void *ctx);

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct harness_ctx {
    int n;
    volatile int *runs;          /* runs[i]: how many times body(i) ran */
    volatile int inside, most, arrived, expected, late;
    double meet_by;
    int wait_us, heavy_until, heavy_us;
    long long bad_index;
};

/* Counts the run; an index outside 0 .. n-1 is remembered. */
static void harness_count(int i, void *p) {
    struct harness_ctx *c = p;
    if (i < 0 || i >= c->n) {
        c->bad_index = i;
        return;
    }
    kd_atomic_fetch_add_int(&c->runs[i], 1);
}

/* Counts, and tracks how many bodies run at once for about 0.3 ms each. */
static void harness_crowd(int i, void *p) {
    struct harness_ctx *c = p;
    harness_count(i, p);
    int now = kd_atomic_fetch_add_int(&c->inside, 1) + 1;
    int most = kd_atomic_load_int(&c->most);
    while (now > most && !kd_atomic_cas_int(&c->most, &most, now)) {}
    double end = harness_now() + 0.0003;
    while (harness_now() < end) sched_yield();
    kd_atomic_fetch_add_int(&c->inside, -1);
}

/* Counts, then waits until `expected` bodies have arrived (or the deadline passes). */
static void harness_meet(int i, void *p) {
    struct harness_ctx *c = p;
    harness_count(i, p);
    kd_atomic_fetch_add_int(&c->arrived, 1);
    while (kd_atomic_load_int(&c->arrived) < c->expected)
        if (harness_now() > c->meet_by) {
            c->late = 1;
            return;
        }
        else sched_yield();
}

/* Counts, then waits: heavy_us for the first heavy_until indices, wait_us for the rest. */
static void harness_skewed(int i, void *p) {
    struct harness_ctx *c = p;
    harness_count(i, p);
    long us = i < c->heavy_until ? c->heavy_us : c->wait_us;
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static int harness_ctx_init(struct harness_ctx *c, int n) {
    memset(c, 0, sizeof *c);
    c->n = n;
    c->bad_index = -1;
    c->runs = calloc((size_t)(n > 0 ? n : 1), sizeof(int));
    return c->runs != NULL;
}

/* Checks every index ran once. out[0] = first index that ran other than once, or -1;
 * out[1] = its count; out[2] = an out-of-range index the body got, or -1. */
static void harness_tally(struct harness_ctx *c, long long *out) {
    out[0] = -1;
    for (int i = 0; i < c->n; i++)
        if (c->runs[i] != 1) {
            out[0] = i, out[1] = c->runs[i];
            break;
        }
    out[2] = c->bad_index;
}

/* kind 0: plain counting bodies; 1: crowd (out[3] = most at once); 2: all n bodies must run
 * at once (out[3] = 1 if they did not meet within 1 s). Returns 0, or 2 if out of memory. */
int harness_run(int kind, int n, int nthreads, long long *out)
{
    struct harness_ctx c;
    if (!harness_ctx_init(&c, n)) return 2;
    c.expected = n;
    c.meet_by = harness_now() + 1.0;
    parallel_for(n, nthreads, kind == 0 ? harness_count : kind == 1 ? harness_crowd : harness_meet, &c);
    harness_tally(&c, out);
    out[3] = kind == 1 ? c.most : c.late;
    free((void *)c.runs);
    return 0;
}

/* ---------------------------------------------------------------- the speed bar */

struct harness_block {
    int start, end;
    struct harness_ctx *c;
};

static void *harness_block_run(void *p) {
    struct harness_block *b = p;
    for (int i = b->start; i < b->end; i++) harness_skewed(i, b->c);
    return NULL;
}

/* The baseline: a static schedule, thread k running the k-th contiguous block. */
static void harness_static_for(int n, int nthreads, struct harness_ctx *c) {
    struct harness_block b[64];
    pthread_t t[64];
    for (int k = 0; k < nthreads; k++) {
        b[k].start = (int)((long long)n * k / nthreads);
        b[k].end = (int)((long long)n * (k + 1) / nthreads);
        b[k].c = c;
    }
    for (int k = 1; k < nthreads; k++) pthread_create(&t[k], NULL, harness_block_run, &b[k]);
    harness_block_run(&b[0]);
    for (int k = 1; k < nthreads; k++) pthread_join(t[k], NULL);
}

/* n items on nthreads threads: the first n / 8 wait heavy_us each, the rest wait_us, through
 * the learner's parallel_for (which = 0) or the static baseline (which = 1). out as for
 * harness_run. */
int harness_skew(int which, int n, int nthreads, int wait_us, int heavy_us, long long *out)
{
    struct harness_ctx c;
    if (!harness_ctx_init(&c, n)) return 2;
    c.wait_us = wait_us;
    c.heavy_us = heavy_us;
    c.heavy_until = n / 8;
    if (which) harness_static_for(n, nthreads, &c);
    else parallel_for(n, nthreads, harness_skewed, &c);
    harness_tally(&c, out);
    free((void *)c.runs);
    return 0;
}
