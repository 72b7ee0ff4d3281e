/* cuda_nvrtc: compiles a CUDA lesson's file with NVIDIA's runtime compiler, when installed:
   to prove the file is CUDA C++ too and not only the C that TinyCC accepts (kdojo verify), and
   to build the cubin that runs on a real GPU (cuda_gpu.h). NVRTC is loaded with dlopen, with
   our own declarations of the few functions used, so kdojo builds and runs with no CUDA at all.

   The learner's file is compiled under its own name with a small prelude pre-included (C
   spellings such as `restrict` and INFINITY that CUDA C++ lacks), so NVRTC's messages already
   name the learner's file and line; they are rewritten to the "file:line: error: ..." form
   TinyCC uses. */
#ifndef KDOJO_CUDA_NVRTC_H
#define KDOJO_CUDA_NVRTC_H

#include <stddef.h>

/* Where libnvrtc was found and its version ("13.0"); -1 when there is none. Searches
   $CUDA_PATH, /usr/local/cuda*, the loader path and Python's nvidia wheel directories. */
int cuda_nvrtc_find(char *path, size_t path_len, char *version, size_t version_len);

typedef struct {
    char *image;            /* cubin (arch given) or PTX (arch 0); NULL when it did not compile */
    size_t image_size;
    char *log;              /* warnings and errors as file:line: ...; NULL when none */
    char *ptxas;            /* ptxas -v's report (registers, spills per kernel); NULL when none */
    char **lowered;         /* the mangled name of each kernel asked for */
    int n_lowered;
    double seconds;         /* time NVRTC took (or the cache lookup) */
    int cached;             /* the same compile was done earlier in this process */
} nvrtc_output;

/* Compiles `source` (file `name`) for sm_<arch> (e.g. 90), or for NVRTC's default virtual
   architecture when arch is 0; kernels[] names the __global__ functions to look up.
   1: compiled; 0: did not, out->log says why; -1: no NVRTC here. A compile for a GPU
   architecture is remembered (a few per process): the same one again is a copy. */
int cuda_nvrtc_compile(const char *name, const char *source, int arch, const char *const *kernels, int n_kernels,
                       nvrtc_output *out);
void nvrtc_output_done(nvrtc_output *out);

/* Spills of one kernel from ptxas -v's report: bytes stored and loaded; 0 when found. */
int cuda_nvrtc_spills(const char *ptxas, const char *lowered, int *stores, int *loads);

/* 1: compiles; 0: does not, *log holds NVRTC's messages (caller frees); -1: no NVRTC here. */
int cuda_nvrtc_check(const char *name, const char *source, char **log);

#endif
