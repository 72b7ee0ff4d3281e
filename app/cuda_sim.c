/* cuda_sim: runs CUDA kernels compiled by libtcc on the CPU, strictly (see cuda_sim.h). */
#include "cuda_sim.h"
#include "cuda_fiber.h"
#include "util.h"

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---------------------------------------------------------------- state */

enum { T_NEW, T_RUNNING, T_READY, T_AT_BLOCK, T_AT_WARP, T_EXITED };

typedef struct {
    void *sp;          /* saved context while parked */
    int stack;         /* the fiber stack it runs on */
    unsigned char state;
    int line;          /* the source line it waits at */
    unsigned mask;     /* the mask of the warp barrier it waits at */
    const char *what;  /* the call it waits in: "__syncwarp", "__shfl_sync", ... */
} sim_thread;

typedef struct {
    unsigned waiting;                 /* lanes parked at a warp barrier */
    unsigned gen;                     /* releases so far: selects the value slots */
    unsigned long long val[2][32];    /* shuffle/vote values, double-buffered by gen */
} sim_warp;

/* One worker runs one block at a time, on its own OS thread (worker 0 is the grading child's
   main thread) and with its own compiled copy of the program, so its kd_cuda_now and static
   __shared__ arrays are its own. Workers are module state: the crash handler reads them. */
typedef struct {
    struct kd_cuda_now *now;
    cuda_kernel_call call;
    void *args;
    cuda_dim3 block;
    int nthreads, next, reverse;
    volatile int cur;          /* the running thread, -1 between blocks */
    volatile int running;      /* a kernel is running */
    int at_block, exited, block_line, block_first;
    sim_thread threads[CUDA_MAX_THREADS];
    sim_warp warps[CUDA_MAX_THREADS / 32];
    int ready[CUDA_MAX_THREADS], rhead, rtail, nready;
    int waiters[CUDA_MAX_THREADS], nwaiters;   /* parked at the block barrier, in arrival order */
    void *sched_sp;
    int fiber_stack, done_stack;
    fiber_pool pool;
    int failed;
    char err[768];
    int index;
    pthread_t tid;
    volatile int has_tid;
    unsigned start_gen;        /* helpers: the launch generation when the thread was made */
    char *dyn_shared;          /* extern __shared__ arrays of this worker's program copy */
    size_t dyn_open;           /* bytes of it currently readable and writable (whole pages) */
} sim_worker;

static sim_worker workers[CUDA_MAX_WORKERS];
static int float_atomics;
static size_t dyn_bytes;        /* dynamic shared bytes the running launch asked for */
static int building_for;        /* the worker whose program copy is being compiled */

/* Writer tracking for small outputs: at every switch away from a thread, the watched buffers
   are compared with a shadow copy, and the elements that changed are put down to that thread. */
typedef struct {
    char *data, *shadow;
    size_t n;
    int esize;
    unsigned *writers;   /* per element: block * 1024 + thread, or ~0u */
} watched;
#define MAX_WATCHED 4
static watched watch[MAX_WATCHED];
static int nwatch;

int cuda_sim_take_float_atomics(void) { return __atomic_exchange_n(&float_atomics, 0, __ATOMIC_SEQ_CST); }

void cuda_sim_building_for(int worker) { building_for = worker; }

int cuda_sim_workers(void) {
    const char *e = getenv("KDOJO_CUDA_WORKERS");
    long n = e && *e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CUDA_MAX_WORKERS ? CUDA_MAX_WORKERS : (int)n;
}

/* ---------------------------------------------------------------- naming threads */

static cuda_dim3 thread_xyz(const sim_worker *w, int i) {
    cuda_dim3 d;
    d.x = (unsigned)i % w->block.x;
    d.y = ((unsigned)i / w->block.x) % w->block.y;
    d.z = (unsigned)i / (w->block.x * w->block.y);
    return d;
}

static const char *thread_name(const sim_worker *w, int i, char *buf, size_t len) {
    cuda_dim3 t = thread_xyz(w, i), b = w->now->blockIdx;
    snprintf(buf, len, "thread (%u,%u,%u) of block (%u,%u,%u)", t.x, t.y, t.z, b.x, b.y, b.z);
    return buf;
}

static const char *thread_short(const sim_worker *w, int i, char *buf, size_t len) {
    cuda_dim3 t = thread_xyz(w, i);
    snprintf(buf, len, "thread (%u,%u,%u)", t.x, t.y, t.z);
    return buf;
}

/* ---------------------------------------------------------------- scheduling */

static void set_current(sim_worker *w, int i) {
    w->cur = i;
    if (w->block.y == 1 && w->block.z == 1) {
        w->now->threadIdx.x = (unsigned)i;
        w->now->threadIdx.y = w->now->threadIdx.z = 0;
    } else {
        w->now->threadIdx = thread_xyz(w, i);
    }
}

static void push_ready(sim_worker *w, int i) {
    w->threads[i].state = T_READY;
    w->ready[w->rtail] = i;
    w->rtail = (w->rtail + 1) % CUDA_MAX_THREADS;
    w->nready++;
}

/* Ends the block with an error: back to the scheduler, never to return. */
static void fail(sim_worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn, cold, noinline));
static void fail(sim_worker *w, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof w->err, fmt, ap);
    va_end(ap);
    w->failed = 1;
    void *dead;
    fiber_switch(&dead, w->sched_sp);
    abort(); /* not reached */
}

static void fiber_main(void *arg);

