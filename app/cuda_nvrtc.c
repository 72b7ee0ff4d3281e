/* cuda_nvrtc: compiles a CUDA lesson's file with NVRTC when installed (see cuda_nvrtc.h). */
#include "cuda_nvrtc.h"
#include "cuda_libs.h"
#include "util.h"

#include <dlfcn.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- loading */

/* The few NVRTC entry points we use, declared here so that no CUDA header is needed. */
typedef int nvrtc_result;
typedef struct nvrtc_program_ *nvrtc_program;
typedef struct {
    nvrtc_result (*version)(int *, int *);
    nvrtc_result (*create)(nvrtc_program *, const char *, const char *, int, const char *const *, const char *const *);
    nvrtc_result (*add_name)(nvrtc_program, const char *);
    nvrtc_result (*compile)(nvrtc_program, int, const char *const *);
    nvrtc_result (*log_size)(nvrtc_program, size_t *);
    nvrtc_result (*log)(nvrtc_program, char *);
    nvrtc_result (*cubin_size)(nvrtc_program, size_t *);
    nvrtc_result (*cubin)(nvrtc_program, char *);
    nvrtc_result (*ptx_size)(nvrtc_program, size_t *);
    nvrtc_result (*ptx)(nvrtc_program, char *);
    nvrtc_result (*lowered)(nvrtc_program, const char *, const char **);
    nvrtc_result (*destroy)(nvrtc_program *);
} nvrtc_api;

static nvrtc_api api;
static char lib_path[1024];

static void *open_library(void) {
    static const char *sonames[] = {"libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", NULL};
    return cuda_lib_open("libnvrtc.so", sonames, lib_path, sizeof lib_path);
}

static int load(void) {
    static int state; /* 0 untried, 1 loaded, -1 missing */
    if (state) return state;
    void *lib = open_library();
    state = -1;
    if (!lib) return state;
    struct { void **slot; const char *name; } syms[] = {
        {(void **)&api.version, "nvrtcVersion"}, {(void **)&api.create, "nvrtcCreateProgram"},
        {(void **)&api.add_name, "nvrtcAddNameExpression"}, {(void **)&api.compile, "nvrtcCompileProgram"},
        {(void **)&api.log_size, "nvrtcGetProgramLogSize"}, {(void **)&api.log, "nvrtcGetProgramLog"},
        {(void **)&api.cubin_size, "nvrtcGetCUBINSize"}, {(void **)&api.cubin, "nvrtcGetCUBIN"},
        {(void **)&api.ptx_size, "nvrtcGetPTXSize"}, {(void **)&api.ptx, "nvrtcGetPTX"},
        {(void **)&api.lowered, "nvrtcGetLoweredName"}, {(void **)&api.destroy, "nvrtcDestroyProgram"},
    };
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
        if (!(*syms[i].slot = dlsym(lib, syms[i].name))) return state;
    state = 1;
    return state;
}

int cuda_nvrtc_find(char *path, size_t path_len, char *version, size_t version_len) {
    if (load() < 0) return -1;
    int major = 0, minor = 0;
    api.version(&major, &minor);
    snprintf(path, path_len, "%s", lib_path);
    snprintf(version, version_len, "%d.%d", major, minor);
    return 0;
}

/* ---------------------------------------------------------------- compiling */

/* Pre-included before the learner's file: the C spellings that the simulator's prelude
   (kernels/include/kdojo/cuda_prelude.h) accepts and CUDA C++ lacks. It defines nothing on
   lines of the learner's file, so NVRTC's line numbers are the learner's. */
static const char prelude_name[] = "kdojo_gpu_prelude.h";
static const char prelude[] =
    "#define restrict __restrict__\n"
    "#ifndef NULL\n#define NULL 0\n#endif\n"
    "#ifndef INFINITY\n#define INFINITY __int_as_float(0x7f800000)\n#endif\n"
    "#ifndef NAN\n#define NAN __int_as_float(0x7fffffff)\n#endif\n"
    "#define FLT_MAX 3.402823466e+38F\n#define FLT_MIN 1.175494351e-38F\n#define FLT_EPSILON 1.192092896e-07F\n"
    "#define DBL_MAX 1.7976931348623157e+308\n"
    "#define INT_MAX 2147483647\n#define INT_MIN (-INT_MAX - 1)\n#define UINT_MAX 4294967295u\n"
    "#define KDOJO_GPU 1\n";

/* NVRTC writes "file.cu(12): error: ..."; TinyCC and gcc write "file.cu:12: error: ...".
   ptxas -v's "info" lines go to *ptxas instead. */
