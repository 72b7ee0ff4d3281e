/* cuda_lua: the Lua side of the CUDA simulator: kd.cuda_kernel, kd.cuda_launch, kd.cuda_constant.
   graders/cuda.lua wraps these into the `cuda` module that grade.lua uses; a real-GPU backend
   provides the same three functions, so one grade.lua runs on both. */
#ifndef KDOJO_CUDA_LUA_H
#define KDOJO_CUDA_LUA_H

#include "ffi.h"
#include <lua.h>

/* Compiles another copy of a side's program (for a simulator worker on another core);
   NULL when it cannot. */
typedef tcc_program *(*cuda_copy_builder)(lua_State *L, const char *side);

/* Adds the functions to the table on top of the stack (the kd module). build_copy may be
   NULL: launches then run on one core. */
void cuda_lua_open(lua_State *L, ffi_resolver resolve, cuda_copy_builder build_copy, const char *tcc_dir);
/* Frees the per-worker program copies of the last check (a GPU worker grades the next one). */
void cuda_lua_reset(void);

/* Reads dimension i (1-3) of a launch table's `key` ({x, y, z} or a number for x); 1 if absent.
   Shared by the simulator's and the GPU's launchers. */
unsigned cuda_dim_field(lua_State *L, int t, const char *key, int i);

#endif
