/* learner_rt: the runtime kdojo links into learner programs (atomics, wrappers). */
#include "learner_rt.h"
#include "thread_rt.h"

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Written by learner threads and read by the crash handler: plain volatile words. */
static volatile size_t failed_alloc;
static volatile long failed_forks;

size_t learner_rt_failed_alloc(void) { return failed_alloc; }
long learner_rt_failed_forks(void) { return failed_forks; }
void learner_rt_reset_failed_alloc(void) { failed_alloc = 0; }

static void chaos_point(void) { thread_rt_chaos_point(); }

/* ---------------------------------------------------------------- atomics */

#define SC __ATOMIC_SEQ_CST
#define ATOMIC_FAMILY(T, sfx)                                                                          \
    static T load_##sfx(const volatile T *p) { chaos_point(); return __atomic_load_n(p, SC); }          \
    static void store_##sfx(volatile T *p, T v) { chaos_point(); __atomic_store_n(p, v, SC); }          \
    static T exchange_##sfx(volatile T *p, T v) { chaos_point(); T r = __atomic_exchange_n(p, v, SC); chaos_point(); return r; } \
    static int cas_##sfx(volatile T *p, T *e, T d) {                                                    \
        chaos_point();                                                                                  \
        int r = __atomic_compare_exchange_n(p, e, d, 0, SC, SC);                                        \
        chaos_point();                                                                                  \
        return r;                                                                                       \
    }

ATOMIC_FAMILY(int, int)
ATOMIC_FAMILY(long long, long)
typedef void *kd_voidp;
ATOMIC_FAMILY(kd_voidp, ptr)

static int fetch_add_int(volatile int *p, int v) { chaos_point(); int r = __atomic_fetch_add(p, v, SC); chaos_point(); return r; }
static long long fetch_add_long(volatile long long *p, long long v) { chaos_point(); long long r = __atomic_fetch_add(p, v, SC); chaos_point(); return r; }
static void fence(void) { __atomic_thread_fence(SC); }
static void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

/* ---------------------------------------------------------------- wrappers */

static void note_alloc_failure(size_t n) {
    if (n > failed_alloc) failed_alloc = n;
}

static void *rt_malloc(size_t n) {
    void *p = malloc(n);
    if (!p && n) note_alloc_failure(n);
    return p;
}

static void *rt_calloc(size_t n, size_t size) {
    void *p = calloc(n, size);
    if (!p && n && size) note_alloc_failure(n * size);
    return p;
}

static void *rt_realloc(void *q, size_t n) {
    void *p = realloc(q, n);
    if (!p && n) note_alloc_failure(n);
    return p;
}

static pid_t rt_fork(void) {
    pid_t p = fork();
    if (p < 0 && errno == EAGAIN) failed_forks++;
    return p;
}

static const tcc_symbol own_symbols[] = {
    {"kd_atomic_load_int", (const void *)load_int},       {"kd_atomic_store_int", (const void *)store_int},
    {"kd_atomic_fetch_add_int", (const void *)fetch_add_int}, {"kd_atomic_exchange_int", (const void *)exchange_int},
    {"kd_atomic_cas_int", (const void *)cas_int},
    {"kd_atomic_load_long", (const void *)load_long},     {"kd_atomic_store_long", (const void *)store_long},
    {"kd_atomic_fetch_add_long", (const void *)fetch_add_long}, {"kd_atomic_exchange_long", (const void *)exchange_long},
    {"kd_atomic_cas_long", (const void *)cas_long},
    {"kd_atomic_load_ptr", (const void *)load_ptr},       {"kd_atomic_store_ptr", (const void *)store_ptr},
    {"kd_atomic_exchange_ptr", (const void *)exchange_ptr}, {"kd_atomic_cas_ptr", (const void *)cas_ptr},
    {"kd_atomic_fence", (const void *)fence},             {"kd_cpu_relax", (const void *)cpu_relax},
    {"malloc", (const void *)rt_malloc},                  {"calloc", (const void *)rt_calloc},
    {"realloc", (const void *)rt_realloc},                {"fork", (const void *)rt_fork},
    {NULL, NULL},
};

/* Our own symbols, then the pthread wrappers, in one NULL-terminated list. */
static tcc_symbol all_symbols[sizeof own_symbols / sizeof *own_symbols + 32];

const tcc_symbol *learner_rt_symbols(void) {
    if (!all_symbols[0].name) {
        size_t n = 0;
        for (const tcc_symbol *s = own_symbols; s->name; s++) all_symbols[n++] = *s;
        for (const tcc_symbol *s = thread_rt_symbols; s->name && n + 1 < sizeof all_symbols / sizeof *all_symbols; s++)
            all_symbols[n++] = *s;
    }
    return all_symbols;
}
