/* cuda_nvrtc: compiles a CUDA lesson's file with NVRTC when installed (see cuda_nvrtc.h). */
#include "cuda_nvrtc.h"
#include "util.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>

/* The few NVRTC entry points we use, declared here so that no CUDA header is needed. */
typedef int nvrtc_result;
typedef struct nvrtc_program_ *nvrtc_program;
typedef struct {
    nvrtc_result (*create)(nvrtc_program *, const char *, const char *, int, const char *const *, const char *const *);
    nvrtc_result (*compile)(nvrtc_program, int, const char *const *);
    nvrtc_result (*log_size)(nvrtc_program, size_t *);
    nvrtc_result (*log)(nvrtc_program, char *);
    nvrtc_result (*destroy)(nvrtc_program *);
} nvrtc_api;

static int load(nvrtc_api *api) {
    static const char *names[] = {
        "libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2",
        "/usr/local/cuda/lib64/libnvrtc.so", "/usr/local/cuda/lib64/libnvrtc.so.13", "/usr/local/cuda/lib64/libnvrtc.so.12",
        NULL,
    };
    static void *lib;
    for (int i = 0; !lib && names[i]; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) return -1;
    *(void **)&api->create = dlsym(lib, "nvrtcCreateProgram");
    *(void **)&api->compile = dlsym(lib, "nvrtcCompileProgram");
    *(void **)&api->log_size = dlsym(lib, "nvrtcGetProgramLogSize");
    *(void **)&api->log = dlsym(lib, "nvrtcGetProgramLog");
    *(void **)&api->destroy = dlsym(lib, "nvrtcDestroyProgram");
    return api->create && api->compile && api->log_size && api->log && api->destroy ? 0 : -1;
}

int cuda_nvrtc_check(const char *name, const char *source, char **log) {
    nvrtc_api api;
    *log = NULL;
    if (load(&api) < 0) return -1;
    nvrtc_program prog;
    if (api.create(&prog, source, name, 0, NULL, NULL) != 0) {
        *log = xstrdup("NVRTC could not create a program");
        return 0;
    }
    static const char *opts[] = {"--std=c++17"};
    int ok = api.compile(prog, 1, opts) == 0;
    size_t n = 0;
    if (!ok && api.log_size(prog, &n) == 0 && n > 1) {
        *log = xmalloc(n);
        api.log(prog, *log);
    } else if (!ok) {
        *log = xstrdup("NVRTC failed without a message");
    }
    api.destroy(&prog);
    return ok;
}
