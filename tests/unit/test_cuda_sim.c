/* test_cuda_sim: the CUDA simulator: thread coordinates, barriers, shared memory, shuffles,
   votes, atomics, and the exact messages for misused barriers and masks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cuda_sim.h"
#include "engine_tcc.h"
#include "paths.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

typedef struct {
    tcc_program *prog;
    cuda_program cp;
    cuda_kernel_call call;
} kernel;

static void *sym(void *prog, const char *name) { return tcc_program_symbol(prog, name); }

/* Compiles a .cu source that also defines `void call(void *args)`, the launch shim, as the
   program copy of worker w. */
static kernel compile_for(const char *src, int w) {
    kd_paths p;
    char *err = NULL;
    assert_int_equal(paths_init(&p, &err), 0);
    tcc_symbol *syms;
    cuda_sim_building_for(w);
    char *text = cuda_sim_prepare(src, NULL, &syms);
    cuda_sim_building_for(0);
    tcc_options o = {.tcc_dir = p.tcc_dir, .include_dir = p.include_dir, .symbols = syms};
    tcc_unit u = {"k.cu", text};
    char *diag = NULL;
    kernel k = {0};
    k.prog = tcc_program_build(&o, &u, 1, &diag);
    if (!k.prog) fprintf(stderr, "%s", diag);
    assert_non_null(k.prog);
    assert_int_equal(cuda_program_init(&k.cp, sym, k.prog), 0);
    k.call = (cuda_kernel_call)tcc_program_symbol(k.prog, "call");
    assert_non_null(k.call);
    free(diag);
    free(text);
    free(syms);
    paths_done(&p);
    return k;
}

static kernel compile(const char *src) { return compile_for(src, 0); }

static int launch(kernel *k, void *args, cuda_dim3 grid, cuda_dim3 block, size_t shared, int reverse, char *err) {
    cuda_launch_cfg c = {.grid = grid, .block = block, .shared = shared, .reverse = reverse};
    err[0] = 0;
    return cuda_sim_launch(&k->cp, &k->call, 1, args, &c, err, 1024);
}

#define D3(x, y, z) ((cuda_dim3){x, y, z})

/* ---------------------------------------------------------------- coordinates */

static void test_coordinates_3d(void **state) {
    (void)state;
    kernel k = compile(
        "__global__ void ids(int *out) {\n"
        "  int t = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);\n"
        "  int b = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);\n"
        "  int per = blockDim.x * blockDim.y * blockDim.z;\n"
        "  out[b * per + t] = b * 1000 + t;\n"
        "}\n"
        "void call(void *a) { ids(*(int **)a); }\n");
    int n = 2 * 3 * 2 * (4 * 2 * 3), *out = calloc((size_t)n, sizeof *out);
    char err[1024];
    for (int rev = 0; rev < 2; rev++) {
        memset(out, 0xff, (size_t)n * sizeof *out);
        assert_int_equal(launch(&k, &out, D3(2, 3, 2), D3(4, 2, 3), 0, rev, err), 0);
        for (int i = 0; i < n; i++) assert_int_equal(out[i], (i / 24) * 1000 + i % 24);
    }
    free(out);
    tcc_program_free(k.prog);
}

/* ---------------------------------------------------------------- barriers and shared memory */

static const char *reduce_src =
    "__global__ void reduce(const float *in, float *out) {\n"
    "  __shared__ float s[256];\n"
    "  int t = threadIdx.x;\n"
    "  s[t] = in[blockIdx.x * blockDim.x + t];\n"
    "  __syncthreads();\n"
    "  for (int step = blockDim.x / 2; step > 0; step /= 2) {\n"
    "    if (t < step) s[t] += s[t + step];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  if (t == 0) out[blockIdx.x] = s[0];\n"
    "}\n"
    "struct args { const float *in; float *out; };\n"
    "void call(void *a) { struct args *p = a; reduce(p->in, p->out); }\n";

