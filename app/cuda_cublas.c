/* cuda_cublas: cuBLAS as a yardstick (see cuda_cublas.h). */
#include "cuda_cublas.h"
#include "cuda_libs.h"
#include "cuda_nvrtc.h"
#include "util.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The few declarations used, from cuBLAS's v2 API (cublas_api.h). Column-major. */
typedef struct cublas_context *cublas_handle;
enum { CUBLAS_OP_N = 0, CUBLAS_OP_T = 1 };

static struct {
    int (*create)(cublas_handle *);
    int (*sgemm)(cublas_handle, int, int, int, int, int, const float *, const float *, int, const float *, int,
                 const float *, float *, int);
    int (*sgemm_batched)(cublas_handle, int, int, int, int, int, const float *, const float *, int, long long,
                         const float *, int, long long, const float *, float *, int, long long, int);
} api;

static cublas_handle handle;
static char lib_path[1024];

int cuda_cublas_open(char *err, size_t len) {
    static int state; /* 0 untried, 1 open, -1 missing */
    static char why[1200];
    if (state == 0) {
        state = -1;
        static const char *sonames[] = {"libcublas.so", "libcublas.so.13", "libcublas.so.12", NULL};
        void *lib = cuda_lib_open("libcublas.so", sonames, lib_path, sizeof lib_path);
        if (!lib) snprintf(why, sizeof why, "no libcublas found (CUDA_PATH, /usr/local/cuda*, the loader path, pip wheels)");
        else if (!(api.create = dlsym(lib, "cublasCreate_v2")) || !(api.sgemm = dlsym(lib, "cublasSgemm_v2")) ||
                 !(api.sgemm_batched = dlsym(lib, "cublasSgemmStridedBatched")))
            snprintf(why, sizeof why, "%s lacks the SGEMM functions", lib_path);
        else if (api.create(&handle) != 0) snprintf(why, sizeof why, "cublasCreate failed");
        else state = 1;
    }
    if (state < 0) snprintf(err, len, "%s", why);
    return state > 0 ? 0 : -1;
}

const char *cuda_cublas_path(void) { return lib_path; }

/* Row-major C = A B is column-major C^T = B^T A^T: the same call with the operands swapped. */
int cuda_cublas_sgemm(cuda_dptr c, cuda_dptr a, cuda_dptr b, int m, int n, int k) {
    const float one = 1, zero = 0;
    return api.sgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, m, k, &one, (const float *)b, n, (const float *)a, k, &zero,
                     (float *)c, n) ? -1 : 0;
}

/* One block of 256 threads per row of scores: the maximum, the sum of exponentials, then the
   row divided in place. Three passes over a row that stays in L2 between them. */
static const char softmax_src[] =
    "__global__ void kd_softmax_rows(float *s, int cols)\n"
    "{\n"
    "    __shared__ float red[8];\n"
    "    float *row = s + (size_t)blockIdx.x * cols;\n"
    "    float m = -3.0e38f;\n"
    "    for (int j = threadIdx.x; j < cols; j += 256) m = fmaxf(m, row[j]);\n"
    "    for (int o = 16; o; o >>= 1) m = fmaxf(m, __shfl_xor_sync(0xffffffff, m, o));\n"
    "    if ((threadIdx.x & 31) == 0) red[threadIdx.x >> 5] = m;\n"
    "    __syncthreads();\n"
    "    m = red[0];\n"
    "    for (int w = 1; w < 8; w++) m = fmaxf(m, red[w]);\n"
    "    __syncthreads();\n"
    "    float d = 0;\n"
    "    for (int j = threadIdx.x; j < cols; j += 256) { float e = __expf(row[j] - m); row[j] = e; d += e; }\n"
    "    for (int o = 16; o; o >>= 1) d += __shfl_xor_sync(0xffffffff, d, o);\n"
    "    if ((threadIdx.x & 31) == 0) red[threadIdx.x >> 5] = d;\n"
    "    __syncthreads();\n"
    "    d = 0;\n"
    "    for (int w = 0; w < 8; w++) d += red[w];\n"
    "    float inv = 1.0f / d;\n"
    "    for (int j = threadIdx.x; j < cols; j += 256) row[j] *= inv;\n"
    "}\n";

int cuda_cublas_attention(cuda_gpu *g, cuda_dptr out, cuda_dptr q, cuda_dptr k, cuda_dptr v, cuda_dptr scores,
                          int heads, int seq, int dim, char *err, size_t len) {
    static cuda_gpu_module *module;
    static void *softmax;
    if (!softmax) {
        const cuda_gpu_info *in = cuda_gpu_info_of(g);
        const char *names[] = {"kd_softmax_rows"};
        nvrtc_output o;
        if (cuda_nvrtc_compile("kdojo-softmax.cu", softmax_src, in->cc_major * 10 + in->cc_minor, names, 1, &o) <= 0) {
            snprintf(err, len, "the baseline's softmax kernel does not compile: %s", o.log ? o.log : "no NVRTC");
            nvrtc_output_done(&o);
            return -1;
        }
        module = cuda_gpu_module_load(g, o.image, err, len);
        if (module) softmax = cuda_gpu_function(g, module, o.lowered[0]);
        nvrtc_output_done(&o);
        if (!softmax) return -1;
    }
    const float scale = 1.0f / sqrtf((float)dim), one = 1, zero = 0;
    long long qkv_stride = (long long)seq * dim, s_stride = (long long)seq * seq;
    /* Column-major, S^T = K Q^T: its memory is row-major S (seq x seq per head). */
    if (api.sgemm_batched(handle, CUBLAS_OP_T, CUBLAS_OP_N, seq, seq, dim, &scale, (const float *)k, dim, qkv_stride,
                          (const float *)q, dim, qkv_stride, &zero, (float *)scores, seq, s_stride, heads)) {
        snprintf(err, len, "cublasSgemmStridedBatched (scores) failed");
        return -1;
    }
    unsigned grid[3] = {(unsigned)heads * (unsigned)seq, 1, 1}, block[3] = {256, 1, 1};
    void *args[] = {&scores, &seq};
    if (cuda_gpu_launch_async(g, softmax, grid, block, 0, args) < 0) {
        snprintf(err, len, "the baseline's softmax launch failed");
        return -1;
    }
    /* Row-major O = P V, per head: column-major O^T = V^T P^T. */
    if (api.sgemm_batched(handle, CUBLAS_OP_N, CUBLAS_OP_N, dim, seq, seq, &one, (const float *)v, dim, qkv_stride,
                          (const float *)scores, seq, s_stride, &zero, (float *)out, dim, qkv_stride, heads)) {
        snprintf(err, len, "cublasSgemmStridedBatched (output) failed");
        return -1;
    }
    return 0;
}
