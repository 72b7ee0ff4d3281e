/* cuda_fiber: small stacks and a hand-written context switch for the CUDA simulator's threads.
   A fiber is a stack plus a saved stack pointer; switching saves the callee-saved registers on
   the current stack and loads another stack's, with no system call (unlike swapcontext). */
#ifndef KDOJO_CUDA_FIBER_H
#define KDOJO_CUDA_FIBER_H

#include <stddef.h>

/* Usable bytes per fiber stack; a guard page below each one turns an overflow into SIGSEGV. */
#define FIBER_STACK_BYTES (64 * 1024)

typedef void (*fiber_entry)(void *arg);

typedef struct {
    char **stacks;   /* all stacks ever made (the tops, staggered) */
    int n, cap;
    int *free_list;  /* indices of free stacks */
    int n_free;
} fiber_pool;

void fiber_pool_init(fiber_pool *p);
void fiber_pool_done(fiber_pool *p);
/* Takes a free stack (making one when none is free); returns its index, or -1 when out of memory. */
int fiber_pool_take(fiber_pool *p);
void fiber_pool_give(fiber_pool *p, int stack);
/* Marks every stack free (after a block is abandoned on an error). */
void fiber_pool_reset(fiber_pool *p);

/* Prepares stack `stack` so that switching to the returned stack pointer calls entry(arg).
   entry must never return: it ends by switching away for good. */
void *fiber_prepare(fiber_pool *p, int stack, fiber_entry entry, void *arg);

/* Saves the running context into *save and resumes the one saved in `to`. */
void fiber_switch(void **save, void *to);

/* True when addr lies in the guard page of one of the pool's stacks. */
int fiber_pool_is_guard(const fiber_pool *p, const void *addr);

#endif