static void test_shared_reduction(void **state) {
    (void)state;
    kernel k = compile(reduce_src);
    enum { B = 64, T = 256 };
    float *in = malloc(B * T * sizeof *in), out[B];
    for (int i = 0; i < B * T; i++) in[i] = (float)(i % 7);
    struct { const float *in; float *out; } a = {in, out};
    char err[1024];
    for (int rev = 0; rev < 2; rev++) {
        assert_int_equal(launch(&k, &a, D3(B, 1, 1), D3(T, 1, 1), 0, rev, err), 0);
        for (int b = 0; b < B; b++) {
            float want = 0;
            for (int t = 0; t < T; t++) want += in[b * T + t];
            assert_true(out[b] == want);
        }
    }
    free(in);
    tcc_program_free(k.prog);
}

static void test_shared_is_poisoned_per_block(void **state) {
    (void)state;
    /* Reading shared memory nobody wrote gives garbage (NaN), not the last block's values. */
    kernel k = compile(
        "__global__ void peek(float *out) {\n"
        "  __shared__ float s[4];\n"
        "  if (blockIdx.x == 0) s[threadIdx.x] = 1.0f;\n"
        "  __syncthreads();\n"
        "  out[blockIdx.x * 4 + threadIdx.x] = s[threadIdx.x];\n"
        "}\n"
        "void call(void *a) { peek(*(float **)a); }\n");
    float out[8];
    char err[1024];
    assert_int_equal(launch(&k, (float *[]){out}, D3(2, 1, 1), D3(4, 1, 1), 0, 0, err), 0);
    fprintf(stderr, "poison: %g %g %p %p\n", out[0], out[4], (void*)k.cp.shared_start, (void*)k.cp.shared_end);
    assert_true(out[0] == 1.0f);
    assert_true(out[4] != out[4]);
    tcc_program_free(k.prog);
}

static void test_dynamic_shared(void **state) {
    (void)state;
    kernel k = compile(
        "__global__ void rev(int *data) {\n"
        "  extern __shared__ int tile[];\n"
        "  int t = threadIdx.x, n = blockDim.x;\n"
        "  tile[t] = data[t];\n"
        "  __syncthreads();\n"
        "  data[t] = tile[n - 1 - t];\n"
        "}\n"
        "void call(void *a) { rev(*(int **)a); }\n");
    int data[300];
    for (int i = 0; i < 300; i++) data[i] = i;
    char err[1024];
    assert_int_equal(launch(&k, (int *[]){data}, D3(1, 1, 1), D3(300, 1, 1), 300 * sizeof(int), 0, err), 0);
    for (int i = 0; i < 300; i++) assert_int_equal(data[i], 299 - i);
    tcc_program_free(k.prog);
}

static void test_two_workers(void **state) {
    (void)state;
    /* Two program copies, two cores: every block still gets its own shared array. */
    kernel k[2] = {compile_for(reduce_src, 0), compile_for(reduce_src, 1)};
    cuda_program progs[2] = {k[0].cp, k[1].cp};
    cuda_kernel_call calls[2] = {k[0].call, k[1].call};
    enum { B = 512, T = 256 };
    float *in = malloc(B * T * sizeof *in), out[B];
    for (int i = 0; i < B * T; i++) in[i] = (float)(i % 5);
    struct { const float *in; float *out; } a = {in, out};
    cuda_launch_cfg c = {.grid = D3(B, 1, 1), .block = D3(T, 1, 1)};
    char err[1024];
    assert_int_equal(cuda_sim_launch(progs, calls, 2, &a, &c, err, sizeof err), 0);
    for (int b = 0; b < B; b++) {
        float want = 0;
        for (int t = 0; t < T; t++) want += in[b * T + t];
        assert_true(out[b] == want);
    }
    free(in);
    tcc_program_free(k[0].prog);
    tcc_program_free(k[1].prog);
}

static void test_writers_recorded(void **state) {
    (void)state;
    /* Thread t of block b writes element (b * 4 + t) reversed within the block. */
    kernel k = compile("__global__ void w(int *out) {\n"
                       "  int t = threadIdx.x;\n"
                       "  if (t != 1) out[blockIdx.x * 4 + 3 - t] = 7;\n"
                       "}\n"
                       "void call(void *a) { w(*(int **)a); }\n");
    int out[8] = {0};
    unsigned writers[8];
    assert_int_equal(cuda_sim_watch(out, 8, 4, writers), 0);
    char err[1024];
    assert_int_equal(launch(&k, (int *[]){out}, D3(2, 1, 1), D3(4, 1, 1), 0, 0, err), 0);
    cuda_sim_unwatch();
    unsigned want[8] = {3, 2, ~0u, 0, 1024 + 3, 1024 + 2, ~0u, 1024 + 0}; /* block * 1024 + thread */
    for (int i = 0; i < 8; i++) assert_int_equal(writers[i], want[i]);
    tcc_program_free(k.prog);
}

