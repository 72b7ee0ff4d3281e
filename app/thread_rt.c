/* thread_rt: pthread wrappers that perturb schedules and explain hangs (see thread_rt.h). */
#include "thread_rt.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- chaos */

static volatile uint64_t chaos_state;
static volatile uint32_t chaos_threshold; /* 0: off */

void thread_rt_set_chaos(unsigned long long seed, double rate) {
    chaos_state = seed ? seed : 1;
    chaos_threshold = rate <= 0 ? 0 : rate >= 1 ? UINT32_MAX : (uint32_t)(rate * (double)UINT32_MAX);
}

void thread_rt_chaos_point(void) {
    if (!chaos_threshold) return;
    /* One shared xorshift stream: races on it only add to the randomness we want. */
    uint64_t x = chaos_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    chaos_state = x;
    if ((uint32_t)x < chaos_threshold) sched_yield();
}

/* ---------------------------------------------------------------- registry */

enum wait_kind { W_NONE, W_MUTEX, W_COND, W_JOIN, W_BARRIER, W_SEM, W_RWLOCK_RD, W_RWLOCK_WR };

#define MAX_THREADS 512
typedef struct {
    int used;
    volatile int kind;           /* enum wait_kind */
    const void *volatile obj;    /* what it waits for */
    const void *volatile caller; /* where it called the blocking function */
    volatile int join_target;
} thread_slot;

static thread_slot threads[MAX_THREADS]; /* slot 0: the grader's main thread */
static int thread_count = 1;
static __thread int my_slot; /* 0 for the main thread and threads kdojo did not start */
static thread_rt_namer namer;

void thread_rt_set_namer(thread_rt_namer n) { namer = n; }

#define MAX_MUTEXES 4096
static struct {
    const void *volatile addr;
    volatile int owner; /* slot + 1; 0: free */
    const void *volatile where;
} mutexes[MAX_MUTEXES];

static size_t mutex_index(const void *m, int create) {
    size_t h = ((uintptr_t)m >> 3) * 0x9e3779b97f4a7c15ULL >> 52;
    for (size_t i = 0; i < MAX_MUTEXES; i++) {
        size_t k = (h + i) & (MAX_MUTEXES - 1);
        const void *cur = mutexes[k].addr;
        if (cur == m) return k;
        if (!cur) {
            if (!create) return SIZE_MAX;
            const void *expected = NULL;
            if (__atomic_compare_exchange_n(&mutexes[k].addr, &expected, m, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) ||
                expected == m)
                return k;
        }
    }
    return SIZE_MAX;
}

static void set_owner(const void *m, int owner, const void *where) {
    size_t k = mutex_index(m, 1);
    if (k == SIZE_MAX) return;
    mutexes[k].owner = owner;
    mutexes[k].where = where;
}

static void waiting(int kind, const void *obj, const void *caller) {
    thread_slot *t = &threads[my_slot];
    t->obj = obj;
    t->caller = caller;
    t->kind = kind;
}

static void done_waiting(void) { threads[my_slot].kind = W_NONE; }

/* ---------------------------------------------------------------- wrappers */

typedef struct {
    void *(*fn)(void *);
    void *arg;
    int slot;
} start_args;

/* The crash handler runs on an alternate stack, and each thread needs its own: without one,
   a learner thread that overflows its stack dies with no word of why. */
#define ALT_STACK_SIZE (64 * 1024)

static void *trampoline(void *p) {
    start_args a = *(start_args *)p;
    free(p);
    my_slot = a.slot;
    stack_t ss = {.ss_sp = malloc(ALT_STACK_SIZE), .ss_size = ALT_STACK_SIZE};
    if (ss.ss_sp) sigaltstack(&ss, NULL);
    void *ret = a.fn(a.arg);
    if (ss.ss_sp) {
        ss.ss_flags = SS_DISABLE;
        sigaltstack(&ss, NULL);
        free(ss.ss_sp);
    }
    /* Finished: not "still running" in a later hang report (threads that call pthread_exit
       keep their slot). */
    if (a.slot) {
        threads[a.slot].kind = W_NONE;
        __atomic_store_n(&threads[a.slot].used, 0, __ATOMIC_SEQ_CST);
    }
    return ret;
}

/* A free slot for a new thread, marked used; 0 (the grader's, shared) when all are taken.
   Slots of finished threads are reused, so a check that starts thousands of threads one after
   the other (a thread per task, a pool per test) still names each live thread apart. */
