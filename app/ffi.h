/* ffi: calls C functions from Lua by their declared signature. For each signature a tiny shim
   is generated and compiled with libtcc, so no lesson needs a hand-written binding:
       local dot = learner.fn "float dot(const float *a, const float *b, int n)"
   Buffers pass as pointers (their element type is checked against the parameter), numbers
   as scalars, nil as NULL. */
#ifndef KDOJO_FFI_H
#define KDOJO_FFI_H

#include "signature.h"

#include <lua.h>

/* Where symbols come from: the side's program is built on first use by `resolve`. */
typedef struct tcc_program tcc_program;
typedef tcc_program *(*ffi_resolver)(lua_State *L, const char *side);

/* Registers the function metatable; `resolve` maps "learner"/"reference" to a program. */
void ffi_open(lua_State *L, ffi_resolver resolve, const char *tcc_dir);
/* kd.fn(side, signature) -> callable; the symbol is looked up at the first call. */
int ffi_fn_lua(lua_State *L);

/* One argument or result as a generated shim sees it (the shims declare the same union). */
typedef union {
    long long i;
    unsigned long long u;
    double d;
    float f;
    void *p;
} kd_value;

/* A learner-facing failure: raises a table the test runner reports as a failed test (not a
   grader error). For every module that calls learner code. */
int ffi_raise_failure(lua_State *L, const char *msg);
/* The kd_value member a shim uses for a kind: "f", "d", "p", "u" or "i". */
const char *ffi_value_field(sig_kind k);

/* Called for every learner call when set (kdojo repro records calls through it). */
typedef void (*ffi_call_observer)(lua_State *L, const char *side, const char *decl, int first_arg, int nargs);
void ffi_set_observer(ffi_call_observer obs);

#endif
