/* harness.c for conc/04-thread-pool: tasks for the learner's pool, the threads that submit
 * them, and the baseline of the speed bar (a new thread per task).
 *
 * Compiled beside pool.c (or solution.c); every name starts with harness_. Calls are not
 * given time limits: a future_get that is never woken hangs the check, and kdojo's hang
 * report then names the condition variable it sleeps on.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct pool;
struct future;
struct pool *pool_new(int nthreads);
struct future *pool_submit(struct pool *p, long long (*fn)(void *), void *arg);
long long future_get(struct future *f);
void pool_free(struct pool *p);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2, H_SUBMIT_NULL = 3 };

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int harness_spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 << 10);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

/* ---------------------------------------------------------------- tasks */

struct harness_job {
    long long x;
    volatile int runs;          /* how many times the task ran */
    pthread_t ran_on;
};

/* The plain task: 3x + 1, counting its runs. */
static long long harness_task(void *p) {
    struct harness_job *j = p;
    kd_atomic_fetch_add_int(&j->runs, 1);
    j->ran_on = pthread_self();
    return j->x * 3 + 1;
}

/* Shared state of the tasks that look at concurrency. */
static volatile int harness_inside, harness_most, harness_arrived, harness_gate;
static int harness_expected;

static double harness_meet_by;

/* Waits (until harness_meet_by) for harness_expected tasks to arrive; 1 if they all did. */
static long long harness_meet(void *p) {
    (void)p;
    kd_atomic_fetch_add_int(&harness_arrived, 1);
    while (kd_atomic_load_int(&harness_arrived) < harness_expected)
        if (harness_now() > harness_meet_by) return 0;
        else sched_yield();
    return 1;
}

/* Counts how many tasks run at once, for 0.3 ms each. */
static long long harness_crowd(void *p) {
    (void)p;
    int now = kd_atomic_fetch_add_int(&harness_inside, 1) + 1;
    int most = kd_atomic_load_int(&harness_most);
    while (now > most && !kd_atomic_cas_int(&harness_most, &most, now)) {}
    double end = harness_now() + 0.0003;
    while (harness_now() < end) {}
    kd_atomic_fetch_add_int(&harness_inside, -1);
    return 5;
}

/* Waits (up to 1 s) for the gate to open, then returns 7. */
static long long harness_gated(void *p) {
    struct harness_job *j = p;
    j->ran_on = pthread_self();
    double end = harness_now() + 1.0;
    while (!kd_atomic_load_int(&harness_gate) && harness_now() < end) sched_yield();
    return 7;
}

/* ---------------------------------------------------------------- scripted checks */

/* A pool of nthreads runs n plain tasks (x = 0, 1, ..., submitted all at once, then got in
 * order). out[0] = index of the first wrong result or -1, out[1] = that result; out[2] =
 * index of a task that ran other than once or -1, out[3] = its run count; out[4] = 1 if a
 * task ran on the thread that submitted it. */
int harness_basic(int nthreads, int n, long long *out)
{
    struct harness_job *jobs = calloc((size_t)n, sizeof *jobs);
    struct future **f = calloc((size_t)n, sizeof *f);
    if (!jobs || !f) return H_NO_THREAD;
    struct pool *p = pool_new(nthreads);
    if (!p) return H_NEW_NULL;
    for (int i = 0; i < n; i++) {
        jobs[i].x = i - 3;
        f[i] = pool_submit(p, harness_task, &jobs[i]);
        if (!f[i]) return H_SUBMIT_NULL;
    }
    out[0] = out[2] = -1;
    out[4] = 0;
    for (int i = 0; i < n; i++) {
        long long r = future_get(f[i]);
        if (r != jobs[i].x * 3 + 1 && out[0] < 0) out[0] = i, out[1] = r;
    }
    pool_free(p);
    for (int i = 0; i < n; i++) {
        if (jobs[i].runs != 1 && out[2] < 0) out[2] = i, out[3] = jobs[i].runs;
        if (jobs[i].runs && pthread_equal(jobs[i].ran_on, pthread_self())) out[4] = 1;
    }
    free(f);
    free(jobs);
    return H_OK;
}

/* pool_submit of a task that waits (up to 1 s) for a gate this thread opens only after
 * pool_submit returned: out[0] = microseconds pool_submit took, out[1] = 1 if the task ran on
 * this thread, out[2] = the result (7). */