static int claim_slot(void) {
    for (int i = 1; i < MAX_THREADS; i++) {
        int expected = 0;
        if (__atomic_compare_exchange_n(&threads[i].used, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            int n = thread_count;
            while (n < i + 1 && !__atomic_compare_exchange_n(&thread_count, &n, i + 1, 0, __ATOMIC_SEQ_CST,
                                                             __ATOMIC_SEQ_CST)) {}
            return i;
        }
    }
    return 0;
}

static int rt_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
    start_args *a = malloc(sizeof *a);
    if (!a) return EAGAIN;
    a->fn = fn;
    a->arg = arg;
    a->slot = claim_slot();
    int rc = pthread_create(t, attr, trampoline, a);
    if (rc) {
        if (a->slot) __atomic_store_n(&threads[a->slot].used, 0, __ATOMIC_SEQ_CST);
        free(a);
    }
    thread_rt_chaos_point();
    return rc;
}

static int rt_join(pthread_t t, void **ret) {
    waiting(W_JOIN, NULL, __builtin_return_address(0));
    int rc = pthread_join(t, ret);
    done_waiting();
    return rc;
}

static int rt_mutex_lock(pthread_mutex_t *m) {
    const void *caller = __builtin_return_address(0);
    thread_rt_chaos_point();
    waiting(W_MUTEX, m, caller);
    int rc = pthread_mutex_lock(m);
    done_waiting();
    if (rc == 0) set_owner(m, my_slot + 1, caller);
    return rc;
}

static int rt_mutex_trylock(pthread_mutex_t *m) {
    thread_rt_chaos_point();
    int rc = pthread_mutex_trylock(m);
    if (rc == 0) set_owner(m, my_slot + 1, __builtin_return_address(0));
    return rc;
}

static int rt_mutex_unlock(pthread_mutex_t *m) {
    set_owner(m, 0, NULL);
    int rc = pthread_mutex_unlock(m);
    thread_rt_chaos_point();
    return rc;
}

static int rt_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
    const void *caller = __builtin_return_address(0);
    set_owner(m, 0, NULL);
    waiting(W_COND, c, caller);
    int rc = pthread_cond_wait(c, m);
    done_waiting();
    set_owner(m, my_slot + 1, caller);
    return rc;
}

static int rt_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *ts) {
    const void *caller = __builtin_return_address(0);
    set_owner(m, 0, NULL);
    waiting(W_COND, c, caller);
    int rc = pthread_cond_timedwait(c, m, ts);
    done_waiting();
    set_owner(m, my_slot + 1, caller);
    return rc;
}

static int rt_cond_signal(pthread_cond_t *c) {
    thread_rt_chaos_point();
    return pthread_cond_signal(c);
}

static int rt_cond_broadcast(pthread_cond_t *c) {
    thread_rt_chaos_point();
    return pthread_cond_broadcast(c);
}

static int rt_barrier_wait(pthread_barrier_t *b) {
    waiting(W_BARRIER, b, __builtin_return_address(0));
    int rc = pthread_barrier_wait(b);
    done_waiting();
    return rc;
}

static int rt_rdlock(pthread_rwlock_t *l) {
    thread_rt_chaos_point();
    waiting(W_RWLOCK_RD, l, __builtin_return_address(0));
    int rc = pthread_rwlock_rdlock(l);
    done_waiting();
    return rc;
}

static int rt_wrlock(pthread_rwlock_t *l) {
    thread_rt_chaos_point();
    waiting(W_RWLOCK_WR, l, __builtin_return_address(0));
    int rc = pthread_rwlock_wrlock(l);
    done_waiting();
    return rc;
}

static int rt_rwunlock(pthread_rwlock_t *l) {
    int rc = pthread_rwlock_unlock(l);
    thread_rt_chaos_point();
    return rc;
}

static int rt_sem_wait(sem_t *s) {
    thread_rt_chaos_point();
    waiting(W_SEM, s, __builtin_return_address(0));
    int rc = sem_wait(s);
    done_waiting();
    return rc;
}

static int rt_sem_post(sem_t *s) {
    int rc = sem_post(s);
    thread_rt_chaos_point();
    return rc;
}