static void note_writes(sim_worker *w) {
    if (!nwatch) return;
    const cuda_dim3 *g = &w->now->gridDim, *b = &w->now->blockIdx;
    unsigned id = ((b->z * g->y + b->y) * g->x + b->x) * CUDA_MAX_THREADS + (unsigned)w->cur;
    for (int k = 0; k < nwatch; k++) {
        watched *v = &watch[k];
        size_t bytes = v->n * (size_t)v->esize;
        if (!memcmp(v->data, v->shadow, bytes)) continue;
        for (size_t i = 0; i < v->n; i++) {
            size_t o = i * (size_t)v->esize;
            if (memcmp(v->data + o, v->shadow + o, (size_t)v->esize)) v->writers[i] = id;
        }
        memcpy(v->shadow, v->data, bytes);
    }
}

int cuda_sim_watch(void *data, size_t n, int esize, unsigned *writers) {
    if (nwatch == MAX_WATCHED) return -1;
    watched *v = &watch[nwatch++];
    v->data = data;
    v->n = n;
    v->esize = esize;
    v->writers = writers;
    v->shadow = xmalloc(n * (size_t)esize + 1);
    memcpy(v->shadow, data, n * (size_t)esize);
    for (size_t i = 0; i < n; i++) writers[i] = ~0u;
    return 0;
}

void cuda_sim_unwatch(void) {
    for (int k = 0; k < nwatch; k++) free(watch[k].shadow);
    nwatch = 0;
}

/* Parks thread i and switches straight to the next runnable thread (a released one, else a
   fresh fiber for threads not started yet); only when there is none does the scheduler run. */
static void park(sim_worker *w, int i) {
    void **save = &w->threads[i].sp;
    note_writes(w);
    int stack;
    if (w->nready) {
        int j = w->ready[w->rhead];
        w->rhead = (w->rhead + 1) % CUDA_MAX_THREADS;
        w->nready--;
        set_current(w, j);
        fiber_switch(save, w->threads[j].sp);
    } else if (w->next < w->nthreads && (stack = fiber_pool_take(&w->pool)) >= 0) {
        w->fiber_stack = stack;
        fiber_switch(save, fiber_prepare(&w->pool, stack, fiber_main, w));
    } else {
        fiber_switch(save, w->sched_sp);
    }
    w->threads[i].state = T_RUNNING;
}

static void on_exit_check(sim_worker *w, int i);

/* Every fiber runs threads as plain calls, one after another, until a thread parks; the
   scheduler then starts a new fiber for the rest. */
static void fiber_main(void *arg) {
    sim_worker *w = arg;
    int stack = w->fiber_stack;
    while (w->next < w->nthreads) {
        int k = w->next++;
        int i = w->reverse ? w->nthreads - 1 - k : k;
        w->threads[i].stack = stack;
        w->threads[i].state = T_RUNNING;
        set_current(w, i);
        w->call(w->args);
        note_writes(w);
        w->threads[i].state = T_EXITED;
        w->exited++;
        on_exit_check(w, i);
    }
    w->done_stack = stack;
    void *dead;
    fiber_switch(&dead, w->sched_sp);
}

static void diagnose_deadlock(sim_worker *w);

/* Runs one block to completion; 0, or -1 with w->err set. */
static int run_block(sim_worker *w) {
    w->next = w->exited = w->at_block = w->nwaiters = 0;
    w->rhead = w->rtail = w->nready = 0;
    w->done_stack = -1;
    int nwarps = (w->nthreads + 31) / 32;
    for (int k = 0; k < nwarps; k++) w->warps[k].waiting = w->warps[k].gen = 0;
    for (int i = 0; i < w->nthreads; i++) w->threads[i].state = T_NEW;
    for (;;) {
        if (w->nready) {
            int i = w->ready[w->rhead];
            w->rhead = (w->rhead + 1) % CUDA_MAX_THREADS;
            w->nready--;
            set_current(w, i);
            fiber_switch(&w->sched_sp, w->threads[i].sp);
        } else if (w->next < w->nthreads) {
            int stack = fiber_pool_take(&w->pool);
            if (stack < 0) {
                snprintf(w->err, sizeof w->err, "the simulator ran out of memory for thread stacks");
                w->failed = 1;
            } else {
                w->fiber_stack = stack;
                fiber_switch(&w->sched_sp, fiber_prepare(&w->pool, stack, fiber_main, w));
            }
        } else {
            break;
        }
        if (w->failed) break;
        if (w->done_stack >= 0) {
            fiber_pool_give(&w->pool, w->done_stack);
            w->done_stack = -1;
        }
    }
    if (!w->failed && w->exited < w->nthreads) diagnose_deadlock(w);
    if (w->failed) fiber_pool_reset(&w->pool);
    w->cur = -1;
    return w->failed ? -1 : 0;
}

/* ---------------------------------------------------------------- __syncthreads */

static int first_exited(const sim_worker *w) {
    for (int i = 0; i < w->nthreads; i++)
        if (w->threads[i].state == T_EXITED) return i;
    return 0;
}

static void __attribute__((noinline, cold, noreturn)) fail_exited_at_barrier(sim_worker *w, int gone) {
    char a[80], b[48];
    int waiting = w->at_block;
    fail(w, "%s exited without reaching the __syncthreads() at line %d that %d other thread%s of its block wait%s at "
            "(first: %s); every thread of a block must reach each __syncthreads(): put the barrier outside the if, "
            "or keep idle threads alive (skip their work, not the barrier)",
         thread_name(w, gone, a, sizeof a), w->block_line, waiting, waiting == 1 ? "" : "s", waiting == 1 ? "s" : "",
         thread_short(w, w->block_first, b, sizeof b));
}