int harness_async(long long *out)
{
    struct harness_job job = {0};
    struct pool *p = pool_new(2);
    if (!p) return H_NEW_NULL;
    harness_gate = 0;
    double t0 = harness_now();
    struct future *f = pool_submit(p, harness_gated, &job);
    out[0] = (long long)((harness_now() - t0) * 1e6);
    if (!f) return H_SUBMIT_NULL;
    kd_atomic_store_int(&harness_gate, 1);
    out[2] = future_get(f);
    out[1] = pthread_equal(job.ran_on, pthread_self());
    pool_free(p);
    return H_OK;
}

/* A pool of nthreads gets nthreads tasks that can only finish together. out[0] = how many
 * met the others (nthreads if the pool runs them at once). Then 2 * nthreads tasks that
 * count how many run at once: out[1] = the most. */
int harness_parallel(int nthreads, long long *out)
{
    struct future *f[64];
    struct pool *p = pool_new(nthreads);
    if (!p) return H_NEW_NULL;
    harness_arrived = 0;
    harness_expected = nthreads;
    harness_meet_by = harness_now() + 1.0;
    for (int i = 0; i < nthreads; i++)
        if (!(f[i] = pool_submit(p, harness_meet, NULL))) return H_SUBMIT_NULL;
    out[0] = 0;
    for (int i = 0; i < nthreads; i++) out[0] += future_get(f[i]);
    harness_inside = harness_most = 0;
    for (int i = 0; i < 2 * nthreads; i++)
        if (!(f[i] = pool_submit(p, harness_crowd, NULL))) return H_SUBMIT_NULL;
    for (int i = 0; i < 2 * nthreads; i++) future_get(f[i]);
    out[1] = harness_most;
    pool_free(p);
    return H_OK;
}

/* A task that takes 50 ms: future_get must wait for it. out[0] = result, out[1] = ms waited. */
static long long harness_slow(void *p) {
    (void)p;
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
    return -123456789012LL;
}

int harness_wait(long long *out)
{
    struct pool *p = pool_new(1);
    if (!p) return H_NEW_NULL;
    double t0 = harness_now();
    struct future *f = pool_submit(p, harness_slow, NULL);
    if (!f) return H_SUBMIT_NULL;
    out[0] = future_get(f);
    out[1] = (long long)((harness_now() - t0) * 1e3);
    pool_free(p);
    return H_OK;
}

/* ---------------------------------------------------------------- many submitters */

struct harness_sub {
    struct pool *p;
    struct harness_job *jobs;
    int n, window;
    volatile long long wrong, wrong_at, wrong_got, null;
};

static void *harness_submitter(void *q) {
    struct harness_sub *s = q;
    struct future *f[64];
    for (int base = 0; base < s->n; base += s->window) {
        int k = s->n - base < s->window ? s->n - base : s->window;
        for (int i = 0; i < k; i++)
            if (!(f[i] = pool_submit(s->p, harness_task, &s->jobs[base + i]))) {
                s->null = 1;
                return NULL;
            }
        for (int i = 0; i < k; i++) {
            long long r = future_get(f[i]);
            if (r != s->jobs[base + i].x * 3 + 1 && !s->wrong++) s->wrong_at = base + i, s->wrong_got = r;
        }
    }
    return NULL;
}

/* nsub threads each submit n tasks to one pool of nthreads, window at a time, and get them.
 * out[0] = wrong results (out[1]: submitter, out[2]: task, out[3]: result), out[4] = tasks
 * that ran other than once (out[5]: the first one's run count). */
