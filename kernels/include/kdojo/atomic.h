/* kdojo/atomic.h: sequentially consistent atomic operations for learner code.
 *
 * TinyCC has no <stdatomic.h>, so kdojo provides atomics as ordinary functions. Because they
 * are functions that kdojo implements, the concurrency graders can wrap them: they may yield
 * to another thread around an operation (with a printed seed) to make races show up.
 *
 * Every operation is sequentially consistent (like the default memory_order_seq_cst).
 * The _int functions work on int, _long on long long, _ptr on void *.
 */
#ifndef KDOJO_ATOMIC_H
#define KDOJO_ATOMIC_H

int  kd_atomic_load_int(const volatile int *p);
void kd_atomic_store_int(volatile int *p, int v);
int  kd_atomic_fetch_add_int(volatile int *p, int v);    /* returns the old value */
int  kd_atomic_exchange_int(volatile int *p, int v);     /* returns the old value */
/* If *p == *expected, stores desired and returns 1; otherwise copies *p into *expected, returns 0. */
int  kd_atomic_cas_int(volatile int *p, int *expected, int desired);

long long kd_atomic_load_long(const volatile long long *p);
void      kd_atomic_store_long(volatile long long *p, long long v);
long long kd_atomic_fetch_add_long(volatile long long *p, long long v);
long long kd_atomic_exchange_long(volatile long long *p, long long v);
int       kd_atomic_cas_long(volatile long long *p, long long *expected, long long desired);

void *kd_atomic_load_ptr(void *const volatile *p);
void  kd_atomic_store_ptr(void *volatile *p, void *v);
void *kd_atomic_exchange_ptr(void *volatile *p, void *v);
int   kd_atomic_cas_ptr(void *volatile *p, void **expected, void *desired);

void kd_atomic_fence(void);   /* a full memory barrier */
void kd_cpu_relax(void);      /* a pause hint for spin loops */

/* A program built outside kdojo (kdojo repro, your own experiments with gcc) defines
 * KDOJO_ATOMIC_IMPL before including this header to get these implementations inline. */
#if defined(KDOJO_ATOMIC_IMPL) && !defined(KDOJO_ATOMIC_IMPL_DONE)
#define KDOJO_ATOMIC_IMPL_DONE
#define KD_SC__ __ATOMIC_SEQ_CST
int  kd_atomic_load_int(const volatile int *p) { return __atomic_load_n(p, KD_SC__); }
void kd_atomic_store_int(volatile int *p, int v) { __atomic_store_n(p, v, KD_SC__); }
int  kd_atomic_fetch_add_int(volatile int *p, int v) { return __atomic_fetch_add(p, v, KD_SC__); }
int  kd_atomic_exchange_int(volatile int *p, int v) { return __atomic_exchange_n(p, v, KD_SC__); }
int  kd_atomic_cas_int(volatile int *p, int *e, int d) { return __atomic_compare_exchange_n(p, e, d, 0, KD_SC__, KD_SC__); }
long long kd_atomic_load_long(const volatile long long *p) { return __atomic_load_n(p, KD_SC__); }
void kd_atomic_store_long(volatile long long *p, long long v) { __atomic_store_n(p, v, KD_SC__); }
long long kd_atomic_fetch_add_long(volatile long long *p, long long v) { return __atomic_fetch_add(p, v, KD_SC__); }
long long kd_atomic_exchange_long(volatile long long *p, long long v) { return __atomic_exchange_n(p, v, KD_SC__); }
int kd_atomic_cas_long(volatile long long *p, long long *e, long long d) { return __atomic_compare_exchange_n(p, e, d, 0, KD_SC__, KD_SC__); }
void *kd_atomic_load_ptr(void *const volatile *p) { return __atomic_load_n(p, KD_SC__); }
void kd_atomic_store_ptr(void *volatile *p, void *v) { __atomic_store_n(p, v, KD_SC__); }
void *kd_atomic_exchange_ptr(void *volatile *p, void *v) { return __atomic_exchange_n(p, v, KD_SC__); }
int kd_atomic_cas_ptr(void *volatile *p, void **e, void *d) { return __atomic_compare_exchange_n(p, e, d, 0, KD_SC__, KD_SC__); }
void kd_atomic_fence(void) { __atomic_thread_fence(KD_SC__); }
void kd_cpu_relax(void) { __asm__ __volatile__("" ::: "memory"); }
#endif

#endif
