/* cuda_prelude.h: maps the CUDA kernel language onto kdojo's CPU simulator (app/cuda_sim.c).
 *
 * kdojo puts this header in front of every .cu file of a lesson with engine = "cuda" before
 * TinyCC compiles it; learners never include it. What it covers, and the subset of CUDA C++
 * that compiles both here and with NVRTC, is in docs/cuda-subset.md. */
#ifndef KDOJO_CUDA_PRELUDE_H
#define KDOJO_CUDA_PRELUDE_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>

/* ---------------------------------------------------------------- types and thread state */

typedef struct { unsigned int x, y, z; } uint3;
typedef struct { unsigned int x, y, z; } dim3;
typedef struct { float x, y; } float2;
typedef struct { float x, y, z, w; } float4;

/* The CUDA thread running now. The simulator writes it before it runs or resumes a thread; each
   compiled copy of a program has its own, so workers on several cores never share one.
   The layout must match struct kd_cuda_now in app/cuda_sim.h. */
struct kd_cuda_now {
    uint3 threadIdx;
    uint3 blockIdx;
    dim3 blockDim;
    dim3 gridDim;
    void *worker;
};
struct kd_cuda_now kd_cuda_now;

#define threadIdx (kd_cuda_now.threadIdx)
#define blockIdx (kd_cuda_now.blockIdx)
#define blockDim (kd_cuda_now.blockDim)
#define gridDim (kd_cuda_now.gridDim)
#define warpSize 32

/* ---------------------------------------------------------------- qualifiers */

#define __global__
#define __device__
#define __host__
#define __forceinline__
#define __noinline__
#define __restrict__ restrict
#define __launch_bounds__(...)
#define __align__(n) __attribute((aligned(n)))
/* Static shared arrays live in their own section: the simulator poisons it (all bytes 0xff,
   NaN as a float) before every block, as a GPU gives a block garbage. `extern __shared__`
   arrays are rewritten to plain `extern` and linked to the launch's dynamic shared memory.
   (`__attribute`, not `__attribute__`: glibc's headers erase the latter for TinyCC.) */
#define __shared__ static __attribute((section("kdshared")))

/* ---------------------------------------------------------------- small helpers */

#define KD_FIRST_(a, ...) a
#define KD_REST_(a, ...) __VA_ARGS__
/* The last of (dflt, optional...) : an optional trailing argument with a default. */
#define KD_OPT_(dflt, ...) (((int[]){dflt, __VA_ARGS__})[sizeof((int[]){dflt, __VA_ARGS__}) / sizeof(int) - 1])

/* ---------------------------------------------------------------- barriers */

void kd_cuda_syncthreads(struct kd_cuda_now *now, int line);
void kd_cuda_syncwarp(struct kd_cuda_now *now, int line, unsigned mask);
#define __syncthreads() kd_cuda_syncthreads(&kd_cuda_now, __LINE__)
#define __syncwarp(...) kd_cuda_syncwarp(&kd_cuda_now, __LINE__, (unsigned)KD_OPT_((int)0xffffffffu, __VA_ARGS__))
#define __threadfence() ((void)0)
#define __threadfence_block() ((void)0)

/* ---------------------------------------------------------------- warp shuffles and votes */

enum { KD_SHFL_IDX, KD_SHFL_UP, KD_SHFL_DOWN, KD_SHFL_XOR };
enum { KD_VOTE_BALLOT, KD_VOTE_ANY, KD_VOTE_ALL };
unsigned long long kd_cuda_shfl(struct kd_cuda_now *now, int line, int mode, unsigned mask,
                                unsigned long long bits, int lane, int width);
unsigned kd_cuda_vote(struct kd_cuda_now *now, int line, int mode, unsigned mask, int pred);
unsigned kd_cuda_activemask(struct kd_cuda_now *now);

static int kd_shfl_i(int line, int mode, unsigned m, int v, int l, int w) {
    return (int)kd_cuda_shfl(&kd_cuda_now, line, mode, m, (unsigned long long)(unsigned)v, l, w);
}
static unsigned kd_shfl_u(int line, int mode, unsigned m, unsigned v, int l, int w) {
    return (unsigned)kd_cuda_shfl(&kd_cuda_now, line, mode, m, v, l, w);
}
static long long kd_shfl_ll(int line, int mode, unsigned m, long long v, int l, int w) {
    return (long long)kd_cuda_shfl(&kd_cuda_now, line, mode, m, (unsigned long long)v, l, w);
}
static unsigned long long kd_shfl_ull(int line, int mode, unsigned m, unsigned long long v, int l, int w) {
    return kd_cuda_shfl(&kd_cuda_now, line, mode, m, v, l, w);
}
static float kd_shfl_f(int line, int mode, unsigned m, float v, int l, int w) {
    union { float f; unsigned u; } a, b;
    a.f = v;
    b.u = (unsigned)kd_cuda_shfl(&kd_cuda_now, line, mode, m, a.u, l, w);
    return b.f;
}
static double kd_shfl_d(int line, int mode, unsigned m, double v, int l, int w) {
    union { double d; unsigned long long u; } a, b;
    a.d = v;
    b.u = kd_cuda_shfl(&kd_cuda_now, line, mode, m, a.u, l, w);
    return b.d;
}
#define KD_SHFL_(mode, m, v, ...)                                                                  \
    _Generic((v), float: kd_shfl_f, double: kd_shfl_d, unsigned: kd_shfl_u, long long: kd_shfl_ll,  \
             unsigned long long: kd_shfl_ull, default: kd_shfl_i)(                                  \
        __LINE__, mode, m, v, KD_FIRST_(__VA_ARGS__), KD_OPT_(32, KD_REST_(__VA_ARGS__)))
