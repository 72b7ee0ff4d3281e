/* harness.c for conc/13-worker-pool: the function the learner's pool applies, and the emit
 * callback that checks the order and timing of the results.
 *
 * Compiled beside ordered.c (or solution.c); every name starts with harness_. The function
 * may sleep for a time that depends on the item (slow items among fast ones), counts how many
 * of its calls run at once, and how far the started items run ahead of the emitted ones.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int map_ordered(const long long *in, int n, long long (*fn)(long long), int nworkers, int window,
                void (*emit)(int i, long long r, void *ctx), void *ctx);

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile int harness_inside, harness_most, harness_emitting, harness_overlap;
static volatile long long harness_started, harness_emitted, harness_ahead;
static int harness_slow_every, harness_slow_us, harness_fast_us;

static long long harness_fn(long long v) {
    int now = kd_atomic_fetch_add_int(&harness_inside, 1) + 1;
    int most = kd_atomic_load_int(&harness_most);
    while (now > most && !kd_atomic_cas_int(&harness_most, &most, now)) {}
    long long s = kd_atomic_fetch_add_long(&harness_started, 1) + 1;
    long long ahead = s - kd_atomic_load_long(&harness_emitted);
    long long seen = kd_atomic_load_long(&harness_ahead);
    while (ahead > seen && !kd_atomic_cas_long(&harness_ahead, &seen, ahead)) {}
    /* Item values are their index: every slow_every-th item is slow. */
    long us = harness_slow_every && v % harness_slow_every == 0 ? harness_slow_us : harness_fast_us;
    if (us) {
        struct timespec ts = {us / 1000000, (us % 1000000) * 1000L};
        nanosleep(&ts, NULL);
    }
    kd_atomic_fetch_add_int(&harness_inside, -1);
    return v * v - 3;
}

struct harness_log {
    int n;
    long long next;                 /* the index expected next */
    long long bad_at, bad_i, bad_r; /* the first wrong emit */
    double t0, first_emit, last_emit;
};

static void harness_emit(int i, long long r, void *ctx) {
    struct harness_log *log = ctx;
    if (kd_atomic_exchange_int(&harness_emitting, 1)) harness_overlap = 1;
    double now = harness_now();
    if (log->next == 0) log->first_emit = now - log->t0;
    log->last_emit = now - log->t0;
    if ((i != log->next || r != (long long)i * i - 3) && log->bad_at < 0)
        log->bad_at = log->next, log->bad_i = i, log->bad_r = r;
    log->next++;
    kd_atomic_fetch_add_long(&harness_emitted, 1);
    kd_atomic_store_int(&harness_emitting, 0);
}

/* Runs map_ordered over in[i] = i for i < n. Items whose index is a multiple of slow_every
 * (if not 0) take slow_us, the others fast_us. out[0] = return value, out[1] = emits made,
 * out[2] = first wrong emit's position or -1 (out[3] its i, out[4] its r), out[5] = 1 if two
 * emits overlapped, out[6] = most fn calls at once, out[7] = most items started and not yet
 * emitted, out[8] = ms to the first emit, out[9] = ms to the last emit. */
int harness_map(int n, int nworkers, int window, int slow_every, int slow_us, int fast_us, long long *out)
{
    long long *in = malloc(sizeof *in * (size_t)(n + 1));
    struct harness_log log;
    if (!in) return 2;
    for (int i = 0; i < n; i++) in[i] = i;
    memset(&log, 0, sizeof log);
    log.n = n;
    log.bad_at = -1;
    harness_inside = harness_most = harness_emitting = harness_overlap = 0;
    harness_started = harness_emitted = harness_ahead = 0;
    harness_slow_every = slow_every, harness_slow_us = slow_us, harness_fast_us = fast_us;
    log.t0 = harness_now();
    out[0] = map_ordered(in, n, harness_fn, nworkers, window, harness_emit, &log);
    out[1] = log.next;
    out[2] = log.bad_at, out[3] = log.bad_i, out[4] = log.bad_r;
    out[5] = harness_overlap;
    out[6] = harness_most;
    out[7] = harness_ahead;
    out[8] = (long long)(log.first_emit * 1e3);
    out[9] = (long long)(log.last_emit * 1e3);
    free(in);
    return 0;
}