const tcc_symbol thread_rt_symbols[] = {
    {"pthread_create", (const void *)rt_create},
    {"pthread_join", (const void *)rt_join},
    {"pthread_mutex_lock", (const void *)rt_mutex_lock},
    {"pthread_mutex_trylock", (const void *)rt_mutex_trylock},
    {"pthread_mutex_unlock", (const void *)rt_mutex_unlock},
    {"pthread_cond_wait", (const void *)rt_cond_wait},
    {"pthread_cond_timedwait", (const void *)rt_cond_timedwait},
    {"pthread_cond_signal", (const void *)rt_cond_signal},
    {"pthread_cond_broadcast", (const void *)rt_cond_broadcast},
    {"pthread_barrier_wait", (const void *)rt_barrier_wait},
    {"pthread_rwlock_rdlock", (const void *)rt_rdlock},
    {"pthread_rwlock_wrlock", (const void *)rt_wrlock},
    {"pthread_rwlock_unlock", (const void *)rt_rwunlock},
    {"sem_wait", (const void *)rt_sem_wait},
    {"sem_post", (const void *)rt_sem_post},
    {NULL, NULL},
};

/* ---------------------------------------------------------------- reports */

static void name_of(const void *addr, char *out, size_t len) {
    if (!addr) snprintf(out, len, "?");
    else if (!namer || !namer(addr, out, len)) snprintf(out, len, "%p", addr);
}

static const char *kind_word(int kind) {
    switch (kind) {
    case W_MUTEX: return "mutex";
    case W_COND: return "condition variable";
    case W_BARRIER: return "barrier";
    case W_SEM: return "semaphore";
    case W_RWLOCK_RD: return "read lock of rwlock";
    case W_RWLOCK_WR: return "write lock of rwlock";
    case W_JOIN: return "a thread to finish (pthread_join)";
    default: return "?";
    }
}

static int owner_of(const void *m) {
    size_t k = mutex_index(m, 0);
    return k == SIZE_MAX ? 0 : mutexes[k].owner;
}

static void describe_thread(int i, char *line, size_t len) {
    char obj[96], where[96];
    const thread_slot *t = &threads[i];
    name_of(t->caller, where, sizeof where);
    if (t->kind == W_JOIN) {
        snprintf(line, len, "  thread %d waits for %s, in %s\n", i, kind_word(t->kind), where);
        return;
    }
    name_of(t->obj, obj, sizeof obj);
    int n = snprintf(line, len, "  thread %d waits for %s %s, in %s", i, kind_word(t->kind), obj, where);
    int owner = t->kind == W_MUTEX ? owner_of(t->obj) : 0;
    if (owner) {
        size_t k = mutex_index(t->obj, 0);
        char held[96];
        name_of(mutexes[k].where, held, sizeof held);
        n += snprintf(line + n, len - (size_t)n, "; held by thread %d (locked in %s)", owner - 1, held);
    }
    snprintf(line + n, len - (size_t)n, "\n");
}

/* Follows "waits for a mutex held by" from thread i; returns 1 when it comes back to i. */
static int in_cycle(int i) {
    int cur = i;
    for (int steps = 0; steps <= thread_count && steps < MAX_THREADS; steps++) {
        if (threads[cur].kind != W_MUTEX) return 0;
        int owner = owner_of(threads[cur].obj);
        if (!owner) return 0;
        cur = owner - 1;
        if (cur == i) return 1;
        if (cur < 0 || cur >= MAX_THREADS) return 0;
    }
    return 0;
}

int thread_rt_report(char *out, size_t len) {
    size_t used = 0;
    int blocked = 0, cycle = 0, running = 0;
    int n = thread_count < MAX_THREADS ? thread_count : MAX_THREADS;
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && !threads[i].used) continue;
        if (threads[i].kind == W_NONE) {
            running += i > 0;
            continue;
        }
        blocked++;
        cycle |= in_cycle(i);
        char line[400];
        describe_thread(i, line, sizeof line);
        size_t l = strlen(line);
        if (used + l + 1 < len) {
            memcpy(out + used, line, l + 1);
            used += l;
        }
    }
    char head[200];
    if (cycle) snprintf(head, sizeof head, "deadlock: these threads wait for each other in a cycle (thread 0 is the grader):\n");
    else if (blocked) snprintf(head, sizeof head, "%d thread%s blocked (thread 0 is the grader)%s:\n", blocked,
                               blocked == 1 ? " is" : "s are", running ? ", others still running (busy waiting?)" : "");
    else snprintf(head, sizeof head, "no thread is blocked in a lock or wait: the code is still running (an endless loop or busy wait?)\n");
    size_t hl = strlen(head);
    if (hl + used + 1 < len) {
        memmove(out + hl, out, used + 1);
        memcpy(out, head, hl);
    }
    return cycle;
}