static void test_reads_counted(void **state) {
    (void)state;
    /* Every thread reads its own element, and thread 3 also reads element 0. */
    kernel k = compile("__global__ void r(const int *in, int *out) {\n"
                       "  int t = threadIdx.x;\n"
                       "  out[t] = in[t] + (t == 3 ? in[0] : 0);\n"
                       "}\n"
                       "struct args { const int *in; int *out; };\n"
                       "void call(void *a) { struct args *p = a; r(p->in, p->out); }\n");
    int *in = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), out[8];
    for (int i = 0; i < 8; i++) in[i] = i;
    struct { const int *in; int *out; } a = {in, out};
    cuda_read_count rc;
    char err[1024];
    if (cuda_sim_count_reads(in, 8, 4, &rc) < 0) { munmap(in, 4096); tcc_program_free(k.prog); skip(); }
    cuda_sim_counting(1);
    int r = launch(&k, &a, D3(1, 1, 1), D3(8, 1, 1), 0, 0, err);
    cuda_sim_counting(0);
    assert_int_equal(r, 0);
    assert_int_equal(out[3], 3);
    assert_int_equal(rc.most, 2);
    assert_int_equal(rc.element, 0);
    assert_int_equal(rc.thread, 3);
    munmap(in, 4096);
    tcc_program_free(k.prog);
}

/* ---------------------------------------------------------------- warps */

static void test_shuffles_and_votes(void **state) {
    (void)state;
    kernel k = compile(
        "__global__ void warp(int *out) {\n"
        "  int lane = threadIdx.x % 32;\n"
        "  int v = lane + 1;\n"
        "  for (int d = 16; d > 0; d /= 2) v += __shfl_down_sync(0xffffffff, v, d);\n"
        "  float f = (float)lane;\n"
        "  for (int d = 1; d < 32; d *= 2) f = fmaxf(f, __shfl_xor_sync(0xffffffff, f, d));\n"
        "  int first = __shfl_sync(0xffffffff, lane * 10, 3);\n"
        "  int up = __shfl_up_sync(0xffffffff, lane, 1);\n"
        "  unsigned odd = __ballot_sync(0xffffffff, lane & 1);\n"
        "  int any = __any_sync(0xffffffff, lane == 31), all = __all_sync(0xffffffff, lane < 31);\n"
        "  __syncwarp();\n"
        "  if (lane == 0) { out[0] = v; out[1] = (int)f; out[5] = (int)odd; out[6] = any; out[7] = all; }\n"
        "  if (lane == 7) { out[2] = first; out[3] = up; }\n"
        "  if (lane == 0) out[4] = up;\n"
        "}\n"
        "void call(void *a) { warp(*(int **)a); }\n");
    int out[8];
    char err[1024];
    for (int rev = 0; rev < 2; rev++) {
        memset(out, 0, sizeof out);
        assert_int_equal(launch(&k, (int *[]){out}, D3(1, 1, 1), D3(32, 1, 1), 0, rev, err), 0);
        assert_int_equal(out[0], 32 * 33 / 2);
        assert_int_equal(out[1], 31);
        assert_int_equal(out[2], 30);
        assert_int_equal(out[3], 6);
        assert_int_equal(out[4], 0);
        assert_int_equal((unsigned)out[5], 0xaaaaaaaau);
        assert_int_equal(out[6], 1);
        assert_int_equal(out[7], 0);
    }
    tcc_program_free(k.prog);
}

/* ---------------------------------------------------------------- atomics */

