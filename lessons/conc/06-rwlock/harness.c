/* harness.c for conc/06-rwlock: reader and writer threads around the learner's lock.
 *
 * Compiled beside rwlock.c (or solution.c); every name starts with harness_.
 * - Scripted scenes (harness_scene_new, harness_tell, harness_wait): one thread per role
 *   doing what the grader says, each step with a time limit, so a lock that blocks when it
 *   should not (or never wakes anyone) fails a test instead of hanging the check.
 * - Free runs (harness_run): readers and writers hammer one lock; joined without a time
 *   limit, so a hang ends in kdojo's report of who waits where.
 * Inside the lock, the harness counts readers and writers with atomics: a writer that finds
 * anyone else inside, or a reader that finds a writer, is reported.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct rwlock;
struct rwlock *rw_new(void);
void rw_rdlock(struct rwlock *l);
void rw_rdunlock(struct rwlock *l);
void rw_wrlock(struct rwlock *l);
void rw_wrunlock(struct rwlock *l);
void rw_free(struct rwlock *l);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2 };

static int harness_spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 << 10);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void harness_nap(void) {
    struct timespec ts = {0, 200000};
    nanosleep(&ts, NULL);
}

/* ---------------------------------------------------------------- who is inside */

/* Touched by every thread at once: only through kd_atomic_*. */
static int harness_readers, harness_writers, harness_most_readers;
static int harness_bad;                 /* 1: a writer with company; 2: a reader with a writer */
static int harness_bad_readers, harness_bad_writers;   /* written by the thread that set harness_bad */

static void harness_note(int bad) {
    int none = 0;
    if (kd_atomic_cas_int(&harness_bad, &none, bad)) {
        kd_atomic_store_int(&harness_bad_readers, kd_atomic_load_int(&harness_readers));
        kd_atomic_store_int(&harness_bad_writers, kd_atomic_load_int(&harness_writers));
    }
}

static void harness_enter_read(void) {
    int r = kd_atomic_fetch_add_int(&harness_readers, 1) + 1;
    int most = kd_atomic_load_int(&harness_most_readers);
    while (r > most && !kd_atomic_cas_int(&harness_most_readers, &most, r)) {}
    if (kd_atomic_load_int(&harness_writers)) harness_note(2);
}

static void harness_leave_read(void) { kd_atomic_fetch_add_int(&harness_readers, -1); }

static void harness_enter_write(void) {
    int w = kd_atomic_fetch_add_int(&harness_writers, 1) + 1;
    if (w > 1 || kd_atomic_load_int(&harness_readers)) harness_note(1);
}

static void harness_leave_write(void) { kd_atomic_fetch_add_int(&harness_writers, -1); }

static void harness_reset(void) {
    kd_atomic_store_int(&harness_readers, 0);
    kd_atomic_store_int(&harness_writers, 0);
    kd_atomic_store_int(&harness_most_readers, 0);
    kd_atomic_store_int(&harness_bad, 0);
}

/* out = {what went wrong (0, 1 or 2), readers inside then, writers inside then, most readers at once} */
void harness_inside(long long *out)
{
    out[0] = kd_atomic_load_int(&harness_bad);
    out[1] = kd_atomic_load_int(&harness_bad_readers);
    out[2] = kd_atomic_load_int(&harness_bad_writers);
    out[3] = kd_atomic_load_int(&harness_most_readers);
}

/* ---------------------------------------------------------------- scripted roles */

enum { A_RDLOCK = 1, A_RDUNLOCK = 2, A_WRLOCK = 3, A_WRUNLOCK = 4, A_QUIT = 5 };

struct harness_actor {
    struct rwlock *l;
    int cmd, busy;              /* shared with the grader's thread: kd_atomic_* only */
    pthread_t tid;
};

/* The current scene. A scene that fails with a thread stuck in the lock is abandoned as it
   is (its threads and lock are never touched again), so later scenes still run. */
struct harness_scene {
    struct rwlock *l;
    int n;
    struct harness_actor actors[8];
};
static struct harness_scene *harness_sc;

static void *harness_actor_main(void *p) {
    struct harness_actor *a = p;
    for (;;) {
        int cmd = kd_atomic_load_int(&a->cmd);
        if (!cmd) {
            harness_nap();
            continue;
        }
        kd_atomic_store_int(&a->cmd, 0);
        if (cmd == A_QUIT) break;
        if (cmd == A_RDLOCK) rw_rdlock(a->l), harness_enter_read();
        else if (cmd == A_RDUNLOCK) harness_leave_read(), rw_rdunlock(a->l);
        else if (cmd == A_WRLOCK) rw_wrlock(a->l), harness_enter_write();
        else if (cmd == A_WRUNLOCK) harness_leave_write(), rw_wrunlock(a->l);
        kd_atomic_store_int(&a->busy, 0);
    }
    kd_atomic_store_int(&a->busy, 0);
    return NULL;
}

