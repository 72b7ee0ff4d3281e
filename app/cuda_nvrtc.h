/* cuda_nvrtc: compiles a CUDA lesson's file with NVIDIA's runtime compiler, when installed,
   to prove the file is CUDA C++ too and not only the C that TinyCC accepts. NVRTC is
   loaded with dlopen, so kdojo builds and runs where there is no CUDA at all. */
#ifndef KDOJO_CUDA_NVRTC_H
#define KDOJO_CUDA_NVRTC_H

/* 1: compiles; 0: does not, *log holds NVRTC's messages (caller frees); -1: no NVRTC here. */
int cuda_nvrtc_check(const char *name, const char *source, char **log);

#endif