static void test_atomics(void **state) {
    (void)state;
    kernel k = compile(
        "__global__ void count(int *n, float *f, int *hi) {\n"
        "  atomicAdd(n, 1); atomicAdd(f, 0.5f); atomicMax(hi, (int)(blockIdx.x * blockDim.x + threadIdx.x));\n"
        "  atomicSub(n + 1, 2); atomicCAS(n + 2, 0, 7); atomicExch(n + 3, 9); atomicMin(n + 4, -3);\n"
        "}\n"
        "struct args { int *n; float *f; int *hi; };\n"
        "void call(void *a) { struct args *p = a; count(p->n, p->f, p->hi); }\n");
    int n[5] = {0}, hi = -1;
    float f = 0;
    struct { int *n; float *f; int *hi; } a = {n, &f, &hi};
    char err[1024];
    assert_int_equal(launch(&k, &a, D3(10, 1, 1), D3(100, 1, 1), 0, 0, err), 0);
    assert_int_equal(n[0], 1000);
    assert_int_equal(n[1], -2000);
    assert_int_equal(n[2], 7);
    assert_int_equal(n[3], 9);
    assert_int_equal(n[4], -3);
    assert_int_equal(hi, 999);
    assert_true(f == 500.0f);
    assert_true(cuda_sim_take_float_atomics());
    tcc_program_free(k.prog);
}

/* ---------------------------------------------------------------- misuse, and its messages */

static void expect_error(const char *src, cuda_dim3 block, const char *message) {
    kernel k = compile(src);
    int out[64] = {0};
    char err[1024];
    assert_int_equal(launch(&k, (int *[]){out}, D3(2, 1, 1), block, 0, 0, err), -1);
    if (strcmp(err, message)) fprintf(stderr, "got:  %s\nwant: %s\n", err, message);
    assert_string_equal(err, message);
    /* The simulator recovers: a correct launch right after works. */
    tcc_program_free(k.prog);
}

static void test_exit_before_barrier(void **state) {
    (void)state;
    expect_error("__global__ void k(int *out) {\n"
                 "  if (threadIdx.x == 3) return;\n"
                 "  __syncthreads();\n"
                 "  out[threadIdx.x] = 1;\n"
                 "}\n"
                 "void call(void *a) { k(*(int **)a); }\n",
                 D3(32, 1, 1),
                 "thread (3,0,0) of block (0,0,0) exited without reaching the __syncthreads() at line 3 that 31 other "
                 "threads of its block wait at (first: thread (0,0,0)); every thread of a block must reach each "
                 "__syncthreads(): put the barrier outside the if, or keep idle threads alive (skip their work, not "
                 "the barrier)");
}

static void test_barriers_on_different_lines(void **state) {
    (void)state;
    expect_error("__global__ void k(int *out) {\n"
                 "  if (threadIdx.x < 2) { __syncthreads(); }\n"
                 "  else { __syncthreads(); }\n"
                 "}\n"
                 "void call(void *a) { k(*(int **)a); }\n",
                 D3(4, 1, 1),
                 "threads of one block wait at different barriers: thread (0,0,0) of block (0,0,0) at the "
                 "__syncthreads() on line 2, thread (2,0,0) at the one on line 3; all threads of a block must meet at "
                 "the same __syncthreads()");
}

static void test_mask_names_missing_lane(void **state) {
    (void)state;
    expect_error("__global__ void k(int *out) {\n"
                 "  out[threadIdx.x] = __shfl_down_sync(0xffffffff, (int)threadIdx.x, 1);\n"
                 "}\n"
                 "void call(void *a) { k(*(int **)a); }\n",
                 D3(16, 1, 1),
                 "__shfl_down_sync at line 2: the mask 0xffffffff names lane 16, but warp 0 of this block has only 16 "
                 "threads (the block has 16); use a mask of the lanes that exist");
}

static void test_mask_without_caller(void **state) {
    (void)state;
    expect_error("__global__ void k(int *out) {\n"
                 "  unsigned b = __ballot_sync(0x0000ffff, 1);\n"
                 "  out[threadIdx.x] = (int)b;\n"
                 "}\n"
                 "void call(void *a) { k(*(int **)a); }\n",
                 D3(32, 1, 1),
                 "__ballot_sync at line 2: thread (16,0,0) of block (0,0,0) is lane 16 of its warp, but the mask "
                 "0x0000ffff does not include it; the mask names the lanes taking part, the caller among them");
}

