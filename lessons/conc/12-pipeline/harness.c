/* harness.c for conc/12-pipeline: stage functions that watch how the learner's pipeline runs
 * them, and the checks of what comes out.
 *
 * Compiled beside pipeline.c (or solution.c); every name starts with harness_. Each stage
 * function counts its calls and how many of its own calls run at once, may sleep (like a
 * stage that waits for a disk or a service), and computes something stage-specific, so an
 * item that skipped a stage or went through one twice comes out wrong.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef long long (*stage_fn)(long long);
int pipeline_run(const long long *in, int n, stage_fn *fns, const int *workers, int nstages, int capacity,
                 long long *out);

#define H_STAGES 4

static volatile int harness_inside[H_STAGES], harness_most[H_STAGES];
static volatile long long harness_calls[H_STAGES], harness_lag;
static int harness_sleep_us[H_STAGES], harness_nstages;

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long long harness_apply(int s, long long v) {
    switch (s) {
    case 0: return v * 3;
    case 1: return v + 7;
    case 2: return v ^ 0x5555;
    default: return -v;
    }
}

static long long harness_stage(int s, long long v) {
    int now = kd_atomic_fetch_add_int(&harness_inside[s], 1) + 1;
    int most = kd_atomic_load_int(&harness_most[s]);
    while (now > most && !kd_atomic_cas_int(&harness_most[s], &most, now)) {}
    long long c = kd_atomic_fetch_add_long(&harness_calls[s], 1) + 1;
    if (s == 0) {
        /* How far the first stage has run ahead of the last one. */
        long long lag = c - kd_atomic_load_long(&harness_calls[harness_nstages - 1]);
        long long seen = kd_atomic_load_long(&harness_lag);
        while (lag > seen && !kd_atomic_cas_long(&harness_lag, &seen, lag)) {}
    }
    if (harness_sleep_us[s]) {
        struct timespec ts = {0, harness_sleep_us[s] * 1000L};
        nanosleep(&ts, NULL);
    }
    kd_atomic_fetch_add_int(&harness_inside[s], -1);
    return harness_apply(s, v);
}

static long long harness_f0(long long v) { return harness_stage(0, v); }
static long long harness_f1(long long v) { return harness_stage(1, v); }
static long long harness_f2(long long v) { return harness_stage(2, v); }
static long long harness_f3(long long v) { return harness_stage(3, v); }

static int harness_cmp(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* Runs n items (i * 11 - 50) through nstages (<= 4) stages with the given workers and
 * per-call sleeps (microseconds), channels of `capacity`.
 * out[0] = what pipeline_run returned; out[1] = 0 if the results are right, 1 if not the same
 * items (as a multiset), 2 if right but out of order when `ordered`; out[2] = index of the
 * first difference; out[3] = ms taken; out[4] = most calls of any one stage at once beyond its
 * workers (stage in out[5], count in out[6]); out[7] = how far stage 0 ran ahead of the last
 * stage; out[8 + s] = calls of stage s; out[12 + s] = most calls of stage s at once. */
int harness_pipe(int nstages, int n, const int *workers, const int *sleep_us, int capacity, int ordered,
                 long long *out)
{
    stage_fn fns[H_STAGES] = {harness_f0, harness_f1, harness_f2, harness_f3};
    long long *in = malloc(sizeof *in * (size_t)(n + 1));
    long long *got = malloc(sizeof *got * (size_t)(2 * n + 16));
    long long *want = malloc(sizeof *want * (size_t)(n + 1));
    if (!in || !got || !want) return 2;
    memset(out, 0, 16 * sizeof *out);
    harness_nstages = nstages;
    harness_lag = 0;
    for (int s = 0; s < H_STAGES; s++) {
        harness_inside[s] = harness_most[s] = 0;
        harness_calls[s] = 0;
        harness_sleep_us[s] = s < nstages ? sleep_us[s] : 0;
    }
    for (int i = 0; i < n; i++) {
        in[i] = (long long)i * 11 - 50;
        want[i] = in[i];
        for (int s = 0; s < nstages; s++) want[i] = harness_apply(s, want[i]);
    }
    for (int i = 0; i < 2 * n + 16; i++) got[i] = 0x7eadbeef;
    double t0 = harness_now();
    int r = pipeline_run(in, n, fns, workers, nstages, capacity, got);
    out[3] = (long long)((harness_now() - t0) * 1e3);
    out[0] = r;
    out[2] = -1;
    if (r == n) {
        if (ordered) {
            for (int i = 0; i < n && out[2] < 0; i++)
                if (got[i] != want[i]) out[2] = i;
            if (out[2] >= 0) {
                long long *a = malloc(sizeof *a * (size_t)(n + 1));
                memcpy(a, got, sizeof *a * (size_t)n);
                qsort(a, (size_t)n, sizeof *a, harness_cmp);
                long long *b = malloc(sizeof *b * (size_t)(n + 1));
                memcpy(b, want, sizeof *b * (size_t)n);
                qsort(b, (size_t)n, sizeof *b, harness_cmp);
                out[1] = memcmp(a, b, sizeof *a * (size_t)n) ? 1 : 2;
                free(a);
                free(b);
            }
        } else {
            qsort(got, (size_t)n, sizeof *got, harness_cmp);
            qsort(want, (size_t)n, sizeof *want, harness_cmp);
            for (int i = 0; i < n && out[2] < 0; i++)
                if (got[i] != want[i]) out[2] = i;
            if (out[2] >= 0) out[1] = 1;
        }
    }
    for (int s = 0; s < nstages; s++) {
        out[8 + s] = harness_calls[s];
        out[12 + s] = harness_most[s];
        if (harness_most[s] - workers[s] > out[4]) out[4] = harness_most[s] - workers[s], out[5] = s, out[6] = harness_most[s];
    }
    out[7] = harness_lag;
    free(in);
    free(got);
    free(want);
    return 0;
}