/* Releases the threads parked at the block barrier, in the order they arrived (which follows
   the schedule). Nothing else is runnable then: every other thread waits here or has exited. */
static void release_block(sim_worker *w) {
    int n = w->nwaiters;
    for (int k = 0; k < n; k++) w->threads[w->waiters[k]].state = T_READY;
    memcpy(w->ready, w->waiters, (size_t)n * sizeof *w->ready);
    w->rhead = 0;
    w->rtail = n % CUDA_MAX_THREADS;
    w->nready = n;
    w->nwaiters = 0;
    w->at_block = 0;
}

/* Cold paths live in their own functions, so that the barrier's own stack frame stays small:
   every parked thread keeps one, and fewer cache lines per fiber make switching cheaper. */
static void __attribute__((noinline, cold, noreturn)) fail_different_lines(sim_worker *w, int i, int line) {
    char a[80], b[48];
    fail(w, "threads of one block wait at different barriers: %s at the __syncthreads() on line %d, %s at "
            "the one on line %d; all threads of a block must meet at the same __syncthreads()",
         thread_name(w, w->block_first, a, sizeof a), w->block_line, thread_short(w, i, b, sizeof b), line);
}

void kd_cuda_syncthreads(struct kd_cuda_now *now, int line) {
    sim_worker *w = now->worker;
    int i = w->cur;
    if (w->at_block == 0) {
        w->block_line = line;
        w->block_first = i;
    } else if (line != w->block_line) {
        fail_different_lines(w, i, line);
    }
    w->at_block++;
    if (w->at_block + w->exited == w->nthreads) {
        if (w->exited) fail_exited_at_barrier(w, first_exited(w));
        release_block(w);
        return;
    }
    w->threads[i].state = T_AT_BLOCK;
    w->threads[i].line = line;
    w->waiters[w->nwaiters++] = i;
    park(w, i);
}

/* ---------------------------------------------------------------- warp barriers */

static int warp_lanes(const sim_worker *w, int i) {
    int base = i & ~31, n = w->nthreads - base;
    return n < 32 ? n : 32;
}

static void check_mask(sim_worker *w, int i, unsigned mask, int line, const char *what) {
    int lane = i & 31, base = i & ~31, nl = warp_lanes(w, i);
    char a[80], b[48];
    if (!(mask & (1u << lane)))
        fail(w, "%s at line %d: %s is lane %d of its warp, but the mask 0x%08x does not include it; the mask "
                "names the lanes taking part, the caller among them",
             what, line, thread_name(w, i, a, sizeof a), lane, mask);
    if (nl < 32 && (mask >> nl))
        fail(w, "%s at line %d: the mask 0x%08x names lane %d, but warp %d of this block has only %d thread%s "
                "(the block has %d); use a mask of the lanes that exist",
             what, line, mask, nl + __builtin_ctz(mask >> nl), i / 32, nl, nl == 1 ? "" : "s", w->nthreads);
    for (unsigned m = mask; m; m &= m - 1) {
        int j = __builtin_ctz(m);
        if (w->threads[base + j].state == T_EXITED)
            fail(w, "%s at line %d (called by %s): the mask 0x%08x names lane %d (%s), which has already exited; "
                    "a mask must name only lanes that reach the call",
                 what, line, thread_name(w, i, a, sizeof a), mask, j, thread_short(w, base + j, b, sizeof b));
    }
}

static void warp_wait(sim_worker *w, int i, unsigned mask, int line, const char *what) {
    int lane = i & 31, base = i & ~31;
    sim_warp *wp = &w->warps[i >> 5];
    check_mask(w, i, mask, line, what);
    wp->waiting |= 1u << lane;
    if ((wp->waiting & mask) == mask) {
        for (unsigned m = mask & ~(1u << lane); m; m &= m - 1) push_ready(w, base + __builtin_ctz(m));
        wp->waiting &= ~mask;
        wp->gen++;
        return;
    }
    sim_thread *t = &w->threads[i];
    t->state = T_AT_WARP;
    t->mask = mask;
    t->line = line;
    t->what = what;
    park(w, i);
}

/* A thread that exits may leave a barrier that can never complete. */
static void on_exit_check(sim_worker *w, int i) {
    if (w->at_block && w->at_block + w->exited == w->nthreads) fail_exited_at_barrier(w, i);
    int lane = i & 31, base = i & ~31;
    sim_warp *wp = &w->warps[i >> 5];
    for (unsigned m = wp->waiting; m; m &= m - 1) {
        int j = base + __builtin_ctz(m);
        if (w->threads[j].mask & (1u << lane)) {
            char a[80], b[48];
            fail(w, "%s waits at %s (line %d) with mask 0x%08x, but lane %d of that mask (%s) exited without "
                    "reaching it",
                 thread_name(w, j, a, sizeof a), w->threads[j].what, w->threads[j].line, w->threads[j].mask, lane,
                 thread_short(w, i, b, sizeof b));
        }
    }
}

static const char *wait_words(const sim_thread *t, char *buf, size_t len) {
    if (t->state == T_AT_BLOCK) snprintf(buf, len, "waits at __syncthreads() (line %d)", t->line);
    else if (t->state == T_AT_WARP) snprintf(buf, len, "waits at %s (line %d)", t->what, t->line);
    else snprintf(buf, len, "has exited");
    return buf;
}