static void test_mask_names_exited_lane(void **state) {
    (void)state;
    expect_error("__global__ void k(int *out) {\n"
                 "  if (threadIdx.x == 0) return;\n"
                 "  __syncwarp();\n"
                 "}\n"
                 "void call(void *a) { k(*(int **)a); }\n",
                 D3(32, 1, 1),
                 "__syncwarp at line 3 (called by thread (1,0,0) of block (0,0,0)): the mask 0xffffffff names lane 0 "
                 "(thread (0,0,0)), which has already exited; a mask must name only lanes that reach the call");
}

static void test_bad_launch(void **state) {
    (void)state;
    kernel k = compile("__global__ void k(int *out) { }\nvoid call(void *a) { k(*(int **)a); }\n");
    char err[1024];
    assert_int_equal(launch(&k, (int *[]){NULL}, D3(1, 1, 1), D3(1025, 1, 1), 0, 0, err), -1);
    assert_non_null(strstr(err, "too large"));
    tcc_program_free(k.prog);
}

/* ---------------------------------------------------------------- speed */

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void test_million_threads(void **state) {
    (void)state;
    kernel k = compile(
        "__global__ void add(const float *a, const float *b, float *c, int n) {\n"
        "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
        "  if (i < n) c[i] = a[i] + b[i];\n"
        "}\n"
        "struct args { const float *a, *b; float *c; int n; };\n"
        "void call(void *p) { struct args *q = p; add(q->a, q->b, q->c, q->n); }\n");
    int n = 1 << 20;
    float *a = malloc((size_t)n * 4), *b = malloc((size_t)n * 4), *c = malloc((size_t)n * 4);
    for (int i = 0; i < n; i++) a[i] = (float)i, b[i] = 1;
    struct { const float *a, *b; float *c; int n; } args = {a, b, c, n};
    char err[1024];
    double best = 1e9;
    for (int rep = 0; rep < 5; rep++) {
        double t0 = seconds();
        assert_int_equal(launch(&k, &args, D3((unsigned)n / 256, 1, 1), D3(256, 1, 1), 0, 0, err), 0);
        double t = seconds() - t0;
        if (t < best) best = t;
    }
    for (int i = 0; i < n; i++) assert_true(c[i] == (float)i + 1);
    fprintf(stderr, "vector add, 2^20 threads, 256 per block: %.2f ms (best of 5, one core)\n", best * 1e3);
    assert_true(best < 0.5);
    free(a); free(b); free(c);
    tcc_program_free(k.prog);

    kernel r = compile(reduce_src);
    float *in = malloc((size_t)n * 4), *out = malloc((size_t)n / 256 * 4);
    for (int i = 0; i < n; i++) in[i] = 1;
    struct { const float *in; float *out; } ra = {in, out};
    best = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = seconds();
        assert_int_equal(launch(&r, &ra, D3((unsigned)n / 256, 1, 1), D3(256, 1, 1), 0, 0, err), 0);
        double t = seconds() - t0;
        if (t < best) best = t;
    }
    assert_true(out[0] == 256.0f);
    fprintf(stderr, "shared-memory reduction, 2^20 threads, 9 __syncthreads each: %.1f ms (best of 3, one core)\n", best * 1e3);
    free(in); free(out);
    tcc_program_free(r.prog);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coordinates_3d),        cmocka_unit_test(test_shared_reduction),
        cmocka_unit_test(test_shared_is_poisoned_per_block), cmocka_unit_test(test_dynamic_shared),
        cmocka_unit_test(test_two_workers),           cmocka_unit_test(test_writers_recorded),
        cmocka_unit_test(test_reads_counted),           cmocka_unit_test(test_shuffles_and_votes),    cmocka_unit_test(test_atomics),
        cmocka_unit_test(test_exit_before_barrier),   cmocka_unit_test(test_barriers_on_different_lines),
        cmocka_unit_test(test_mask_names_missing_lane), cmocka_unit_test(test_mask_without_caller),
        cmocka_unit_test(test_mask_names_exited_lane), cmocka_unit_test(test_bad_launch),
        cmocka_unit_test(test_million_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
