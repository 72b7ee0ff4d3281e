/* cuda_gpu: a real NVIDIA GPU through the CUDA driver API (see cuda_gpu.h). */
#include "cuda_gpu.h"
#include "cuda_nvrtc.h"
#include "util.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- the driver API, declared here */

typedef int cu_result;
typedef int cu_device;
typedef struct cu_ctx_ *cu_context;
typedef struct cu_mod_ *cu_module;
typedef struct cu_func_ *cu_function;
typedef struct cu_event_ *cu_event;
typedef struct cu_stream_ *cu_stream;

enum {
    CU_SUCCESS = 0, CU_NOT_READY = 600,
    CU_ILLEGAL_ADDRESS = 700, CU_OUT_OF_RESOURCES = 701, CU_ASSERT = 710, CU_HARDWARE_STACK = 714,
    CU_ILLEGAL_INSTRUCTION = 715, CU_MISALIGNED = 716, CU_INVALID_ADDRESS_SPACE = 717, CU_INVALID_PC = 718,
    CU_LAUNCH_FAILED = 719,
};
enum {
    DEV_MAX_THREADS_PER_BLOCK = 1, DEV_SM_COUNT = 16, DEV_L2_BYTES = 38, DEV_MAX_THREADS_PER_SM = 39,
    DEV_CC_MAJOR = 75, DEV_CC_MINOR = 76, DEV_SHARED_PER_SM = 81, DEV_REGS_PER_SM = 82, DEV_SHARED_OPTIN = 97,
};
enum {
    FN_MAX_THREADS = 0, FN_SHARED = 1, FN_CONST = 2, FN_LOCAL = 3, FN_REGS = 4, FN_MAX_DYNAMIC_SHARED = 8,
};

typedef struct {
    cu_result (*init)(unsigned);
    cu_result (*driver_version)(int *);
    cu_result (*device_count)(int *);
    cu_result (*device_get)(cu_device *, int);
    cu_result (*device_name)(char *, int, cu_device);
    cu_result (*device_mem)(size_t *, cu_device);
    cu_result (*device_attr)(int *, int, cu_device);
    cu_result (*ctx_retain)(cu_context *, cu_device);
    cu_result (*ctx_release)(cu_device);
    cu_result (*ctx_set)(cu_context);
    cu_result (*ctx_sync)(void);
    cu_result (*module_load)(cu_module *, const void *);
    cu_result (*module_unload)(cu_module);
    cu_result (*module_function)(cu_function *, cu_module, const char *);
    cu_result (*func_attr)(int *, int, cu_function);
    cu_result (*func_set_attr)(cu_function, int, int);
    cu_result (*occupancy)(int *, cu_function, int, size_t);
    cu_result (*mem_alloc)(cuda_dptr *, size_t);
    cu_result (*mem_free)(cuda_dptr);
    cu_result (*htod)(cuda_dptr, const void *, size_t);
    cu_result (*dtoh)(void *, cuda_dptr, size_t);
    cu_result (*dtod_async)(cuda_dptr, cuda_dptr, size_t, cu_stream);
    cu_result (*memset_async)(cuda_dptr, unsigned char, size_t, cu_stream);
    cu_result (*launch)(cu_function, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, cu_stream,
                        void **, void **);
    cu_result (*event_create)(cu_event *, unsigned);
    cu_result (*event_record)(cu_event, cu_stream);
    cu_result (*event_query)(cu_event);
    cu_result (*event_elapsed)(float *, cu_event, cu_event);
    cu_result (*event_destroy)(cu_event);
    cu_result (*error_name)(cu_result, const char **);
    cu_result (*error_string)(cu_result, const char **);
} cu_api;

static cu_api cu;