int harness_stress(int nthreads, int nsub, int n, int window, long long *out)
{
    struct harness_sub *s = calloc((size_t)nsub, sizeof *s);
    pthread_t *tid = calloc((size_t)nsub, sizeof *tid);
    if (!s || !tid) return H_NO_THREAD;
    struct pool *p = pool_new(nthreads);
    if (!p) return H_NEW_NULL;
    for (int k = 0; k < nsub; k++) {
        s[k].p = p;
        s[k].n = n;
        s[k].window = window;
        s[k].jobs = calloc((size_t)n, sizeof *s[k].jobs);
        if (!s[k].jobs) return H_NO_THREAD;
        for (int i = 0; i < n; i++) s[k].jobs[i].x = (long long)k * 1000003 + i;
        if (harness_spawn(&tid[k], harness_submitter, &s[k]) != 0) return H_NO_THREAD;
    }
    for (int k = 0; k < nsub; k++) pthread_join(tid[k], NULL);
    pool_free(p);
    memset(out, 0, 6 * sizeof *out);
    for (int k = 0; k < nsub; k++) {
        if (s[k].null) return H_SUBMIT_NULL;
        if (s[k].wrong && !out[0]) out[1] = k, out[2] = s[k].wrong_at, out[3] = s[k].wrong_got;
        out[0] += s[k].wrong;
        for (int i = 0; i < n; i++)
            if (s[k].jobs[i].runs != 1 && !out[4]++) out[5] = s[k].jobs[i].runs;
        free(s[k].jobs);
    }
    free(tid);
    free(s);
    return H_OK;
}

/* Creates n pools of 2 threads, runs 3 tasks on each, frees them; returns how many bytes are
   still allocated that were not before, or -(k + 1) if pool_new returned NULL for pool k. */
long long harness_leak(int n)
{
    struct harness_job jobs[3] = {{0}};
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct pool *p = pool_new(2);
        if (!p) return -(long long)k - 1;
        struct future *f[3];
        for (int i = 0; i < 3; i++) f[i] = pool_submit(p, harness_task, &jobs[i]);
        for (int i = 0; i < 3; i++) if (f[i]) future_get(f[i]);
        pool_free(p);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0; /* less than before: memory of earlier tests was freed meanwhile */
}

/* ---------------------------------------------------------------- the speed bar */

/* Small tasks: the sum of 1 .. x (x = 8,000: some 6 microseconds under TinyCC). */
static long long harness_small(void *p) {
    struct harness_job *j = p;
    long long s = 0;
    for (long long i = 1; i <= j->x; i++) s += i;
    return s;
}

struct harness_thread_task {
    struct harness_job *job;
    long long result;
};

static void *harness_thread_task(void *p) {
    struct harness_thread_task *t = p;
    t->result = harness_small(t->job);
    return NULL;
}

static int harness_bench_pinned(int which, int nthreads, int n, int batch, int work, long long *out);

/* n small tasks, submitted `batch` at a time and then got, on the learner's pool of nthreads
 * (which = 0, pool_new and pool_free included) or with a new thread per task (which = 1,
 * the baseline). Returns the sum of the results in out[0]. */
int harness_bench(int which, int nthreads, int n, int batch, int work, long long *out)
{
    /* Everything on one CPU: threads inherit the affinity of the thread that creates them, so
       the pool's workers and the baseline's threads all share the CPU this thread runs on.
       Other programs on the machine then slow both sides alike, instead of deciding how many
       cores each side happens to get. */
    cpu_set_t saved, one;
    sched_getaffinity(0, sizeof saved, &saved);
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    sched_setaffinity(0, sizeof one, &one);
    int rc = harness_bench_pinned(which, nthreads, n, batch, work, out);
    sched_setaffinity(0, sizeof saved, &saved);
    return rc;
}

static int harness_bench_pinned(int which, int nthreads, int n, int batch, int work, long long *out)
{
    struct harness_job jobs[64];
    struct future *f[64];
    struct harness_thread_task tt[64];
    pthread_t tid[64];
    long long sum = 0;
    for (int i = 0; i < batch; i++) jobs[i].x = work + i;
    if (which == 0) {
        struct pool *p = pool_new(nthreads);
        if (!p) return H_NEW_NULL;
        for (int done = 0; done < n; done += batch) {
            for (int i = 0; i < batch; i++)
                if (!(f[i] = pool_submit(p, harness_small, &jobs[i]))) return H_SUBMIT_NULL;
            for (int i = 0; i < batch; i++) sum += future_get(f[i]);
        }
        pool_free(p);
    } else {
        for (int done = 0; done < n; done += batch) {
            for (int i = 0; i < batch; i++) {
                tt[i].job = &jobs[i];
                if (harness_spawn(&tid[i], harness_thread_task, &tt[i]) != 0) return H_NO_THREAD;
            }
            for (int i = 0; i < batch; i++) {
                pthread_join(tid[i], NULL);
                sum += tt[i].result;
            }
        }
    }
    out[0] = sum;
    return H_OK;
}