static void split_log(const char *log, char **diag, char **ptxas) {
    strbuf d = {0}, p = {0};
    for (const char *line = log; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *open = memchr(line, '(', n);
        if (!strncmp(line, "ptxas ", 6) || strstr(line, "ptxas info")) {
            sb_append(&p, line, n);
            sb_puts(&p, "\n");
        } else if (n && open && open[1] >= '0' && open[1] <= '9' && strncmp(open + strspn(open + 1, "0123456789") + 1, "): ", 3) == 0) {
            const char *close = open + 1 + strspn(open + 1, "0123456789");
            sb_append(&d, line, (size_t)(open - line));
            sb_puts(&d, ":");
            sb_append(&d, open + 1, (size_t)(close - open - 1));
            sb_puts(&d, ":");
            sb_append(&d, close + 2, n - (size_t)(close + 2 - line));
            sb_puts(&d, "\n");
        } else if (n) {
            sb_append(&d, line, n);
            sb_puts(&d, "\n");
        }
        line += n + (end ? 1 : 0);
    }
    *diag = d.len ? sb_steal(&d) : NULL;
    *ptxas = p.len ? sb_steal(&p) : NULL;
    sb_done(&d);
    sb_done(&p);
}

static char *program_log(nvrtc_program prog) {
    size_t n = 0;
    if (api.log_size(prog, &n) != 0 || n <= 1) return NULL;
    char *log = xmalloc(n + 1);
    api.log(prog, log);
    log[n] = 0;
    return log;
}

static void take_image(nvrtc_program prog, int arch, nvrtc_output *out) {
    size_t n = 0;
    if (arch ? api.cubin_size(prog, &n) : api.ptx_size(prog, &n)) return;
    out->image = xmalloc(n + 1);
    out->image_size = n;
    if (arch ? api.cubin(prog, out->image) : api.ptx(prog, out->image)) {
        free(out->image);
        out->image = NULL;
    }
}

static int compile_uncached(const char *name, const char *source, int arch, const char *const *kernels, int n_kernels,
                            nvrtc_output *out) {
    memset(out, 0, sizeof *out);
    if (load() < 0) return -1;
    double t0 = now_seconds();
    nvrtc_program prog;
    const char *headers[] = {prelude}, *header_names[] = {prelude_name};
    if (api.create(&prog, source, name, 1, headers, header_names) != 0) {
        out->log = xstrdup("NVRTC could not create a program");
        return 0;
    }
    char **exprs = xcalloc((size_t)n_kernels + 1, sizeof *exprs);
    for (int i = 0; i < n_kernels; i++) {
        exprs[i] = xasprintf("&%s", kernels[i]);
        api.add_name(prog, exprs[i]);
    }
    char arch_opt[32];
    snprintf(arch_opt, sizeof arch_opt, "--gpu-architecture=sm_%d", arch);
    const char *opts[8];
    int n = 0;
    opts[n++] = "--std=c++17";
    opts[n++] = "--pre-include=kdojo_gpu_prelude.h";
    if (arch) {
        opts[n++] = arch_opt;
        opts[n++] = "--ptxas-options=-v";
        opts[n++] = "--generate-line-info";
    }
    int ok = api.compile(prog, n, opts) == 0;
    char *log = program_log(prog);
    if (log) split_log(log, &out->log, &out->ptxas);
    free(log);
    if (ok) take_image(prog, arch, out);
    if (ok && !out->image) ok = 0, out->log = out->log ? out->log : xstrdup("NVRTC returned no code");
    if (ok) {
        out->lowered = xcalloc((size_t)n_kernels + 1, sizeof *out->lowered);
        out->n_lowered = n_kernels;
        for (int i = 0; i < n_kernels; i++) {
            const char *l = NULL;
            out->lowered[i] = xstrdup(api.lowered(prog, exprs[i], &l) == 0 && l ? l : kernels[i]);
        }
    }
    if (!ok && !out->log) out->log = xstrdup("NVRTC failed without a message");
    for (int i = 0; i < n_kernels; i++) free(exprs[i]);
    free(exprs);
    api.destroy(&prog);
    out->seconds = now_seconds() - t0;
    return ok;
}

/* ---------------------------------------------------------------- a cache of compiled files

   A GPU worker compiles the same reference solution for every check of a lesson, and the
   learner's unchanged file again when only the lesson is re-run: a few compiled files are kept
   per process, keyed by everything that goes into NVRTC. */