static int load_driver(void) {
    static int state; /* 0 untried, 1 loaded, -1 missing */
    if (state) return state;
    state = -1;
    void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcuda.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return state;
    struct { void **slot; const char *name, *alt; } syms[] = {
        {(void **)&cu.init, "cuInit", NULL}, {(void **)&cu.driver_version, "cuDriverGetVersion", NULL},
        {(void **)&cu.device_count, "cuDeviceGetCount", NULL}, {(void **)&cu.device_get, "cuDeviceGet", NULL},
        {(void **)&cu.device_name, "cuDeviceGetName", NULL}, {(void **)&cu.device_mem, "cuDeviceTotalMem_v2", NULL},
        {(void **)&cu.device_attr, "cuDeviceGetAttribute", NULL},
        {(void **)&cu.ctx_retain, "cuDevicePrimaryCtxRetain", NULL},
        {(void **)&cu.ctx_release, "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRelease"},
        {(void **)&cu.ctx_set, "cuCtxSetCurrent", NULL}, {(void **)&cu.ctx_sync, "cuCtxSynchronize", NULL},
        {(void **)&cu.module_load, "cuModuleLoadData", NULL}, {(void **)&cu.module_unload, "cuModuleUnload", NULL},
        {(void **)&cu.module_function, "cuModuleGetFunction", NULL},
        {(void **)&cu.func_attr, "cuFuncGetAttribute", NULL}, {(void **)&cu.func_set_attr, "cuFuncSetAttribute", NULL},
        {(void **)&cu.occupancy, "cuOccupancyMaxActiveBlocksPerMultiprocessor", NULL},
        {(void **)&cu.mem_alloc, "cuMemAlloc_v2", NULL}, {(void **)&cu.mem_free, "cuMemFree_v2", NULL},
        {(void **)&cu.htod, "cuMemcpyHtoD_v2", NULL}, {(void **)&cu.dtoh, "cuMemcpyDtoH_v2", NULL},
        {(void **)&cu.dtod_async, "cuMemcpyDtoDAsync_v2", NULL}, {(void **)&cu.memset_async, "cuMemsetD8Async", NULL},
        {(void **)&cu.launch, "cuLaunchKernel", NULL},
        {(void **)&cu.event_create, "cuEventCreate", NULL}, {(void **)&cu.event_record, "cuEventRecord", NULL},
        {(void **)&cu.event_query, "cuEventQuery", NULL},
        {(void **)&cu.event_elapsed, "cuEventElapsedTime_v2", "cuEventElapsedTime"},
        {(void **)&cu.event_destroy, "cuEventDestroy_v2", "cuEventDestroy"},
        {(void **)&cu.error_name, "cuGetErrorName", NULL}, {(void **)&cu.error_string, "cuGetErrorString", NULL},
    };
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
        *syms[i].slot = dlsym(lib, syms[i].name);
        if (!*syms[i].slot && syms[i].alt) *syms[i].slot = dlsym(lib, syms[i].alt);
        if (!*syms[i].slot) return state;
    }
    state = 1;
    return state;
}

int cuda_gpu_present(void) {
    return access("/dev/nvidiactl", F_OK) == 0 && load_driver() > 0;
}

int cuda_gpu_in_use(void) {
    const char *backend = getenv("KDOJO_CUDA_BACKEND");
    return !(backend && !strcmp(backend, "simulator")) && cuda_gpu_present();
}

/* ---------------------------------------------------------------- the device */

struct cuda_gpu {
    cu_device dev;
    cu_context ctx;
    cuda_gpu_info info;
    cu_event start, stop;
    cuda_dptr flush_buf, copy_a, copy_b;
    size_t flush_bytes, copy_bytes;
    char broken[512];   /* "" while usable */
};

static const char *error_name(cu_result r) {
    const char *s = NULL;
    if (cu.error_name && cu.error_name(r, &s) == 0 && s) return s;
    return "CUDA_ERROR_UNKNOWN";
}

/* What a fault means, in a learner's words. */
static const char *fault_words(cu_result r) {
    switch (r) {
    case CU_ILLEGAL_ADDRESS: return "an illegal memory access: some thread read or wrote outside every allocation (an index past the end of a buffer?)";
    case CU_MISALIGNED: return "a misaligned memory access (a float4 or double at an address that is not a multiple of its size?)";
    case CU_ILLEGAL_INSTRUCTION: return "an illegal instruction";
    case CU_ASSERT: return "a device-side assert failed";
    case CU_HARDWARE_STACK: return "the hardware stack overflowed (deep recursion?)";
    case CU_INVALID_PC: case CU_INVALID_ADDRESS_SPACE: return "an invalid program counter or address space (a corrupted pointer?)";
    default: return "the kernel failed";
    }
}

