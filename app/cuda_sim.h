/* cuda_sim: runs CUDA kernels compiled by libtcc on the CPU, strictly.
   Each CUDA thread is a fiber (cuda_fiber.h). A block's threads run one after another as
   plain calls on a shared stack until one reaches a barrier (__syncthreads, a shuffle, a
   vote, __syncwarp); from then on the block's threads each keep their own stack until the
   barrier releases. The simulator reports what a GPU would not: a barrier reached by only part
   of a block, a shuffle mask that names missing or exited lanes, and (with the crash handler)
   which thread made an out-of-bounds access. The kernel language is in
   kernels/include/kdojo/cuda_prelude.h; its subset is documented in docs/cuda-subset.md. */
#ifndef KDOJO_CUDA_SIM_H
#define KDOJO_CUDA_SIM_H

#include "engine_tcc.h"
#include <stddef.h>

typedef struct { unsigned x, y, z; } cuda_dim3;

/* The running thread's coordinates, as the prelude declares them (kd_cuda_now). */
struct kd_cuda_now {
    cuda_dim3 threadIdx, blockIdx, blockDim, gridDim;
    void *worker;
};

/* What the simulator needs from one compiled program. */
typedef struct {
    struct kd_cuda_now *now;            /* the program's kd_cuda_now */
    char *shared_start, *shared_end;    /* its static __shared__ section (NULL when none) */
} cuda_program;

/* Resolves the simulator's symbols of a program; -1 when it was not compiled as CUDA. */
int cuda_program_init(cuda_program *p, void *(*symbol)(void *prog, const char *name), void *prog);

typedef void (*cuda_kernel_call)(void *args);  /* calls the kernel with its arguments */

typedef struct {
    cuda_dim3 grid, block;
    size_t shared;   /* dynamic shared memory bytes (extern __shared__) */
    int reverse;     /* 1: blocks and threads run in reverse order (the race check's second schedule) */
} cuda_launch_cfg;

#define CUDA_MAX_THREADS 1024
#define CUDA_MAX_DYNAMIC_SHARED (48 * 1024)

#define CUDA_MAX_WORKERS 8

/* Runs the kernel once per thread of the grid. progs[w] and calls[w] are worker w's
   compiled copy of the program and its launch shim (one copy per worker, at most
   CUDA_MAX_WORKERS; blocks are spread over the workers, each on its own core). 0 on
   success; -1 with a learner-facing message in err (a misuse of the launch, or a
   barrier/shuffle error of the kernel: the one of the lowest block that failed). */
int cuda_sim_launch(const cuda_program *progs, const cuda_kernel_call *calls, int nprogs, void *args,
                    const cuda_launch_cfg *cfg, char *err, size_t errlen);

/* How many workers launches may use: the online cores (KDOJO_CUDA_WORKERS overrides). */
int cuda_sim_workers(void);
/* Tells cuda_sim_prepare which worker the program about to be compiled is for (its
   extern __shared__ arrays are that worker's); 0 unless compiling a copy. */
void cuda_sim_building_for(int worker);

/* Writer tracking (for small outputs, single worker): until cuda_sim_unwatch, every element
   of data (n elements of esize bytes) that a thread changes gets writers[i] = block * 1024 +
   thread (linear indices; ~0u: unchanged). At most 4 buffers; -1 when full. */
int cuda_sim_watch(void *data, size_t n, int esize, unsigned *writers);
void cuda_sim_unwatch(void);

/* Counting global reads (puzzle rules such as "read each input once per block"): for the
   buffers registered, the launches between cuda_sim_counting(1) and cuda_sim_counting(0) record
   the largest number of times one block read one element: *out gets that count, the element,
   the block and the thread of the last of those reads (linear indices). Slow: single worker,
   small launches only. -1 where unsupported (not x86-64) or when 4 buffers are registered. */
typedef struct {
    unsigned most;
    long long element;
    unsigned block, thread;
} cuda_read_count;
int cuda_sim_count_reads(void *data, size_t n, int esize, cuda_read_count *out);
void cuda_sim_counting(int on);

/* Whether a float atomic ran since the last call (their results vary in the last bits). */
int cuda_sim_take_float_atomics(void);

/* The learner's .cu source prepared for TinyCC: the prelude included and `extern __shared__`
   rewritten; *symbols (caller frees the array) is base followed by the runtime's symbols and
   one entry per extern shared array. Caller frees the returned text. */
char *cuda_sim_prepare(const char *source, const tcc_symbol *base, tcc_symbol **symbols);

/* For crash reports, async-signal-safe: "thread (3,0,0) of block (1,0,0)" when a kernel is
   running, else 0. */
int cuda_sim_describe_running(const void *fault_addr, char *out, size_t len);

#endif