#define NVRTC_CACHE 8

typedef struct {
    char *key;           /* name, source, arch and kernel names, joined */
    size_t key_len;
    nvrtc_output out;
    unsigned long long used;
} cache_entry;

static cache_entry cache[NVRTC_CACHE];
static unsigned long long cache_clock;

static char *cache_key(const char *name, const char *source, int arch, const char *const *kernels, int n, size_t *len) {
    strbuf sb = {0};
    char a[16];
    snprintf(a, sizeof a, "%d", arch);
    sb_append(&sb, name, strlen(name) + 1); /* each part with its NUL: no two keys run together */
    sb_append(&sb, a, strlen(a) + 1);
    for (int i = 0; i < n; i++) sb_append(&sb, kernels[i], strlen(kernels[i]) + 1);
    sb_append(&sb, source, strlen(source));
    *len = sb.len;
    return sb.data;
}

static char *dup_bytes(const char *p, size_t n) {
    if (!p) return NULL;
    char *d = xmalloc(n + 1);
    memcpy(d, p, n);
    d[n] = 0;
    return d;
}

static void output_copy(nvrtc_output *dst, const nvrtc_output *src) {
    *dst = *src;
    dst->image = dup_bytes(src->image, src->image_size);
    dst->log = src->log ? xstrdup(src->log) : NULL;
    dst->ptxas = src->ptxas ? xstrdup(src->ptxas) : NULL;
    dst->lowered = xcalloc((size_t)src->n_lowered + 1, sizeof *dst->lowered);
    for (int i = 0; i < src->n_lowered; i++) dst->lowered[i] = xstrdup(src->lowered[i]);
}

int cuda_nvrtc_compile(const char *name, const char *source, int arch, const char *const *kernels, int n_kernels,
                       nvrtc_output *out) {
    double t0 = now_seconds();
    size_t len;
    char *key = cache_key(name, source, arch, kernels, n_kernels, &len);
    cache_entry *slot = &cache[0];
    for (int i = 0; i < NVRTC_CACHE; i++) {
        cache_entry *e = &cache[i];
        if (e->key && e->key_len == len && !memcmp(e->key, key, len)) {
            e->used = ++cache_clock;
            output_copy(out, &e->out);
            out->cached = 1;
            out->seconds = now_seconds() - t0;
            free(key);
            return 1;
        }
        if (e->used < slot->used) slot = e;
    }
    int rc = compile_uncached(name, source, arch, kernels, n_kernels, out);
    if (rc != 1 || !arch) {
        free(key);
        return rc;
    }
    free(slot->key);
    nvrtc_output_done(&slot->out);
    slot->key = key;
    slot->key_len = len;
    slot->used = ++cache_clock;
    output_copy(&slot->out, out);
    return rc;
}

void nvrtc_output_done(nvrtc_output *out) {
    free(out->image);
    free(out->log);
    free(out->ptxas);
    for (int i = 0; i < out->n_lowered; i++) free(out->lowered[i]);
    free(out->lowered);
    memset(out, 0, sizeof *out);
}

/* ptxas -v says, per kernel:
     ptxas info    : Compiling entry function '_Z3mapPfPKfi' for 'sm_90'
     ptxas info    : Function properties for _Z3mapPfPKfi
         0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads */
int cuda_nvrtc_spills(const char *ptxas, const char *lowered, int *stores, int *loads) {
    *stores = *loads = 0;
    if (!ptxas) return -1;
    char key[600];
    snprintf(key, sizeof key, "Function properties for %s\n", lowered);
    const char *p = strstr(ptxas, key);
    if (!p) return -1;
    p += strlen(key);
    const char *s = strstr(p, "bytes spill stores"), *l = strstr(p, "bytes spill loads");
    const char *eol = strchr(p, '\n');
    if (!s || !l || (eol && s > eol)) return -1;
    while (s > p && s[-1] == ' ') s--;
    while (s > p && s[-1] >= '0' && s[-1] <= '9') s--;
    while (l > p && l[-1] == ' ') l--;
    while (l > p && l[-1] >= '0' && l[-1] <= '9') l--;
    *stores = atoi(s);
    *loads = atoi(l);
    return 0;
}

int cuda_nvrtc_check(const char *name, const char *source, char **log) {
    nvrtc_output out;
    int rc = cuda_nvrtc_compile(name, source, 0, NULL, 0, &out);
    *log = rc == 0 ? out.log : NULL;
    if (rc == 0) out.log = NULL;
    nvrtc_output_done(&out);
    return rc;
}