static int fail(cuda_gpu *g, cu_result r, const char *what) {
    if (!g->broken[0]) snprintf(g->broken, sizeof g->broken, "%s: %s (%s)", what, fault_words(r), error_name(r));
    return -1;
}

static int attr(cu_device d, int a) {
    int v = 0;
    cu.device_attr(&v, a, d);
    return v;
}

static void read_info(cuda_gpu *g) {
    cuda_gpu_info *i = &g->info;
    cu.device_name(i->name, sizeof i->name, g->dev);
    cu.driver_version(&i->driver_version);
    cu.device_mem(&i->memory, g->dev);
    i->cc_major = attr(g->dev, DEV_CC_MAJOR);
    i->cc_minor = attr(g->dev, DEV_CC_MINOR);
    i->sms = attr(g->dev, DEV_SM_COUNT);
    i->l2_bytes = attr(g->dev, DEV_L2_BYTES);
    i->max_threads_per_sm = attr(g->dev, DEV_MAX_THREADS_PER_SM);
    i->regs_per_sm = attr(g->dev, DEV_REGS_PER_SM);
    i->shared_per_sm = attr(g->dev, DEV_SHARED_PER_SM);
    i->shared_per_block_optin = attr(g->dev, DEV_SHARED_OPTIN);
}

cuda_gpu *cuda_gpu_open(char *err, size_t len) {
    if (load_driver() < 0) {
        snprintf(err, len, "no CUDA driver (libcuda.so.1) on this machine");
        return NULL;
    }
    int n = 0;
    cu_result r = cu.init(0);
    if (r == 0) r = cu.device_count(&n);
    if (r != 0 || n == 0) {
        snprintf(err, len, "the CUDA driver finds no GPU (%s)", r ? error_name(r) : "0 devices");
        return NULL;
    }
    cuda_gpu *g = xcalloc(1, sizeof *g);
    if ((r = cu.device_get(&g->dev, 0)) || (r = cu.ctx_retain(&g->ctx, g->dev)) || (r = cu.ctx_set(g->ctx)) ||
        (r = cu.event_create(&g->start, 0)) || (r = cu.event_create(&g->stop, 0))) {
        snprintf(err, len, "cannot start CUDA on the GPU: %s", error_name(r));
        free(g);
        return NULL;
    }
    read_info(g);
    return g;
}

void cuda_gpu_close(cuda_gpu *g) {
    if (!g) return;
    if (!g->broken[0]) {
        cuda_gpu_free(g, g->flush_buf);
        cuda_gpu_free(g, g->copy_a);
        cuda_gpu_free(g, g->copy_b);
        cu.event_destroy(g->start);
        cu.event_destroy(g->stop);
    }
    cu.ctx_release(g->dev);
    free(g);
}

const cuda_gpu_info *cuda_gpu_info_of(const cuda_gpu *g) { return &g->info; }

int cuda_gpu_broken(const cuda_gpu *g, const char **msg) {
    *msg = g->broken;
    return g->broken[0] != 0;
}

/* ---------------------------------------------------------------- modules */

cuda_gpu_module *cuda_gpu_module_load(cuda_gpu *g, const void *image, char *err, size_t len) {
    cu_module m = NULL;
    cu_result r = cu.module_load(&m, image);
    if (r) snprintf(err, len, "the GPU driver cannot load the compiled kernel: %s", error_name(r));
    return r ? NULL : (cuda_gpu_module *)m;
}

void cuda_gpu_module_unload(cuda_gpu *g, cuda_gpu_module *m) {
    if (m && !g->broken[0]) cu.module_unload((cu_module)m);
}