static void diagnose_deadlock(sim_worker *w) {
    for (int i = 0; i < w->nthreads; i++) {
        sim_thread *t = &w->threads[i];
        if (t->state != T_AT_WARP) continue;
        int base = i & ~31;
        for (unsigned m = t->mask; m; m &= m - 1) {
            int j = base + __builtin_ctz(m);
            if (w->threads[j].state == T_AT_WARP) continue;
            char a[80], b[48], c[80];
            snprintf(w->err, sizeof w->err,
                     "deadlock: %s waits at %s (line %d) for lane %d (%s), which %s; the lanes of a mask must "
                     "all reach the same warp-level call",
                     thread_name(w, i, a, sizeof a), t->what, t->line, j & 31, thread_short(w, j, b, sizeof b),
                     wait_words(&w->threads[j], c, sizeof c));
            w->failed = 1;
            return;
        }
    }
    snprintf(w->err, sizeof w->err, "deadlock: threads of block (%u,%u,%u) wait for one another and none can go on",
             w->now->blockIdx.x, w->now->blockIdx.y, w->now->blockIdx.z);
    w->failed = 1;
}

/* ---------------------------------------------------------------- the kernel language's runtime */

void kd_cuda_syncwarp(struct kd_cuda_now *now, int line, unsigned mask);
void kd_cuda_syncwarp(struct kd_cuda_now *now, int line, unsigned mask) {
    sim_worker *w = now->worker;
    warp_wait(w, w->cur, mask, line, "__syncwarp");
}

static const char *shfl_names[] = {"__shfl_sync", "__shfl_up_sync", "__shfl_down_sync", "__shfl_xor_sync"};

unsigned long long kd_cuda_shfl(struct kd_cuda_now *now, int line, int mode, unsigned mask, unsigned long long bits,
                                int arg, int width);
unsigned long long kd_cuda_shfl(struct kd_cuda_now *now, int line, int mode, unsigned mask, unsigned long long bits,
                                int arg, int width) {
    sim_worker *w = now->worker;
    int i = w->cur, lane = i & 31;
    const char *what = shfl_names[mode & 3];
    if (width < 1 || width > 32 || (width & (width - 1)))
        fail(w, "%s at line %d: width %d must be a power of two from 1 to 32", what, line, width);
    sim_warp *wp = &w->warps[i >> 5];
    int slot = wp->gen & 1;
    wp->val[slot][lane] = bits;
    warp_wait(w, i, mask, line, what);
    int seg = lane & ~(width - 1), src = lane;
    switch (mode) {
    case 0: src = seg + (arg & (width - 1)); break;
    case 1: src = lane - arg >= seg ? lane - arg : lane; break;
    case 2: src = lane + arg < seg + width ? lane + arg : lane; break;
    default: src = (lane ^ arg) < seg + width && (lane ^ arg) >= seg ? lane ^ arg : lane; break;
    }
    if (src < 0 || src > 31 || !(mask & (1u << src))) {
        char a[80];
        fail(w, "%s at line %d: %s (lane %d) reads lane %d, which is not in the mask 0x%08x, so the value it "
                "gets is undefined",
             what, line, thread_name(w, i, a, sizeof a), lane, src, mask);
    }
    return wp->val[slot][src];
}

unsigned kd_cuda_vote(struct kd_cuda_now *now, int line, int mode, unsigned mask, int pred);
unsigned kd_cuda_vote(struct kd_cuda_now *now, int line, int mode, unsigned mask, int pred) {
    static const char *names[] = {"__ballot_sync", "__any_sync", "__all_sync"};
    sim_worker *w = now->worker;
    int i = w->cur, lane = i & 31;
    sim_warp *wp = &w->warps[i >> 5];
    int slot = wp->gen & 1;
    wp->val[slot][lane] = pred != 0;
    warp_wait(w, i, mask, line, names[mode % 3]);
    unsigned ballot = 0;
    for (unsigned m = mask; m; m &= m - 1) {
        int j = __builtin_ctz(m);
        if (wp->val[slot][j]) ballot |= 1u << j;
    }
    if (mode == 1) return ballot != 0;
    if (mode == 2) return ballot == mask;
    return ballot;
}

unsigned kd_cuda_activemask(struct kd_cuda_now *now);
unsigned kd_cuda_activemask(struct kd_cuda_now *now) {
    sim_worker *w = now->worker;
    int base = w->cur & ~31, nl = warp_lanes(w, w->cur);
    unsigned m = 0;
    for (int j = 0; j < nl; j++)
        if (w->threads[base + j].state != T_EXITED) m |= 1u << j;
    return m;
}

/* ---------------------------------------------------------------- atomics */

#define SC __ATOMIC_SEQ_CST
#define ATOMIC_RMW(name, T, op)                                                  \
    static T name(T *p, T v) { return op(p, v, SC); }
ATOMIC_RMW(atomic_add_i, int, __atomic_fetch_add)
ATOMIC_RMW(atomic_add_u, unsigned, __atomic_fetch_add)
ATOMIC_RMW(atomic_add_ull, unsigned long long, __atomic_fetch_add)
ATOMIC_RMW(atomic_sub_i, int, __atomic_fetch_sub)
ATOMIC_RMW(atomic_sub_u, unsigned, __atomic_fetch_sub)
ATOMIC_RMW(atomic_and_i, int, __atomic_fetch_and)
ATOMIC_RMW(atomic_or_i, int, __atomic_fetch_or)
ATOMIC_RMW(atomic_xor_i, int, __atomic_fetch_xor)
ATOMIC_RMW(atomic_exch_i, int, __atomic_exchange_n)
ATOMIC_RMW(atomic_exch_u, unsigned, __atomic_exchange_n)

