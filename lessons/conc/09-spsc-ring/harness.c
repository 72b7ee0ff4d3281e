/* harness.c for conc/09-spsc-ring: a producer and a consumer around the learner's ring.
 *
 * Compiled beside ring.c (or solution.c); every name starts with harness_. A push into a full
 * ring or a pop from an empty one returns 0: the threads here then yield the CPU and retry.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

struct ring;
struct ring *ring_new(int capacity);
int ring_push(struct ring *r, long long v);
int ring_pop(struct ring *r, long long *out);
void ring_free(struct ring *r);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2, H_STUCK = 3 };

/* After a failed push or pop: retry at once a few dozen times (the other thread is probably
   running on the other core and about to make room), then give the CPU away. */
static void harness_backoff(unsigned tries) {
    if ((tries & 63) == 0) sched_yield();
}

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---------------------------------------------------------------- a producer, a consumer */

/* The items: a sequence the consumer can check one by one (negative ones and large ones too). */
static long long harness_item(long long i) { return (i * 0x9E3779B97F4A7C15LL) ^ (i << 3); }

struct harness_xfer {
    struct ring *r;
    int work;
    long long n;
    double deadline;
    volatile int gave_up;
};

static void *harness_producer(void *p) {
    struct harness_xfer *x = p;
    for (long long i = 0; i < x->n; i++) {
        long long v = harness_item(i);
        unsigned tries = 0;
        while (!ring_push(x->r, v)) {
            harness_backoff(++tries);
            if (!(tries & 4095) && harness_now() > x->deadline) {
                x->gave_up = 1;
                return NULL;
            }
        }
    }
    return NULL;
}

/* A producer thread pushes n items through a ring of the given capacity while this thread
 * pops and checks them (and spins `work` loop iterations on each).
 * out[0] = items got in order before the first wrong one (n if none), out[1] = what was got
 * there, out[2] = what was expected; out[3] = checksum of all items got. H_STUCK: nothing
 * moved for 1 s (out[0] says how far it got). */
int harness_transfer(int capacity, long long n, int work, long long *out)
{
    struct harness_xfer x = {0};
    pthread_t t;
    x.work = work;
    x.n = n;
    x.r = ring_new(capacity);
    if (!x.r) return H_NEW_NULL;
    x.deadline = harness_now() + 1.0;
    if (pthread_create(&t, NULL, harness_producer, &x) != 0) return H_NO_THREAD;
    long long sum = 0, bad = -1;
    out[0] = n;
    for (long long i = 0; i < n; i++) {
        long long v;
        unsigned tries = 0;
        while (!ring_pop(x.r, &v)) {
            harness_backoff(++tries);
            if (!(tries & 4095) && (x.gave_up || harness_now() > x.deadline + 0.2)) {
                out[0] = i;
                x.gave_up = 1;
                pthread_join(t, NULL);
                return H_STUCK;
            }
        }
        for (volatile int w = 0; w < work; w++) {}   /* the consumer's work on each item */
        if (v != harness_item(i) && bad < 0) {
            bad = i;
            out[0] = i, out[1] = v, out[2] = harness_item(i);
        }
        sum += v;
    }
    pthread_join(t, NULL);
    out[3] = sum;
    ring_free(x.r);
    return H_OK;
}

long long harness_expected_sum(long long n)
{
    long long sum = 0;
    for (long long i = 0; i < n; i++) sum += harness_item(i);
    return sum;
}

/* Creates and frees n rings of 64 (with a push and a pop); bytes left allocated, -1 on NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct ring *r = ring_new(64);
        long long v;
        if (!r) return -1;
        ring_push(r, k);
        ring_pop(r, &v);
        ring_free(r);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0;
}