void *cuda_gpu_function(cuda_gpu *g, cuda_gpu_module *m, const char *lowered_name) {
    cu_function f = NULL;
    return cu.module_function(&f, (cu_module)m, lowered_name) == 0 ? f : NULL;
}

int cuda_gpu_function_resources(cuda_gpu *g, void *fn, int block_threads, size_t dynamic_shared, cuda_gpu_resources *r) {
    memset(r, 0, sizeof *r);
    cu_function f = fn;
    cu.func_attr(&r->registers, FN_REGS, f);
    cu.func_attr(&r->static_shared, FN_SHARED, f);
    cu.func_attr(&r->local, FN_LOCAL, f);
    cu.func_attr(&r->constant, FN_CONST, f);
    cu.func_attr(&r->max_threads, FN_MAX_THREADS, f);
    if (block_threads <= 0) return 0;
    if (cu.occupancy(&r->blocks_per_sm, f, block_threads, dynamic_shared)) return -1;
    int warps = (block_threads + 31) / 32, max_warps = g->info.max_threads_per_sm / 32;
    r->occupancy = max_warps ? (double)(r->blocks_per_sm * warps) / max_warps : 0;
    return 0;
}

/* ---------------------------------------------------------------- memory */

cuda_dptr cuda_gpu_alloc(cuda_gpu *g, size_t bytes) {
    cuda_dptr p = 0;
    if (g->broken[0] || cu.mem_alloc(&p, bytes ? bytes : 1)) return 0;
    return p;
}

void cuda_gpu_free(cuda_gpu *g, cuda_dptr p) {
    if (p && !g->broken[0]) cu.mem_free(p);
}

int cuda_gpu_upload(cuda_gpu *g, cuda_dptr dst, const void *src, size_t bytes) {
    if (g->broken[0]) return -1;
    cu_result r = bytes ? cu.htod(dst, src, bytes) : 0;
    return r ? fail(g, r, "copying to the GPU") : 0;
}

int cuda_gpu_download(cuda_gpu *g, void *dst, cuda_dptr src, size_t bytes) {
    if (g->broken[0]) return -1;
    cu_result r = bytes ? cu.dtoh(dst, src, bytes) : 0;
    return r ? fail(g, r, "copying from the GPU") : 0;
}

int cuda_gpu_flush_l2(cuda_gpu *g) {
    if (g->broken[0]) return -1;
    if (!g->flush_buf) {
        g->flush_bytes = (size_t)(g->info.l2_bytes > 0 ? g->info.l2_bytes : 64 << 20) * 2;
        if (!(g->flush_buf = cuda_gpu_alloc(g, g->flush_bytes))) return -1;
    }
    static unsigned char v;
    cu_result r = cu.memset_async(g->flush_buf, ++v, g->flush_bytes, NULL);
    return r ? fail(g, r, "flushing L2") : 0;
}

/* ---------------------------------------------------------------- launching and timing */

static void pause_briefly(double seconds_waited) {
    struct timespec ts = {0, seconds_waited < 0.01 ? 20000 : 1000000};
    nanosleep(&ts, NULL);
}

/* Waits for the stop event until the deadline: 0, or the error (CU_NOT_READY: still running). */
static cu_result wait_stop(cuda_gpu *g, double deadline) {
    double t0 = now_seconds();
    for (;;) {
        cu_result r = cu.event_query(g->stop);
        if (r != CU_NOT_READY) return r;
        double now = now_seconds();
        if (now > deadline) return CU_NOT_READY;
        pause_briefly(now - t0);
    }
}