#define ATOMIC_MINMAX(name, T, better)                                           \
    static T name(T *p, T v) {                                                   \
        T old = __atomic_load_n(p, SC);                                          \
        while (better(v, old) && !__atomic_compare_exchange_n(p, &old, v, 0, SC, SC)) {} \
        return old;                                                              \
    }
#define LESS(a, b) ((a) < (b))
#define MORE(a, b) ((a) > (b))
ATOMIC_MINMAX(atomic_min_i, int, LESS)
ATOMIC_MINMAX(atomic_min_u, unsigned, LESS)
ATOMIC_MINMAX(atomic_max_i, int, MORE)
ATOMIC_MINMAX(atomic_max_u, unsigned, MORE)

#define ATOMIC_CAS(name, T)                                                      \
    static T name(T *p, T expected, T v) {                                       \
        __atomic_compare_exchange_n(p, &expected, v, 0, SC, SC);                 \
        return expected;                                                         \
    }
ATOMIC_CAS(atomic_cas_i, int)
ATOMIC_CAS(atomic_cas_u, unsigned)
ATOMIC_CAS(atomic_cas_ull, unsigned long long)

static float atomic_add_f(float *p, float v) {
    __atomic_store_n(&float_atomics, 1, __ATOMIC_RELAXED);
    uint32_t *q = (uint32_t *)p, old = __atomic_load_n(q, SC), upd;
    float f;
    do {
        memcpy(&f, &old, 4);
        f += v;
        memcpy(&upd, &f, 4);
    } while (!__atomic_compare_exchange_n(q, &old, upd, 0, SC, SC));
    memcpy(&f, &old, 4);
    return f;
}

static double atomic_add_d(double *p, double v) {
    __atomic_store_n(&float_atomics, 1, __ATOMIC_RELAXED);
    uint64_t *q = (uint64_t *)p, old = __atomic_load_n(q, SC), upd;
    double d;
    do {
        memcpy(&d, &old, 8);
        d += v;
        memcpy(&upd, &d, 8);
    } while (!__atomic_compare_exchange_n(q, &old, upd, 0, SC, SC));
    memcpy(&d, &old, 8);
    return d;
}

static float atomic_exch_f(float *p, float v) {
    uint32_t u, r;
    memcpy(&u, &v, 4);
    r = __atomic_exchange_n((uint32_t *)p, u, SC);
    memcpy(&v, &r, 4);
    return v;
}

/* ---------------------------------------------------------------- symbols and sources */

static const tcc_symbol runtime_symbols[] = {
    {"kd_cuda_syncthreads", (const void *)kd_cuda_syncthreads}, {"kd_cuda_syncwarp", (const void *)kd_cuda_syncwarp},
    {"kd_cuda_shfl", (const void *)kd_cuda_shfl},               {"kd_cuda_vote", (const void *)kd_cuda_vote},
    {"kd_cuda_activemask", (const void *)kd_cuda_activemask},
    {"kd_cuda_atomic_add_i", (const void *)atomic_add_i},       {"kd_cuda_atomic_add_u", (const void *)atomic_add_u},
    {"kd_cuda_atomic_add_ull", (const void *)atomic_add_ull},   {"kd_cuda_atomic_add_f", (const void *)atomic_add_f},
    {"kd_cuda_atomic_add_d", (const void *)atomic_add_d},       {"kd_cuda_atomic_exch_i", (const void *)atomic_exch_i},
    {"kd_cuda_atomic_exch_u", (const void *)atomic_exch_u},     {"kd_cuda_atomic_exch_f", (const void *)atomic_exch_f},
    {"kd_cuda_atomic_sub_i", (const void *)atomic_sub_i},       {"kd_cuda_atomic_sub_u", (const void *)atomic_sub_u},
    {"kd_cuda_atomic_min_i", (const void *)atomic_min_i},       {"kd_cuda_atomic_min_u", (const void *)atomic_min_u},
    {"kd_cuda_atomic_max_i", (const void *)atomic_max_i},       {"kd_cuda_atomic_max_u", (const void *)atomic_max_u},
    {"kd_cuda_atomic_cas_i", (const void *)atomic_cas_i},       {"kd_cuda_atomic_cas_u", (const void *)atomic_cas_u},
    {"kd_cuda_atomic_cas_ull", (const void *)atomic_cas_ull},   {"kd_cuda_atomic_and_i", (const void *)atomic_and_i},
    {"kd_cuda_atomic_or_i", (const void *)atomic_or_i},         {"kd_cuda_atomic_xor_i", (const void *)atomic_xor_i},
    {NULL, NULL},
};

static char *dynamic_shared_area(sim_worker *w) {
    if (!w->dyn_shared) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        char *m = mmap(NULL, CUDA_MAX_DYNAMIC_SHARED + page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) return NULL;
        w->dyn_shared = m;
        w->dyn_open = 0;
    }
    return w->dyn_shared;
}

