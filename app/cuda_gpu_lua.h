/* cuda_gpu_lua: the Lua side of the real-GPU backend: kd.gpu_open, kd.gpu_kernel,
   kd.gpu_launch, kd.gpu_time, kd.gpu_time_copy, kd.gpu_resources, kd.gpu_info.
   graders/cuda.lua picks this backend when a GPU is present and falls back to the simulator
   (cuda_lua.h) otherwise; graders/cuda_gpu.lua holds its Lua half, so one grade.lua runs on both.

   Each side's .cu file is compiled with NVRTC for this GPU at its first launch; buffers are
   copied to the device before every launch and the ones the kernel may write (pointers not to
   const) copied back after it. */
#ifndef KDOJO_CUDA_GPU_LUA_H
#define KDOJO_CUDA_GPU_LUA_H

#include "ffi.h"
#include <lua.h>

typedef struct {
    const char *learner_name;    /* the learner's file name, for NVRTC's messages */
    const char *learner_src, *reference_src;
    double timeout;              /* the lesson's time limit: a kernel still running near it is a hang */
} cuda_gpu_sources;

/* Adds the functions to the table on top of the stack (the kd module). The source strings
   must outlive the Lua state. resolve gives each side's simulator program (to name a kernel the
   file lacks the same way the simulator does). */
void cuda_gpu_lua_open(lua_State *L, ffi_resolver resolve, const cuda_gpu_sources *src);

/* The GPU worker: opens the GPU (and warms NVRTC) before the first check asks for it. */
void cuda_gpu_lua_preopen(void);
/* Non-zero once the process's GPU context is unusable (a fault, a hung kernel). */
int cuda_gpu_lua_spent(void);

#endif
