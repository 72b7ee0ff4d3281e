/* cuda_fiber: small stacks and a hand-written context switch for the CUDA simulator's threads. */
#include "cuda_fiber.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---------------------------------------------------------------- the switch */

#if defined(__x86_64__)
/* fiber_switch(save=rdi, to=rsi): push the callee-saved registers, swap stacks, pop, return.
   A fresh stack is laid out by fiber_prepare so that the pops load entry and arg into r12/r13
   and the ret lands in fiber_start, which calls entry(arg) on an aligned stack. */
__asm__(".text\n"
        ".globl fiber_switch\n"
        ".type fiber_switch,@function\n"
        "fiber_switch:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n"
        ".size fiber_switch, .-fiber_switch\n"
        "fiber_start:\n"
        "  movq %r13, %rdi\n"
        "  callq *%r12\n"
        "  ud2\n");
extern char fiber_start[];
#define SAVED_WORDS 7 /* r15 r14 r13 r12 rbx rbp, return address */
#elif defined(__aarch64__)
/* fiber_switch(save=x0, to=x1): save x19-x30, d8-d15 and sp; load the other set. */
__asm__(".text\n"
        ".globl fiber_switch\n"
        ".type fiber_switch,%function\n"
        "fiber_switch:\n"
        "  sub sp, sp, #176\n"
        "  stp x19, x20, [sp, #0]\n  stp x21, x22, [sp, #16]\n  stp x23, x24, [sp, #32]\n"
        "  stp x25, x26, [sp, #48]\n  stp x27, x28, [sp, #64]\n  stp x29, x30, [sp, #80]\n"
        "  stp d8, d9, [sp, #96]\n  stp d10, d11, [sp, #112]\n  stp d12, d13, [sp, #128]\n  stp d14, d15, [sp, #144]\n"
        "  mov x2, sp\n  str x2, [x0]\n  mov sp, x1\n"
        "  ldp x19, x20, [sp, #0]\n  ldp x21, x22, [sp, #16]\n  ldp x23, x24, [sp, #32]\n"
        "  ldp x25, x26, [sp, #48]\n  ldp x27, x28, [sp, #64]\n  ldp x29, x30, [sp, #80]\n"
        "  ldp d8, d9, [sp, #96]\n  ldp d10, d11, [sp, #112]\n  ldp d12, d13, [sp, #128]\n  ldp d14, d15, [sp, #144]\n"
        "  add sp, sp, #176\n"
        "  ret\n"
        "fiber_start:\n"
        "  mov x0, x20\n"
        "  blr x19\n"
        "  brk #0\n");
extern char fiber_start[];
#else
#error "cuda_fiber: no context switch for this architecture (x86-64 and aarch64 are supported)"
#endif

/* ---------------------------------------------------------------- stacks */

static size_t page_size(void) {
    static size_t page;
    if (!page) page = (size_t)sysconf(_SC_PAGESIZE);
    return page;
}

void fiber_pool_init(fiber_pool *p) { memset(p, 0, sizeof *p); }

void fiber_pool_done(fiber_pool *p) {
    for (int i = 0; i < p->n; i++) munmap(p->stacks[i], FIBER_STACK_BYTES + page_size());
    free(p->stacks);
    free(p->free_list);
    memset(p, 0, sizeof *p);
}

int fiber_pool_take(fiber_pool *p) {
    if (p->n_free) return p->free_list[--p->n_free];
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->stacks = xrealloc(p->stacks, (size_t)p->cap * sizeof *p->stacks);
        p->free_list = xrealloc(p->free_list, (size_t)p->cap * sizeof *p->free_list);
    }
    size_t guard = page_size();
    char *m = mmap(NULL, FIBER_STACK_BYTES + guard, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return -1;
    mprotect(m, guard, PROT_NONE);
    p->stacks[p->n] = m;
    return p->n++;
}

void fiber_pool_give(fiber_pool *p, int stack) { p->free_list[p->n_free++] = stack; }

void fiber_pool_reset(fiber_pool *p) {
    p->n_free = 0;
    for (int i = p->n - 1; i >= 0; i--) p->free_list[p->n_free++] = i;
}

int fiber_pool_is_guard(const fiber_pool *p, const void *addr) {
    uintptr_t a = (uintptr_t)addr;
    for (int i = 0; i < p->n; i++)
        if (a >= (uintptr_t)p->stacks[i] && a < (uintptr_t)p->stacks[i] + page_size()) return 1;
    return 0;
}

void *fiber_prepare(fiber_pool *p, int stack, fiber_entry entry, void *arg) {
    /* Stagger the tops by stack index so that hundreds of fibers' hot frames do not all
       fall into the same cache sets. */
    uintptr_t top = (uintptr_t)p->stacks[stack] + page_size() + FIBER_STACK_BYTES - (uintptr_t)(stack % 32) * 192;
    top &= ~(uintptr_t)15;
#if defined(__x86_64__)
    uintptr_t *sp = (uintptr_t *)top - SAVED_WORDS - 2; /* after the pops and the ret, rsp = top - 16 */
    sp[0] = 0;                      /* r15 */
    sp[1] = 0;                      /* r14 */
    sp[2] = (uintptr_t)arg;         /* r13 */
    sp[3] = (uintptr_t)entry;       /* r12 */
    sp[4] = 0;                      /* rbx */
    sp[5] = 0;                      /* rbp */
    sp[6] = (uintptr_t)fiber_start; /* ret */
    sp[7] = sp[8] = 0;
    /* rsp is 16-byte aligned at fiber_start's call, as the ABI wants. */
    return sp;
#else
    uintptr_t *sp = (uintptr_t *)(top - 176);
    memset(sp, 0, 176);
    sp[0] = (uintptr_t)entry;      /* x19 */
    sp[1] = (uintptr_t)arg;        /* x20 */
    sp[11] = (uintptr_t)fiber_start; /* x30 */
    return sp;
#endif
}
