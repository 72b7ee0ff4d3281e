/* thread_rt: kdojo's wrappers around the pthread and semaphore calls learner code makes.
   They do two jobs for the concurrency graders:
   - perturb schedules: with a seeded probability, yield around lock, unlock, signal and
     atomic operations, so races show up on a 2-core machine in a few runs, reproducibly;
   - explain hangs: every blocking call records who waits for what, and who holds each mutex,
     so a test that times out is reported as "thread 2 waits for mutex forks+40 held by
     thread 3 ..." and, when the waits form a cycle, as a deadlock. */
#ifndef KDOJO_THREAD_RT_H
#define KDOJO_THREAD_RT_H

#include "engine_tcc.h"
#include <stddef.h>

/* Symbols that replace the C library's for learner programs, NULL-terminated. */
extern const tcc_symbol thread_rt_symbols[];

/* With probability rate (0..1) yield at each perturbation point; reproducible from seed. */
void thread_rt_set_chaos(unsigned long long seed, double rate);
void thread_rt_chaos_point(void);

/* Names an address for reports ("forks+40", "dine+0x1c"); returns 0 when unknown. */
typedef int (*thread_rt_namer)(const void *addr, char *out, size_t len);
void thread_rt_set_namer(thread_rt_namer namer);

/* Describes every thread that is blocked, and any cycle among them, into out.
   Returns 1 if a deadlock cycle was found, 0 otherwise. */
int thread_rt_report(char *out, size_t len);

#endif