static int is_ident(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* Rewrites every `extern __shared__` to `extern` (blanks keep the columns) and collects the
   names declared there. */
static int rewrite_extern_shared(char *s, char names[][64], int max) {
    int n = 0;
    for (char *p = strstr(s, "extern"); p; p = strstr(p + 6, "extern")) {
        if ((p > s && is_ident(p[-1])) || is_ident(p[6])) continue;
        char *q = p + 6;
        while (*q == ' ' || *q == '\t') q++;
        if (strncmp(q, "__shared__", 10) || is_ident(q[10])) continue;
        memset(q, ' ', 10);
        char *end = strpbrk(q, "[;");
        if (!end || *end != '[') continue;
        char *e = end;
        while (e > q && (e[-1] == ' ' || e[-1] == '\t')) e--;
        char *b = e;
        while (b > q && is_ident(b[-1])) b--;
        if (e > b && e - b < 63 && n < max) {
            memcpy(names[n], b, (size_t)(e - b));
            names[n][e - b] = 0;
            n++;
        }
    }
    return n;
}

char *cuda_sim_prepare(const char *source, const tcc_symbol *base, tcc_symbol **symbols) {
    static char names[32][64];
    char *copy = xstrdup(source);
    int n = rewrite_extern_shared(copy, names, 32);
    int nbase = 0, nrt = 0;
    while (base && base[nbase].name) nbase++;
    while (runtime_symbols[nrt].name) nrt++;
    tcc_symbol *syms = xmalloc((size_t)(nbase + nrt + n + 1) * sizeof *syms);
    if (nbase) memcpy(syms, base, (size_t)nbase * sizeof *syms);
    memcpy(syms + nbase, runtime_symbols, (size_t)nrt * sizeof *syms);
    char *area = dynamic_shared_area(&workers[building_for]);
    for (int i = 0; i < n; i++) syms[nbase + nrt + i] = (tcc_symbol){names[i], area};
    syms[nbase + nrt + n] = (tcc_symbol){NULL, NULL};
    *symbols = syms;
    char *text = xasprintf("#include <kdojo/cuda_prelude.h>\n#line 1\n%s", copy);
    free(copy);
    return text;
}

int cuda_program_init(cuda_program *p, void *(*symbol)(void *prog, const char *name), void *prog) {
    p->now = symbol(prog, "kd_cuda_now");
    p->shared_start = symbol(prog, "__start_kdshared");
    p->shared_end = symbol(prog, "__stop_kdshared");
    if (!p->shared_start || !p->shared_end) p->shared_start = p->shared_end = NULL;
    return p->now ? 0 : -1;
}

/* ---------------------------------------------------------------- launching */

static int check_cfg(const cuda_launch_cfg *c, char *err, size_t len) {
    const cuda_dim3 *g = &c->grid, *b = &c->block;
    unsigned long long threads = (unsigned long long)b->x * b->y * b->z;
    if (!b->x || !b->y || !b->z || !g->x || !g->y || !g->z)
        snprintf(err, len, "launch: every grid and block dimension must be at least 1");
    else if (threads > CUDA_MAX_THREADS || b->z > 64)
        snprintf(err, len, "launch: a block of (%u,%u,%u) = %llu threads is too large (at most 1024 threads, z at most 64)",
                 b->x, b->y, b->z, threads);
    else if (g->y > 65535 || g->z > 65535 || g->x > 2147483647u)
        snprintf(err, len, "launch: grid (%u,%u,%u) is too large (y and z at most 65535)", g->x, g->y, g->z);
    else if (c->shared > CUDA_MAX_DYNAMIC_SHARED)
        snprintf(err, len, "launch: %zu bytes of dynamic shared memory is more than the 48 KiB a block may have",
                 c->shared);
    else
        return 0;
    return -1;
}

/* Opens exactly the pages the launch's dynamic shared memory needs: a read or write further on
   faults and is reported. */
static void open_dynamic_shared(sim_worker *w, size_t bytes) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE), want = (bytes + page - 1) / page * page;
    if (!w->dyn_shared || want == w->dyn_open) return;
    mprotect(w->dyn_shared, CUDA_MAX_DYNAMIC_SHARED + page, PROT_NONE);
    if (want) mprotect(w->dyn_shared, want, PROT_READ | PROT_WRITE);
    w->dyn_open = want;
}

static void block_coords(const cuda_dim3 *g, unsigned long long k, cuda_dim3 *b) {
    b->x = (unsigned)(k % g->x);
    b->y = (unsigned)((k / g->x) % g->y);
    b->z = (unsigned)(k / ((unsigned long long)g->x * g->y));
}

/* One launch, shared by the workers that run its blocks. */
typedef struct {
    const cuda_program *progs;
    const cuda_kernel_call *calls;
    void *args;
    const cuda_launch_cfg *cfg;
    unsigned long long nblocks, next;   /* next: the next block to hand out (atomic) */
    int nworkers, abort;
    pthread_mutex_t lock;
    unsigned long long err_block;       /* the lowest block that failed */
    char err[768];
} launch_job;

static void run_blocks(sim_worker *w, launch_job *job) {
    const cuda_program *p = &job->progs[w->index];
    const cuda_launch_cfg *cfg = job->cfg;
    w->now = p->now;
    w->call = job->calls[w->index];
    w->args = job->args;
    w->block = cfg->block;
    w->nthreads = (int)(cfg->block.x * cfg->block.y * cfg->block.z);
    w->reverse = cfg->reverse;
    w->failed = 0;
    w->cur = -1;
    w->tid = pthread_self();
    w->has_tid = 1;
    p->now->worker = w;
    p->now->blockDim = cfg->block;
    p->now->gridDim = cfg->grid;
    open_dynamic_shared(w, cfg->shared);
    size_t static_bytes = p->shared_start ? (size_t)(p->shared_end - p->shared_start) : 0;
    w->running = 1;
    while (!__atomic_load_n(&job->abort, __ATOMIC_RELAXED)) {
        unsigned long long k = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);
        if (k >= job->nblocks) break;
        block_coords(&cfg->grid, cfg->reverse ? job->nblocks - 1 - k : k, &p->now->blockIdx);
        if (static_bytes) memset(p->shared_start, 0xff, static_bytes);
        if (cfg->shared) memset(w->dyn_shared, 0xff, cfg->shared);
        if (run_block(w) < 0) {
            pthread_mutex_lock(&job->lock);
            if (k < job->err_block) {
                job->err_block = k;
                snprintf(job->err, sizeof job->err, "%s", w->err);
            }
            __atomic_store_n(&job->abort, 1, __ATOMIC_RELAXED);
            pthread_mutex_unlock(&job->lock);
            break;
        }
    }
    w->running = 0;
}