#define __shfl_sync(m, v, ...) KD_SHFL_(KD_SHFL_IDX, m, v, __VA_ARGS__)
#define __shfl_up_sync(m, v, ...) KD_SHFL_(KD_SHFL_UP, m, v, __VA_ARGS__)
#define __shfl_down_sync(m, v, ...) KD_SHFL_(KD_SHFL_DOWN, m, v, __VA_ARGS__)
#define __shfl_xor_sync(m, v, ...) KD_SHFL_(KD_SHFL_XOR, m, v, __VA_ARGS__)
#define __ballot_sync(m, p) kd_cuda_vote(&kd_cuda_now, __LINE__, KD_VOTE_BALLOT, m, (p) != 0)
#define __any_sync(m, p) ((int)kd_cuda_vote(&kd_cuda_now, __LINE__, KD_VOTE_ANY, m, (p) != 0))
#define __all_sync(m, p) ((int)kd_cuda_vote(&kd_cuda_now, __LINE__, KD_VOTE_ALL, m, (p) != 0))
#define __activemask() kd_cuda_activemask(&kd_cuda_now)

/* ---------------------------------------------------------------- atomics */

int kd_cuda_atomic_add_i(int *p, int v);
unsigned kd_cuda_atomic_add_u(unsigned *p, unsigned v);
unsigned long long kd_cuda_atomic_add_ull(unsigned long long *p, unsigned long long v);
float kd_cuda_atomic_add_f(float *p, float v);
double kd_cuda_atomic_add_d(double *p, double v);
int kd_cuda_atomic_exch_i(int *p, int v);
unsigned kd_cuda_atomic_exch_u(unsigned *p, unsigned v);
float kd_cuda_atomic_exch_f(float *p, float v);
int kd_cuda_atomic_sub_i(int *p, int v);
unsigned kd_cuda_atomic_sub_u(unsigned *p, unsigned v);
int kd_cuda_atomic_min_i(int *p, int v);
unsigned kd_cuda_atomic_min_u(unsigned *p, unsigned v);
int kd_cuda_atomic_max_i(int *p, int v);
unsigned kd_cuda_atomic_max_u(unsigned *p, unsigned v);
int kd_cuda_atomic_cas_i(int *p, int expected, int v);
unsigned kd_cuda_atomic_cas_u(unsigned *p, unsigned expected, unsigned v);
unsigned long long kd_cuda_atomic_cas_ull(unsigned long long *p, unsigned long long expected, unsigned long long v);
int kd_cuda_atomic_and_i(int *p, int v);
int kd_cuda_atomic_or_i(int *p, int v);
int kd_cuda_atomic_xor_i(int *p, int v);

#define atomicAdd(p, v)                                                                            \
    _Generic((p), float *: kd_cuda_atomic_add_f, double *: kd_cuda_atomic_add_d,                   \
             unsigned *: kd_cuda_atomic_add_u, unsigned long long *: kd_cuda_atomic_add_ull,       \
             default: kd_cuda_atomic_add_i)(p, v)
#define atomicExch(p, v) \
    _Generic((p), float *: kd_cuda_atomic_exch_f, unsigned *: kd_cuda_atomic_exch_u, default: kd_cuda_atomic_exch_i)(p, v)
#define atomicSub(p, v) _Generic((p), unsigned *: kd_cuda_atomic_sub_u, default: kd_cuda_atomic_sub_i)(p, v)
#define atomicMin(p, v) _Generic((p), unsigned *: kd_cuda_atomic_min_u, default: kd_cuda_atomic_min_i)(p, v)
#define atomicMax(p, v) _Generic((p), unsigned *: kd_cuda_atomic_max_u, default: kd_cuda_atomic_max_i)(p, v)
#define atomicCAS(p, e, v)                                                                         \
    _Generic((p), unsigned *: kd_cuda_atomic_cas_u, unsigned long long *: kd_cuda_atomic_cas_ull,  \
             default: kd_cuda_atomic_cas_i)(p, e, v)
#define atomicAnd(p, v) kd_cuda_atomic_and_i(p, v)
#define atomicOr(p, v) kd_cuda_atomic_or_i(p, v)
#define atomicXor(p, v) kd_cuda_atomic_xor_i(p, v)

/* ---------------------------------------------------------------- math and intrinsics */

/* CUDA's min and max are overloaded functions; these macros evaluate an argument twice. */
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define __expf(x) expf(x)
#define __logf(x) logf(x)
#define __sinf(x) sinf(x)
#define __cosf(x) cosf(x)
#define __powf(x, y) powf(x, y)
#define __fdividef(x, y) ((x) / (y))
#define __ldg(p) (*(p))
static float rsqrtf(float x) { return 1.0f / sqrtf(x); }
static float __saturatef(float x) { return x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x; }
static int __popc(unsigned x) { int n = 0; for (; x; x &= x - 1) n++; return n; }
static int __ffs(int x) { unsigned u = (unsigned)x; if (!u) return 0; int n = 1; while (!(u & 1)) { u >>= 1; n++; } return n; }
static int __clz(int x) { unsigned u = (unsigned)x; int n = 0; while (n < 32 && !(u & 0x80000000u)) { u <<= 1; n++; } return n; }
static int __mul24(int a, int b) { return a * b; }
static float __int_as_float(int x) { union { int i; float f; } u; u.i = x; return u.f; }
static int __float_as_int(float x) { union { int i; float f; } u; u.f = x; return u.i; }

#endif