cuda_gpu_status cuda_gpu_launch(cuda_gpu *g, void *fn, const unsigned grid[3], const unsigned block[3],
                                size_t shared, void **params, double deadline, double *ms, char *err, size_t len) {
    if (g->broken[0]) {
        snprintf(err, len, "the GPU cannot run more work in this check: %s", g->broken);
        return GPU_FAULT;
    }
    if (shared > 48 * 1024) cu.func_set_attr(fn, FN_MAX_DYNAMIC_SHARED, (int)shared);
    cu.event_record(g->start, NULL);
    cu_result r = cu.launch(fn, grid[0], grid[1], grid[2], block[0], block[1], block[2], (unsigned)shared, NULL, params, NULL);
    if (r) {
        snprintf(err, len, "the launch was refused: %s (%s)",
                 r == CU_OUT_OF_RESOURCES ? "the block needs more registers or shared memory than an SM has" :
                 "invalid grid, block or shared-memory size for this GPU", error_name(r));
        cu_result s = cu.ctx_sync();
        if (s) fail(g, s, "before this launch");
        return s ? GPU_FAULT : GPU_LAUNCH_ERROR;
    }
    cu.event_record(g->stop, NULL);
    r = wait_stop(g, deadline);
    if (r == CU_NOT_READY) {
        snprintf(g->broken, sizeof g->broken, "a kernel did not finish");
        snprintf(err, len, "the kernel was still running on the GPU when the time was up: a loop that never ends, or "
                 "threads waiting for each other at a barrier or on a flag?");
        return GPU_HANG;
    }
    if (r) {
        fail(g, r, "the kernel stopped");
        snprintf(err, len, "%s", g->broken);
        return GPU_FAULT;
    }
    float t = 0;
    if (ms && cu.event_elapsed(&t, g->start, g->stop) == 0) *ms = t;
    return GPU_OK;
}

void cuda_gpu_span_begin(cuda_gpu *g) {
    if (!g->broken[0]) cu.event_record(g->start, NULL);
}

int cuda_gpu_span_end(cuda_gpu *g, double deadline, double *ms) {
    if (g->broken[0]) return -1;
    cu.event_record(g->stop, NULL);
    cu_result r = wait_stop(g, deadline);
    if (r == CU_NOT_READY) {
        snprintf(g->broken, sizeof g->broken, "work on the GPU did not finish");
        return -1;
    }
    if (r) return fail(g, r, "timed work");
    float t = 0;
    cu.event_elapsed(&t, g->start, g->stop);
    *ms = t;
    return 0;
}

int cuda_gpu_launch_async(cuda_gpu *g, void *fn, const unsigned grid[3], const unsigned block[3], size_t shared,
                          void **params) {
    if (g->broken[0]) return -1;
    cu_result r = cu.launch(fn, grid[0], grid[1], grid[2], block[0], block[1], block[2], (unsigned)shared, NULL, params, NULL);
    return r ? fail(g, r, "a launch") : 0;
}

int cuda_gpu_time_copy(cuda_gpu *g, size_t bytes, int flush, double *ms) {
    size_t half = bytes / 2;
    if (g->broken[0]) return -1;
    if (g->copy_bytes < half) {
        cuda_gpu_free(g, g->copy_a);
        cuda_gpu_free(g, g->copy_b);
        g->copy_a = cuda_gpu_alloc(g, half);
        g->copy_b = cuda_gpu_alloc(g, half);
        g->copy_bytes = g->copy_a && g->copy_b ? half : 0;
        if (!g->copy_bytes) return -1;
    }
    if (flush && cuda_gpu_flush_l2(g) < 0) return -1;
    cu.event_record(g->start, NULL);
    cu_result r = cu.dtod_async(g->copy_b, g->copy_a, half, NULL);
    cu.event_record(g->stop, NULL);
    if (!r) r = wait_stop(g, now_seconds() + 10);
    if (r) return fail(g, r, "timing a copy");
    float t = 0;
    cu.event_elapsed(&t, g->start, g->stop);
    *ms = t;
    return 0;
}

/* ---------------------------------------------------------------- the doctor's probes */