/* ---------------------------------------------------------------- helper threads */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t go, done;
    unsigned gen;       /* bumped for every launch the helpers join */
    int started;        /* helper threads running (workers 1 .. started) */
    int pending;        /* helpers still busy with this launch */
    launch_job *job;
} helpers = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, NULL};

static void *helper_main(void *arg) {
    sim_worker *w = arg;
    /* The crash handler runs on an alternate stack: a fiber's overflowed stack cannot host it. */
    stack_t ss = {.ss_sp = xmalloc(64 * 1024), .ss_size = 64 * 1024};
    sigaltstack(&ss, NULL);
    unsigned seen = w->start_gen;
    for (;;) {
        pthread_mutex_lock(&helpers.lock);
        while (helpers.gen == seen) pthread_cond_wait(&helpers.go, &helpers.lock);
        seen = helpers.gen;
        launch_job *job = helpers.job;
        pthread_mutex_unlock(&helpers.lock);
        if (w->index < job->nworkers) run_blocks(w, job);
        pthread_mutex_lock(&helpers.lock);
        if (--helpers.pending == 0) pthread_cond_signal(&helpers.done);
        pthread_mutex_unlock(&helpers.lock);
    }
    return NULL;
}

static int start_helpers(int n) {
    while (helpers.started < n - 1) {
        sim_worker *w = &workers[helpers.started + 1];
        w->index = helpers.started + 1;
        w->start_gen = helpers.gen; /* only the caller bumps gen, after this */
        pthread_t t;
        if (pthread_create(&t, NULL, helper_main, w) != 0) break;
        pthread_detach(t);
        helpers.started++;
    }
    return helpers.started + 1;
}

