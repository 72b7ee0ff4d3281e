/* cuda_libs: where CUDA's libraries live (see cuda_libs.h). */
#include "cuda_libs.h"
#include "util.h"

#include <dlfcn.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    char *found;
    size_t len;
} search;

static void *try_open(search *s, const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h) snprintf(s->found, s->len, "%s", path);
    return h;
}

/* The newest match of a glob pattern that dlopen accepts. */
static void *try_glob(search *s, const char *pattern) {
    glob_t g;
    void *h = NULL;
    if (glob(pattern, 0, NULL, &g) == 0)
        for (size_t i = g.gl_pathc; i-- > 0 && !h;) h = try_open(s, g.gl_pathv[i]);
    globfree(&g);
    return h;
}

static void *try_under(search *s, const char *dir, const char *rest, const char *base) {
    if (!dir || !*dir) return NULL;
    char *p = xasprintf("%s%s/%s*", dir, rest, base);
    void *h = try_glob(s, p);
    free(p);
    return h;
}

void *cuda_lib_open(const char *base, const char *const *sonames, char *found, size_t found_len) {
    search s = {found, found_len};
    void *h = try_under(&s, getenv("CUDA_PATH"), "/lib64", base);
    if (!h) h = try_under(&s, getenv("CUDA_HOME"), "/lib64", base);
    if (!h) h = try_under(&s, "/usr/local/cuda", "/lib64", base);
    if (!h) h = try_under(&s, "/usr/local/cuda-*", "/lib64", base);
    for (int i = 0; sonames && sonames[i] && !h; i++) h = try_open(&s, sonames[i]);
    /* pip install nvidia-...: CUDA 12 wheels put it in nvidia/<part>/lib, CUDA 13 in nvidia/cu13/lib */
    if (!h) h = try_under(&s, getenv("VIRTUAL_ENV"), "/lib/python3*/site-packages/nvidia/*/lib", base);
    if (!h) h = try_under(&s, getenv("HOME"), "/.local/lib/python3*/site-packages/nvidia/*/lib", base);
    static const char *wheels[] = {"/usr/lib/python3*/site-packages", "/usr/local/lib/python3*/dist-packages",
                                   "/usr/lib/python3/dist-packages", NULL};
    for (int i = 0; wheels[i] && !h; i++) h = try_under(&s, wheels[i], "/nvidia/*/lib", base);
    return h;
}
