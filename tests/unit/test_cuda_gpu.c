/* test_cuda_gpu: the driver API on a real GPU: a launch, its resources, an illegal address
   that breaks the context with a clear message. Label "gpu"; exits 77 (skipped) without one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cuda_gpu.h"
#include "cuda_nvrtc.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char src[] =
    "__global__ void add(float *out, const float *a, int n, int shift)\n"
    "{\n"
    "    int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "    if (i < n) out[i + shift] = a[i] + 1.0f;\n"
    "}\n";

static cuda_gpu *gpu;
static cuda_gpu_module *mod;
static void *add;

static void launches_and_reads_resources(void **state) {
    enum { N = 1000 };
    float a[N], out[N];
    for (int i = 0; i < N; i++) a[i] = (float)i;
    cuda_dptr da = cuda_gpu_alloc(gpu, sizeof a), dout = cuda_gpu_alloc(gpu, sizeof out);
    assert_true(da && dout);
    assert_int_equal(cuda_gpu_upload(gpu, da, a, sizeof a), 0);
    int n = N, shift = 0;
    void *params[] = {&dout, &da, &n, &shift};
    unsigned grid[3] = {4, 1, 1}, block[3] = {256, 1, 1};
    char err[512];
    double ms = -1;
    assert_int_equal(cuda_gpu_launch(gpu, add, grid, block, 0, params, now_seconds() + 5, &ms, err, sizeof err), GPU_OK);
    assert_true(ms >= 0);
    assert_int_equal(cuda_gpu_download(gpu, out, dout, sizeof out), 0);
    for (int i = 0; i < N; i++) assert_true(out[i] == a[i] + 1.0f);
    cuda_gpu_resources r;
    assert_int_equal(cuda_gpu_function_resources(gpu, add, 256, 0, &r), 0);
    assert_true(r.registers > 0 && r.registers < 64);
    assert_true(r.occupancy > 0.5);
    unsigned big[3] = {1, 1, 1}, huge[3] = {4096, 1, 1};
    assert_int_equal(cuda_gpu_launch(gpu, add, big, huge, 0, params, now_seconds() + 5, NULL, err, sizeof err), GPU_LAUNCH_ERROR);
    /* an illegal address: far past the end of the allocation */
    shift = 1 << 28;
    assert_int_equal(cuda_gpu_launch(gpu, add, grid, block, 0, params, now_seconds() + 5, NULL, err, sizeof err), GPU_FAULT);
    assert_non_null(strstr(err, "illegal memory access"));
    const char *why;
    assert_true(cuda_gpu_broken(gpu, &why));
}

int main(void) {
    char err[512];
    if (!cuda_gpu_present() || !(gpu = cuda_gpu_open(err, sizeof err))) {
        printf("skipped: no GPU on this machine\n");
        return 77;
    }
    const cuda_gpu_info *in = cuda_gpu_info_of(gpu);
    const char *names[] = {"add"};
    nvrtc_output o;
    if (cuda_nvrtc_compile("add.cu", src, in->cc_major * 10 + in->cc_minor, names, 1, &o) != 1) {
        printf("skipped: no NVRTC, or it cannot compile for this GPU: %s\n", o.log ? o.log : "");
        return 77;
    }
    mod = cuda_gpu_module_load(gpu, o.image, err, sizeof err);
    add = mod ? cuda_gpu_function(gpu, mod, o.lowered[0]) : NULL;
    nvrtc_output_done(&o);
    if (!add) {
        printf("cannot load the kernel: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(launches_and_reads_resources)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    cuda_gpu_close(gpu);
    return rc;
}