int cuda_sim_launch(const cuda_program *progs, const cuda_kernel_call *calls, int nprogs, void *args,
                    const cuda_launch_cfg *cfg, char *err, size_t errlen) {
    if (check_cfg(cfg, err, errlen) < 0) return -1;
    launch_job job = {.progs = progs, .calls = calls, .args = args, .cfg = cfg, .err_block = ~0ull};
    job.nblocks = (unsigned long long)cfg->grid.x * cfg->grid.y * cfg->grid.z;
    job.nworkers = nprogs < 1 ? 1 : nprogs > CUDA_MAX_WORKERS ? CUDA_MAX_WORKERS : nprogs;
    if ((unsigned long long)job.nworkers > job.nblocks) job.nworkers = (int)job.nblocks;
    if (job.nworkers > 1) job.nworkers = start_helpers(job.nworkers);
    pthread_mutex_init(&job.lock, NULL);
    dyn_bytes = cfg->shared;
    if (job.nworkers > 1) {
        pthread_mutex_lock(&helpers.lock);
        helpers.job = &job;
        helpers.pending = helpers.started;
        helpers.gen++;
        pthread_cond_broadcast(&helpers.go);
        pthread_mutex_unlock(&helpers.lock);
    }
    workers[0].index = 0;
    run_blocks(&workers[0], &job);
    if (job.nworkers > 1) {
        pthread_mutex_lock(&helpers.lock);
        while (helpers.pending) pthread_cond_wait(&helpers.done, &helpers.lock);
        pthread_mutex_unlock(&helpers.lock);
    }
    pthread_mutex_destroy(&job.lock);
    if (job.err_block != ~0ull) {
        snprintf(err, errlen, "%s", job.err);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- counting global reads */

/* Puzzles have rules such as "read each input element once per block". To count reads, the
   pages of an input buffer are made inaccessible during a launch: every load faults, the
   handler notes which element and which thread, opens the pages and sets the trap flag so
   that exactly one instruction runs before SIGTRAP closes them again. Slow (two signals per
   load), so only for small launches on one worker; x86-64 only. */
typedef struct {
    char *data, *lo, *hi;     /* the elements, and the whole pages they lie in */
    size_t n;
    int esize;
    cuda_read_count *out;
    unsigned block, in_block; /* the block now counting, and its reads of the element now worst */
    unsigned *last_block, *count;
} counted;

static counted counts[4];
static int ncounts, counts_open;
static struct sigaction old_segv, old_trap;

static unsigned current_id(sim_worker *w, unsigned *block) {
    const cuda_dim3 *g = &w->now->gridDim, *b = &w->now->blockIdx;
    *block = (b->z * g->y + b->y) * g->x + b->x;
    return (unsigned)w->cur;
}

static void note_read(counted *c, size_t i) {
    sim_worker *w = &workers[0];
    if (!w->running || w->cur < 0) return;
    unsigned block, thread = current_id(w, &block);
    if (c->last_block[i] != block) {
        c->last_block[i] = block;
        c->count[i] = 0;
    }
    c->count[i]++;
    if (c->count[i] > c->out->most) {
        c->out->most = c->count[i];
        c->out->element = (long long)i;
        c->out->block = block;
        c->out->thread = thread;
    }
}

#if defined(__x86_64__)
#include <ucontext.h>
static void on_count_segv(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    char *a = si->si_addr;
    for (int k = 0; k < ncounts; k++) {
        counted *c = &counts[k];
        if (a < c->lo || a >= c->hi) continue;
        int write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
        if (!write && a >= c->data && a < c->data + c->n * (size_t)c->esize) note_read(c, (size_t)(a - c->data) / (size_t)c->esize);
        for (int j = 0; j < ncounts; j++) mprotect(counts[j].lo, (size_t)(counts[j].hi - counts[j].lo), PROT_READ | PROT_WRITE);
        counts_open = 1;
        uc->uc_mcontext.gregs[REG_EFL] |= 0x100; /* trap after one instruction */
        return;
    }
    /* Not a counted buffer: the crash handler reports it. */
    sigaction(SIGSEGV, &old_segv, NULL);
    if (old_segv.sa_flags & SA_SIGINFO) old_segv.sa_sigaction(sig, si, ucv);
    else raise(sig);
}

static void on_count_trap(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    (void)sig;
    (void)si;
    if (counts_open)
        for (int j = 0; j < ncounts; j++) mprotect(counts[j].lo, (size_t)(counts[j].hi - counts[j].lo), PROT_NONE);
    counts_open = 0;
    uc->uc_mcontext.gregs[REG_EFL] &= ~0x100;
}
#endif

int cuda_sim_count_reads(void *data, size_t n, int esize, cuda_read_count *out) {
#if defined(__x86_64__)
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (ncounts == 4 || !n) return -1;
    counted *c = &counts[ncounts++];
    memset(c, 0, sizeof *c);
    memset(out, 0, sizeof *out);
    c->data = data;
    c->n = n;
    c->esize = esize;
    c->out = out;
    c->lo = (char *)((uintptr_t)data & ~(uintptr_t)(page - 1));
    c->hi = (char *)(((uintptr_t)data + n * (size_t)esize + page - 1) & ~(uintptr_t)(page - 1));
    c->last_block = xmalloc(n * sizeof *c->last_block);
    c->count = xmalloc(n * sizeof *c->count);
    for (size_t i = 0; i < n; i++) c->last_block[i] = ~0u;
    return 0;
#else
    (void)data; (void)n; (void)esize; (void)out;
    return -1;
#endif
}

void cuda_sim_counting(int on) {
#if defined(__x86_64__)
    if (!ncounts) return;
    if (on) {
        struct sigaction sa = {0};
        sa.sa_sigaction = on_count_segv;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigaction(SIGSEGV, &sa, &old_segv);
        sa.sa_sigaction = on_count_trap;
        sigaction(SIGTRAP, &sa, &old_trap);
        for (int j = 0; j < ncounts; j++) mprotect(counts[j].lo, (size_t)(counts[j].hi - counts[j].lo), PROT_NONE);
    } else {
        for (int j = 0; j < ncounts; j++) mprotect(counts[j].lo, (size_t)(counts[j].hi - counts[j].lo), PROT_READ | PROT_WRITE);
        counts_open = 0;
        sigaction(SIGSEGV, &old_segv, NULL);
        sigaction(SIGTRAP, &old_trap, NULL);
        for (int j = 0; j < ncounts; j++) {
            free(counts[j].last_block);
            free(counts[j].count);
        }
        ncounts = 0;
    }
#else
    (void)on;
#endif
}

/* ---------------------------------------------------------------- crash reports */

static void put(char **p, char *end, const char *s) {
    while (*s && *p < end - 1) *(*p)++ = *s++;
    **p = 0;
}

static void put_u(char **p, char *end, unsigned v) {
    char tmp[12];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10); while ((v /= 10) && n < 11);
    while (n && *p < end - 1) *(*p)++ = tmp[--n];
    **p = 0;
}

static void put_xyz(char **p, char *end, cuda_dim3 d) {
    put(p, end, "(");
    put_u(p, end, d.x);
    put(p, end, ",");
    put_u(p, end, d.y);
    put(p, end, ",");
    put_u(p, end, d.z);
    put(p, end, ")");
}

int cuda_sim_describe_running(const void *fault_addr, char *out, size_t len) {
    sim_worker *w = NULL;
    pthread_t self = pthread_self();
    for (int i = 0; i < CUDA_MAX_WORKERS && !w; i++)
        if (workers[i].has_tid && workers[i].running && pthread_equal(workers[i].tid, self)) w = &workers[i];
    if (!w || w->cur < 0 || !len) return 0;
    char *p = out, *end = out + len;
    *p = 0;
    if (fiber_pool_is_guard(&w->pool, fault_addr)) put(&p, end, "its stack (64 KiB per CUDA thread) overflowed; ");
    uintptr_t a = (uintptr_t)fault_addr, d = (uintptr_t)w->dyn_shared;
    if (w->dyn_shared && a >= d && a < d + CUDA_MAX_DYNAMIC_SHARED + 4096) {
        put(&p, end, "past the end of the dynamic shared memory (the launch gave ");
        put_u(&p, end, (unsigned)dyn_bytes);
        put(&p, end, " bytes); ");
    }
    put(&p, end, "by thread ");
    put_xyz(&p, end, thread_xyz(w, w->cur));
    put(&p, end, " of block ");
    put_xyz(&p, end, w->now->blockIdx);
    return 1;
}