/* A new lock and n (<= 8) idle threads that take commands. */
int harness_scene_new(int n)
{
    harness_reset();
    struct harness_scene *s = calloc(1, sizeof *s);
    if (!s) return H_NO_THREAD;
    s->l = rw_new();
    if (!s->l) return H_NEW_NULL;
    s->n = n;
    harness_sc = s;
    for (int i = 0; i < n; i++) {
        s->actors[i].l = s->l;
        if (harness_spawn(&s->actors[i].tid, harness_actor_main, &s->actors[i]) != 0) return H_NO_THREAD;
    }
    return H_OK;
}

void harness_tell(int i, int cmd)
{
    kd_atomic_store_int(&harness_sc->actors[i].busy, 1);
    kd_atomic_store_int(&harness_sc->actors[i].cmd, cmd);
}

/* 1 if thread i finished its command within ms milliseconds. */
int harness_wait(int i, int ms)
{
    struct harness_actor *a = &harness_sc->actors[i];
    double end = harness_now() + ms * 1e-3;
    while (kd_atomic_load_int(&a->busy) || kd_atomic_load_int(&a->cmd)) {
        if (harness_now() > end) return 0;
        harness_nap();
    }
    return 1;
}

/* Ends the scene. If every thread is idle they quit, and the lock is freed if asked (after a
   failed test it may still be held); returns 0, abandoning the scene, if one is stuck. */
int harness_scene_end(int free_lock)
{
    struct harness_scene *s = harness_sc;
    harness_sc = NULL;
    for (int i = 0; i < s->n; i++)
        if (kd_atomic_load_int(&s->actors[i].busy) || kd_atomic_load_int(&s->actors[i].cmd)) return 0;
    for (int i = 0; i < s->n; i++) {
        kd_atomic_store_int(&s->actors[i].busy, 1);
        kd_atomic_store_int(&s->actors[i].cmd, A_QUIT);
    }
    for (int i = 0; i < s->n; i++) pthread_join(s->actors[i].tid, NULL);
    if (free_lock) rw_free(s->l);
    free(s);
    return 1;
}

/* ---------------------------------------------------------------- free runs */

struct harness_run {
    struct rwlock *l;
    long long iters;
    int read_spin, write_spin;
    pthread_barrier_t start;
    long long a, b;             /* writers keep a == -b; a reader may never see them differ */
    long long writes;           /* a, b and writes are guarded by the learner's lock */
    long long torn, torn_a, torn_b;   /* kd_atomic_*: several readers at once */
};

static void harness_spin(int n) {
    for (volatile int k = 0; k < n; k++) {}
}

static void *harness_reader(void *p) {
    struct harness_run *r = p;
    pthread_barrier_wait(&r->start);
    for (long long i = 0; i < r->iters; i++) {
        rw_rdlock(r->l);
        harness_enter_read();
        long long a = r->a;
        harness_spin(r->read_spin);
        long long b = r->b;
        if (a != -b && kd_atomic_fetch_add_long(&r->torn, 1) == 0) {
            kd_atomic_store_long(&r->torn_a, a);
            kd_atomic_store_long(&r->torn_b, b);
        }
        harness_leave_read();
        rw_rdunlock(r->l);
    }
    return NULL;
}

static void *harness_writer(void *p) {
    struct harness_run *r = p;
    pthread_barrier_wait(&r->start);
    for (long long i = 0; i < r->iters; i++) {
        rw_wrlock(r->l);
        harness_enter_write();
        long long v = r->a + 1;
        r->a = v;
        harness_spin(r->write_spin);
        r->b = -v;
        r->writes++;
        harness_leave_write();
        rw_wrunlock(r->l);
    }
    return NULL;
}

/* nreaders and nwriters threads, iters times each, on one lock. out[0..3] as harness_inside;
 * out[4] = torn reads (out[5], out[6]: the first one's a and b); out[7] = writes counted
 * (must be nwriters * iters: writers excluded each other). */
int harness_run(int nreaders, int nwriters, long long iters, int read_spin, int write_spin, long long *out)
{
    struct harness_run *r = calloc(1, sizeof *r);
    pthread_t tid[64];
    int n = nreaders + nwriters;
    if (!r || n > 64) return H_NO_THREAD;
    harness_reset();
    r->l = rw_new();
    if (!r->l) return H_NEW_NULL;
    r->iters = iters;
    r->read_spin = read_spin;
    r->write_spin = write_spin;
    pthread_barrier_init(&r->start, NULL, (unsigned)n);
    for (int i = 0; i < n; i++)
        if (harness_spawn(&tid[i], i < nreaders ? harness_reader : harness_writer, r) != 0) return H_NO_THREAD;
    for (int i = 0; i < n; i++) pthread_join(tid[i], NULL);
    harness_inside(out);
    out[4] = r->torn, out[5] = r->torn_a, out[6] = r->torn_b, out[7] = r->writes;
    rw_free(r->l);
    pthread_barrier_destroy(&r->start);
    free(r);
    return H_OK;
}

/* Creates, uses and frees n locks; bytes still allocated afterwards, or -1 if rw_new failed. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct rwlock *l = rw_new();
        if (!l) return -1;
        rw_rdlock(l);
        rw_rdunlock(l);
        rw_wrlock(l);
        rw_wrunlock(l);
        rw_free(l);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0;
}