static const char probe_source[] =
    "extern \"C\" __global__ void kd_copy4(float4 *dst, const float4 *src, unsigned long long n) {\n"
    "    unsigned long long stride = (unsigned long long)gridDim.x * blockDim.x;\n"
    "    for (unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)\n"
    "        dst[i] = src[i];\n"
    "}\n"
    "extern \"C\" __global__ void kd_fma(float *out, int iters, float a, float b) {\n"
    "    float x[8];\n"
    "    for (int k = 0; k < 8; k++) x[k] = threadIdx.x + k;\n"
    "    for (int i = 0; i < iters; i++) {\n"
    "#pragma unroll\n"
    "        for (int k = 0; k < 8; k++) x[k] = x[k] * a + b;\n"
    "    }\n"
    "    float s = 0;\n"
    "    for (int k = 0; k < 8; k++) s += x[k];\n"
    "    out[blockIdx.x * blockDim.x + threadIdx.x] = s;\n"
    "}\n";

static double median(double *xs, int n) {
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && xs[j] < xs[j - 1]; j--) {
            double t = xs[j];
            xs[j] = xs[j - 1];
            xs[j - 1] = t;
        }
    return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

static int probe_kernels(cuda_gpu *g, cuda_gpu_probe *p, char *err, size_t len) {
    static const char *names[] = {"kd_copy4", "kd_fma"};
    nvrtc_output o;
    int rc = cuda_nvrtc_compile("kdojo-probe.cu", probe_source, g->info.cc_major * 10 + g->info.cc_minor, names, 2, &o);
    if (rc <= 0) {
        snprintf(err, len, "%s", rc < 0 ? "no NVRTC: the probe kernels cannot be compiled" : o.log);
        nvrtc_output_done(&o);
        return -1;
    }
    cuda_gpu_module *m = cuda_gpu_module_load(g, o.image, err, len);
    nvrtc_output_done(&o);
    if (!m) return -1;
    void *copy = cuda_gpu_function(g, m, "kd_copy4"), *fma = cuda_gpu_function(g, m, "kd_fma");
    size_t half = g->copy_bytes;
    unsigned long long n4 = half / 16;
    void *cargs[] = {&g->copy_b, &g->copy_a, &n4};
    unsigned grid[3] = {(unsigned)g->info.sms * 4, 1, 1}, block[3] = {512, 1, 1};
    double t[9], ms = 0;
    for (int i = 0; i < 9; i++) {
        cuda_gpu_flush_l2(g);
        if (cuda_gpu_launch(g, copy, grid, block, 0, cargs, now_seconds() + 10, &ms, err, len) != GPU_OK) return -1;
        t[i] = ms;
    }
    p->kernel_copy_bps = 2.0 * (double)half / (median(t, 9) * 1e-3);
    cuda_dptr out = cuda_gpu_alloc(g, (size_t)grid[0] * 4 * 256 * 4);
    int iters = 8192;
    float a = 0.999f, b = 0.001f;
    void *fargs[] = {&out, &iters, &a, &b};
    unsigned fgrid[3] = {(unsigned)g->info.sms * 16, 1, 1}, fblock[3] = {256, 1, 1};
    for (int i = 0; i < 5; i++) {
        if (cuda_gpu_launch(g, fma, fgrid, fblock, 0, fargs, now_seconds() + 10, &ms, err, len) != GPU_OK) return -1;
        t[i] = ms;
    }
    double flops = (double)fgrid[0] * fblock[0] * iters * 8 * 2;
    p->fp32_flops = flops / (median(t, 5) * 1e-3);
    cuda_gpu_free(g, out);
    cuda_gpu_module_unload(g, m);
    return 0;
}

int cuda_gpu_run_probes(cuda_gpu *g, cuda_gpu_probe *p, char *err, size_t len) {
    memset(p, 0, sizeof *p);
    size_t bytes = g->info.memory / 8 < (1ull << 30) ? g->info.memory / 8 : (1ull << 30);
    double t[9], ms;
    for (int i = 0; i < 9; i++) {
        if (cuda_gpu_time_copy(g, bytes, 1, &ms) < 0) {
            snprintf(err, len, "%s", g->broken[0] ? g->broken : "cannot allocate the copy buffers");
            return -1;
        }
        t[i] = ms;
    }
    p->memcpy_bps = (double)(bytes / 2 * 2) / (median(t, 9) * 1e-3);
    return probe_kernels(g, p, err, len);
}
