/* test_cuda_nvrtc: compiling .cu files with NVRTC: kernels found by name, messages mapped to the
   learner's file and line, ptxas's spill report read. Skips where NVRTC is not installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cuda_nvrtc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int have_nvrtc(void) {
    char path[512], ver[32];
    return cuda_nvrtc_find(path, sizeof path, ver, sizeof ver) == 0;
}

static const char kernel_src[] =
    "/* a learner's file */\n"
    "__global__ void map(float *restrict out, const float *a, int n)\n"
    "{\n"
    "    int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "    if (i < n) out[i] = a[i] < INFINITY ? a[i] + 10 : FLT_MAX;\n"
    "}\n";

static void compiles_for_an_architecture(void **state) {
    if (!have_nvrtc()) skip();
    const char *names[] = {"map"};
    nvrtc_output o;
    assert_int_equal(cuda_nvrtc_compile("map.cu", kernel_src, 90, names, 1, &o), 1);
    assert_non_null(o.image);
    assert_true(o.image_size > 100);
    assert_int_equal(o.n_lowered, 1);
    assert_non_null(strstr(o.lowered[0], "map"));
    assert_non_null(o.ptxas);
    int st = -1, ld = -1;
    assert_int_equal(cuda_nvrtc_spills(o.ptxas, o.lowered[0], &st, &ld), 0);
    assert_int_equal(st, 0);
    assert_int_equal(ld, 0);
    nvrtc_output_done(&o);
}

static void errors_name_the_learners_line(void **state) {
    if (!have_nvrtc()) skip();
    char *log = NULL;
    const char *src = "__global__ void f(float *out)\n{\n    out[0] = undefined_name;\n}\n";
    assert_int_equal(cuda_nvrtc_check("f.cu", src, &log), 0);
    assert_non_null(log);
    assert_non_null(strstr(log, "f.cu:3: error:"));
    free(log);
}

static void spills_are_read_per_kernel(void **state) {
    const char *report =
        "ptxas info    : Compiling entry function '_Z1fPf' for 'sm_90'\n"
        "ptxas info    : Function properties for _Z1fPf\n"
        "    40 bytes stack frame, 24 bytes spill stores, 16 bytes spill loads\n"
        "ptxas info    : Used 255 registers\n";
    int st, ld;
    assert_int_equal(cuda_nvrtc_spills(report, "_Z1fPf", &st, &ld), 0);
    assert_int_equal(st, 24);
    assert_int_equal(ld, 16);
    assert_int_equal(cuda_nvrtc_spills(report, "_Z1gPf", &st, &ld), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compiles_for_an_architecture),
        cmocka_unit_test(errors_name_the_learners_line),
        cmocka_unit_test(spills_are_read_per_kernel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
