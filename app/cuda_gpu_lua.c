/* cuda_gpu_lua: the Lua side of the real-GPU backend (see cuda_gpu_lua.h). */
#include "cuda_gpu_lua.h"
#include "buffer.h"
#include "cuda_cublas.h"
#include "cuda_gpu.h"
#include "cuda_lua.h"
#include "cuda_nvrtc.h"
#include "engine_tcc.h"
#include "ffi.h"
#include "signature.h"
#include "util.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KERNEL_MT "kdojo.gpu_kernel"
#define STATE_MT "kdojo.gpu_state"
#define MAX_KERNELS 32
#define CACHE_SLOTS 24

/* One side's file (learner or reference), compiled for this GPU. */
typedef struct {
    const char *name, *source;
    char *kernels[MAX_KERNELS];   /* the kernels asked for so far */
    int n_kernels, compiled_for;  /* compiled_for: how many of them the module holds */
    nvrtc_output out;
    cuda_gpu_module *module;
    double compile_seconds;
} gpu_side;

typedef struct {
    void *host;
    size_t bytes;
    cuda_dptr dev;
    unsigned long long used;
} dev_slot;

/* Everything the backend holds in one grading child: the GPU, both sides, device copies. */
typedef struct {
    cuda_gpu *gpu;
    int tried;
    char open_err[300];
    double deadline;
    gpu_side sides[2];
    dev_slot cache[CACHE_SLOTS];
    unsigned long long clock;
    ffi_resolver resolve;
} gpu_state;

typedef struct {
    signature sig;
    int side;          /* 0 learner, 1 reference */
    char decl[256];
    void *fn;          /* NULL until resolved */
    int module_gen;    /* compiled_for of the module fn came from */
} gpu_kernel;

static const char *side_names[] = {"learner", "reference"};

static gpu_state *state_of(lua_State *L) { return luaL_checkudata(L, lua_upvalueindex(1), STATE_MT); }


/* ---------------------------------------------------------------- opening */

/* The GPU is the process's, not one Lua state's: a GPU worker grades one check after another
   in the same process and keeps its context (creating one costs 100-400 ms). */
static cuda_gpu *process_gpu;
static int process_tried;
static char process_err[300];

static void open_process_gpu(void) {
    if (process_tried) return;
    process_tried = 1;
    const char *want = getenv("KDOJO_CUDA_BACKEND");
    char ver[32], path[512];
    if (want && !strcmp(want, "simulator")) snprintf(process_err, sizeof process_err, "KDOJO_CUDA_BACKEND=simulator");
    else if (!cuda_gpu_present()) snprintf(process_err, sizeof process_err, "no NVIDIA GPU on this machine");
    else if (cuda_nvrtc_find(path, sizeof path, ver, sizeof ver) < 0)
        snprintf(process_err, sizeof process_err, "a GPU, but no NVRTC (libnvrtc) to compile for it");
    else process_gpu = cuda_gpu_open(process_err, sizeof process_err);
}

void cuda_gpu_lua_preopen(void) {
    open_process_gpu();
    if (!process_gpu) return;
    /* NVRTC's first compile in a process loads its builtins (about 100 ms more than later ones). */
    const cuda_gpu_info *in = cuda_gpu_info_of(process_gpu);
    const char *names[] = {"kdojo_warm"};
    nvrtc_output out;
    cuda_nvrtc_compile("warm.cu", "__global__ void kdojo_warm(float *x) { x[0] = 1.0f; }\n",
                       in->cc_major * 10 + in->cc_minor, names, 1, &out);
    nvrtc_output_done(&out);
}

int cuda_gpu_lua_spent(void) {
    const char *why;
    return process_gpu && cuda_gpu_broken(process_gpu, &why);
}

/* kd.gpu_open() -> true | false, reason. KDOJO_CUDA_BACKEND=simulator keeps to the simulator. */
static int gpu_open_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    if (!s->tried) {
        s->tried = 1;
        open_process_gpu();
        s->gpu = process_gpu;
        snprintf(s->open_err, sizeof s->open_err, "%s", process_err);
    }
    lua_pushboolean(L, s->gpu != NULL);
    lua_pushstring(L, s->open_err);
    return 2;
}

static int state_gc(lua_State *L) {
    gpu_state *s = luaL_checkudata(L, 1, STATE_MT);
    for (int i = 0; i < 2; i++) {
        if (s->gpu) cuda_gpu_module_unload(s->gpu, s->sides[i].module);
        nvrtc_output_done(&s->sides[i].out);
        for (int k = 0; k < s->sides[i].n_kernels; k++) free(s->sides[i].kernels[k]);
    }
    for (int i = 0; i < CACHE_SLOTS && s->gpu; i++) cuda_gpu_free(s->gpu, s->cache[i].dev);
    memset(s, 0, sizeof *s); /* the GPU itself stays open for the process's next check */
    return 0;
}

/* ---------------------------------------------------------------- compiling */

static void need_gpu(lua_State *L, gpu_state *s) {
    if (!s->gpu) luaL_error(L, "cuda: the GPU backend is not open (%s)", s->open_err[0] ? s->open_err : "call kd.gpu_open first");
}

/* Compiles the side with every kernel asked for so far; raises on failure. */
static void compile_side(lua_State *L, gpu_state *s, gpu_side *sd, int side) {
    if (sd->module) cuda_gpu_module_unload(s->gpu, sd->module);
    sd->module = NULL;
    nvrtc_output_done(&sd->out);
    const cuda_gpu_info *in = cuda_gpu_info_of(s->gpu);
    int rc = cuda_nvrtc_compile(sd->name, sd->source, in->cc_major * 10 + in->cc_minor, (const char *const *)sd->kernels,
                                sd->n_kernels, &sd->out);
    sd->compile_seconds = sd->out.seconds;
    if (rc <= 0) {
        lua_pushfstring(L, "%s compiles for the simulator but not as CUDA C++ for the GPU (NVRTC):\n%s",
                        side ? "the lesson's reference solution" : "your file", rc < 0 ? "NVRTC is missing" : sd->out.log);
        if (side) lua_error(L);
        ffi_raise_failure(L, lua_tostring(L, -1));
    }
    char err[300];
    sd->module = cuda_gpu_module_load(s->gpu, sd->out.image, err, sizeof err);
    if (!sd->module) luaL_error(L, "cuda: %s", err);
    sd->compiled_for = sd->n_kernels;
}

static int kernel_index(gpu_side *sd, const char *name) {
    for (int i = 0; i < sd->n_kernels; i++)
        if (!strcmp(sd->kernels[i], name)) return i;
    return -1;
}

static void *resolve_kernel(lua_State *L, gpu_state *s, gpu_kernel *k) {
    gpu_side *sd = &s->sides[k->side];
    int i = kernel_index(sd, k->sig.name);
    if (k->fn && sd->module && k->module_gen == sd->compiled_for) return k->fn;
    /* A kernel the file lacks is named as the simulator names it, before NVRTC sees it. */
    tcc_program *prog = s->resolve(L, side_names[k->side]);
    if (prog && !tcc_program_symbol(prog, k->sig.name)) {
        lua_pushfstring(L, "%s does not define the kernel `%s`; expected: __global__ %s",
                        k->side ? "the reference" : "your file", k->sig.name, k->decl);
        ffi_raise_failure(L, lua_tostring(L, -1));
    }
    if (i < 0) {
        if (sd->n_kernels == MAX_KERNELS) luaL_error(L, "cuda: more than %d kernels in one file", MAX_KERNELS);
        i = sd->n_kernels++;
        sd->kernels[i] = xstrdup(k->sig.name);
    }
    if (!sd->module || i >= sd->compiled_for) compile_side(L, s, sd, k->side);
    k->fn = cuda_gpu_function(s->gpu, sd->module, sd->out.lowered[i]);
    k->module_gen = sd->compiled_for;
    if (!k->fn) luaL_error(L, "cuda: the GPU module has no function %s", sd->out.lowered[i]);
    return k->fn;
}

/* kd.gpu_kernel(side, declaration) -> kernel */
static int gpu_kernel_new(lua_State *L) {
    const char *side = luaL_checkstring(L, 1), *decl = luaL_checkstring(L, 2);
    gpu_kernel *k = lua_newuserdatauv(L, sizeof *k, 0);
    memset(k, 0, sizeof *k);
    char err[160];
    if (signature_parse(decl, &k->sig, err, sizeof err) < 0) return luaL_error(L, "cuda.kernel: %s", err);
    k->side = strcmp(side, "learner") != 0;
    snprintf(k->decl, sizeof k->decl, "%s", decl);
    luaL_setmetatable(L, KERNEL_MT);
    return 1;
}

/* ---------------------------------------------------------------- device copies of buffers */

static dev_slot *device_copy(gpu_state *s, kd_buffer *b) {
    size_t bytes = b->n * (size_t)b->esize;
    dev_slot *lru = &s->cache[0];
    for (int i = 0; i < CACHE_SLOTS; i++) {
        dev_slot *c = &s->cache[i];
        if (c->dev && c->host == b->data && c->bytes == bytes) {
            c->used = ++s->clock;
            return c;
        }
        if (c->used < lru->used) lru = c;
    }
    cuda_gpu_free(s->gpu, lru->dev);
    memset(lru, 0, sizeof *lru);
    cuda_dptr d = cuda_gpu_alloc(s->gpu, bytes);
    if (!d) return NULL;
    *lru = (dev_slot){b->data, bytes, d, ++s->clock};
    return lru;
}

typedef union {
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    float f;
    double d;
    cuda_dptr p;
} arg_value;

typedef struct {
    arg_value v[SIG_MAX_PARAMS];
    void *params[SIG_MAX_PARAMS];
    kd_buffer *bufs[SIG_MAX_PARAMS];
    dev_slot *slots[SIG_MAX_PARAMS];
    int writes[SIG_MAX_PARAMS];
    int nbufs;
} launch_args;

static int kinds_compatible(sig_kind want, sig_kind have) {
    if (want == K_VOID || want == have) return 1;
    int wi = want != K_F32 && want != K_F64, hi = have != K_F32 && have != K_F64;
    return wi && hi && sig_kind_size(want) == sig_kind_size(have);
}

static void scalar_arg(lua_State *L, const gpu_kernel *k, int i, int idx, arg_value *v) {
    const sig_type *t = &k->sig.params[i];
    if (lua_type(L, idx) != LUA_TNUMBER)
        luaL_error(L, "%s: argument %d (%s) is a number, the grader passed %s", k->sig.name, i + 1, t->name, luaL_typename(L, idx));
    if (t->kind == K_F32) v->f = (float)lua_tonumber(L, idx);
    else if (t->kind == K_F64) v->d = lua_tonumber(L, idx);
    else {
        int isint;
        long long x = (long long)lua_tointegerx(L, idx, &isint);
        if (!isint) luaL_error(L, "%s: argument %d (%s) is an integer, the grader passed a fraction", k->sig.name, i + 1, t->name);
        switch (sig_kind_size(t->kind)) {
        case 1: v->i8 = (int8_t)x; break;
        case 2: v->i16 = (int16_t)x; break;
        case 4: v->i32 = (int32_t)x; break;
        default: v->i64 = x; break;
        }
    }
}

/* The buffer's device copy, with the host's contents uploaded now; raises when it cannot be. */
static dev_slot *upload(lua_State *L, gpu_state *s, kd_buffer *b) {
    dev_slot *slot = device_copy(s, b);
    if (!slot) luaL_error(L, "cuda: cannot allocate %d bytes on the GPU for buffer %s", (int)(b->n * b->esize), b->name);
    if (cuda_gpu_upload(s->gpu, slot->dev, b->data, slot->bytes) < 0) {
        const char *m;
        cuda_gpu_broken(s->gpu, &m);
        luaL_error(L, "cuda: %s", m);
    }
    return slot;
}

/* Converts arguments (Lua stack from `first`) and uploads every buffer. */
static void marshal(lua_State *L, gpu_state *s, const gpu_kernel *k, int first, launch_args *a) {
    int nargs = lua_gettop(L) - first + 1;
    if (nargs != k->sig.nparams)
        luaL_error(L, "%s takes %d argument%s (%s), the grader passed %d", k->sig.name, k->sig.nparams,
                   k->sig.nparams == 1 ? "" : "s", k->decl, nargs);
    memset(a, 0, sizeof *a);
    for (int i = 0; i < nargs; i++) {
        const sig_type *t = &k->sig.params[i];
        int idx = first + i;
        a->params[i] = &a->v[i];
        if (t->kind != K_PTR) {
            scalar_arg(L, k, i, idx, &a->v[i]);
            continue;
        }
        if (lua_isnil(L, idx)) continue;
        kd_buffer *b = buffer_test(L, idx);
        if (!b || !kinds_compatible(t->pointee, b->kind))
            luaL_error(L, "%s: argument %d (%s) is %s, but the grader passed %s%s", k->sig.name, i + 1, t->name, t->text,
                       b ? "a buffer of " : "", b ? sig_kind_name(b->kind) : luaL_typename(L, idx));
        int j = 0;
        while (j < a->nbufs && a->bufs[j] != b) j++;
        if (j == a->nbufs) {
            a->bufs[j] = b;
            a->slots[j] = upload(L, s, b);
            a->nbufs++;
        }
        a->writes[j] |= !t->is_const;
        a->v[i].p = a->slots[j]->dev;
    }
}

static int download(gpu_state *s, launch_args *a) {
    for (int j = 0; j < a->nbufs; j++)
        if (a->writes[j] && cuda_gpu_download(s->gpu, a->bufs[j]->data, a->slots[j]->dev, a->slots[j]->bytes) < 0) return -1;
    return 0;
}

/* ---------------------------------------------------------------- launching */


static size_t read_cfg(lua_State *L, int t, unsigned grid[3], unsigned block[3]) {
    luaL_checktype(L, t, LUA_TTABLE);
    for (int i = 0; i < 3; i++) {
        grid[i] = cuda_dim_field(L, t, "grid", i + 1);
        block[i] = cuda_dim_field(L, t, "block", i + 1);
    }
    lua_getfield(L, t, "shared");
    size_t shared = (size_t)luaL_optinteger(L, -1, 0);
    lua_pop(L, 1);
    return shared;
}

static const char *status_name(cuda_gpu_status st) {
    switch (st) {
    case GPU_LAUNCH_ERROR: return "launch";
    case GPU_FAULT: return "fault";
    case GPU_HANG: return "hang";
    default: return "ok";
    }
}

/* The common part of gpu_launch and gpu_time: (k, cfg, flush) at 1..3, arguments from 4. */
static int launch_common(lua_State *L, int with_flush, int first_arg) {
    gpu_state *s = state_of(L);
    gpu_kernel *k = luaL_checkudata(L, 1, KERNEL_MT);
    need_gpu(L, s);
    unsigned grid[3], block[3];
    size_t shared = read_cfg(L, 2, grid, block);
    int flush = with_flush && lua_toboolean(L, 3);
    const char *broken;
    if (cuda_gpu_broken(s->gpu, &broken)) {
        lua_pushnil(L);
        lua_pushstring(L, "fault");
        lua_pushfstring(L, "the GPU cannot run more work in this check: %s", broken);
        return 3;
    }
    void *fn = resolve_kernel(L, s, k);
    launch_args a;
    marshal(L, s, k, first_arg, &a);
    if (flush) cuda_gpu_flush_l2(s->gpu);
    double ms = 0;
    char err[600];
    cuda_gpu_status st = cuda_gpu_launch(s->gpu, fn, grid, block, shared, a.params, s->deadline, &ms, err, sizeof err);
    if (st == GPU_OK && download(s, &a) < 0) {
        st = GPU_FAULT;
        cuda_gpu_broken(s->gpu, &broken);
        snprintf(err, sizeof err, "%s", broken);
    }
    if (st != GPU_OK) {
        lua_pushnil(L);
        lua_pushstring(L, status_name(st));
        lua_pushstring(L, err);
        return 3;
    }
    lua_pushnumber(L, ms * 1e-3);
    return 1;
}

/* kd.gpu_launch(kernel, {grid=, block=, shared=}, args...) -> seconds | nil, kind, message
   kind: "launch" (refused, nothing ran), "fault" (illegal address...), "hang". */
static int gpu_launch_lua(lua_State *L) { return launch_common(L, 0, 3); }

/* kd.gpu_time(kernel, cfg, flush_l2, args...) -> seconds between CUDA events around the launch. */
static int gpu_time_lua(lua_State *L) { return launch_common(L, 1, 4); }

/* kd.gpu_time_copy(bytes, flush_l2) -> seconds for a device-to-device copy moving `bytes`
   (half read, half written). */
static int gpu_time_copy_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    need_gpu(L, s);
    lua_Integer bytes = luaL_checkinteger(L, 1);
    double ms;
    if (bytes <= 0 || cuda_gpu_time_copy(s->gpu, (size_t)bytes, lua_toboolean(L, 2), &ms) < 0)
        return luaL_error(L, "cuda: cannot time a copy of %I bytes on the GPU", bytes);
    lua_pushnumber(L, ms * 1e-3);
    return 1;
}

/* ---------------------------------------------------------------- what a kernel uses */

static void set_int(lua_State *L, const char *k, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

/* kd.gpu_resources(kernel [, block_threads, dynamic_shared]) -> {registers=, shared=, local_bytes=,
   constant=, max_threads=, spill_stores=, spill_loads=, blocks_per_sm=, occupancy=, nvrtc_seconds=} */
static int gpu_resources_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    gpu_kernel *k = luaL_checkudata(L, 1, KERNEL_MT);
    need_gpu(L, s);
    int threads = (int)luaL_optinteger(L, 2, 0);
    size_t shared = (size_t)luaL_optinteger(L, 3, 0);
    void *fn = resolve_kernel(L, s, k);
    cuda_gpu_resources r;
    cuda_gpu_function_resources(s->gpu, fn, threads, shared, &r);
    gpu_side *sd = &s->sides[k->side];
    int stores = 0, loads = 0;
    cuda_nvrtc_spills(sd->out.ptxas, sd->out.lowered[kernel_index(sd, k->sig.name)], &stores, &loads);
    lua_createtable(L, 0, 10);
    set_int(L, "registers", r.registers);
    set_int(L, "shared", r.static_shared);
    set_int(L, "local_bytes", r.local);
    set_int(L, "constant", r.constant);
    set_int(L, "max_threads", r.max_threads);
    set_int(L, "spill_stores", stores);
    set_int(L, "spill_loads", loads);
    if (threads > 0) {
        set_int(L, "blocks_per_sm", r.blocks_per_sm);
        lua_pushnumber(L, r.occupancy);
        lua_setfield(L, -2, "occupancy");
    }
    lua_pushnumber(L, sd->compile_seconds);
    lua_setfield(L, -2, "nvrtc_seconds");
    lua_pushboolean(L, sd->out.cached);
    lua_setfield(L, -2, "nvrtc_cached");
    return 1;
}

/* kd.gpu_info() -> {name=, cc=, sms=, memory=, driver=, l2=} */
static int gpu_info_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    need_gpu(L, s);
    const cuda_gpu_info *i = cuda_gpu_info_of(s->gpu);
    lua_createtable(L, 0, 6);
    lua_pushstring(L, i->name);
    lua_setfield(L, -2, "name");
    lua_pushfstring(L, "%d.%d", i->cc_major, i->cc_minor);
    lua_setfield(L, -2, "cc");
    set_int(L, "sms", i->sms);
    set_int(L, "memory", (lua_Integer)i->memory);
    set_int(L, "driver", i->driver_version);
    set_int(L, "l2", i->l2_bytes);
    return 1;
}

/* ---------------------------------------------------------------- cuBLAS, for comparison */

/* kd.gpu_cublas_open() -> true | false, why */
static int gpu_cublas_open_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    need_gpu(L, s);
    char err[300];
    int ok = cuda_cublas_open(err, sizeof err) == 0;
    lua_pushboolean(L, ok);
    lua_pushstring(L, ok ? cuda_cublas_path() : err);
    return 2;
}

/* A buffer argument's device copy, uploaded now. */
static dev_slot *uploaded(lua_State *L, gpu_state *s, int idx) {
    kd_buffer *b = buffer_test(L, idx);
    if (!b || b->kind != K_F32) luaL_error(L, "cuBLAS comparison: argument %d must be an f32 buffer", idx);
    return upload(L, s, b);
}

static int span_result(lua_State *L, gpu_state *s, dev_slot *out, lua_Integer idx) {
    double ms;
    if (cuda_gpu_span_end(s->gpu, s->deadline, &ms) < 0) {
        const char *m;
        cuda_gpu_broken(s->gpu, &m);
        return luaL_error(L, "cuda: cuBLAS comparison: %s", m);
    }
    kd_buffer *b = buffer_test(L, (int)idx);
    if (cuda_gpu_download(s->gpu, b->data, out->dev, out->bytes) < 0) return luaL_error(L, "cuda: download failed");
    lua_pushnumber(L, ms * 1e-3);
    return 1;
}

/* kd.gpu_cublas_sgemm_time(c, a, b, m, n, k) -> seconds for row-major c = a b by cuBLAS */
static int gpu_cublas_sgemm_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    need_gpu(L, s);
    int m = (int)luaL_checkinteger(L, 4), n = (int)luaL_checkinteger(L, 5), k = (int)luaL_checkinteger(L, 6);
    dev_slot *a = uploaded(L, s, 2), *b = uploaded(L, s, 3), *c = uploaded(L, s, 1);
    if (a->bytes < (size_t)m * k * 4 || b->bytes < (size_t)k * n * 4 || c->bytes < (size_t)m * n * 4)
        return luaL_error(L, "cuBLAS comparison: buffers smaller than m, n, k say");
    cuda_gpu_span_begin(s->gpu);
    if (cuda_cublas_sgemm(c->dev, a->dev, b->dev, m, n, k) < 0) return luaL_error(L, "cuBLAS: cublasSgemm failed");
    return span_result(L, s, c, 1);
}

/* kd.gpu_cublas_attention_time(out, q, k, v, heads, seq, dim) -> seconds for cuBLAS attention */
static int gpu_cublas_attention_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    need_gpu(L, s);
    int heads = (int)luaL_checkinteger(L, 5), seq = (int)luaL_checkinteger(L, 6), dim = (int)luaL_checkinteger(L, 7);
    dev_slot *q = uploaded(L, s, 2), *k = uploaded(L, s, 3), *v = uploaded(L, s, 4), *out = uploaded(L, s, 1);
    size_t qkv = (size_t)heads * seq * dim * 4;
    if (q->bytes < qkv || k->bytes < qkv || v->bytes < qkv || out->bytes < qkv)
        return luaL_error(L, "cuBLAS comparison: buffers smaller than heads * seq * dim floats");
    /* The score matrices, heads x seq x seq floats: kept for the process's next comparison. */
    static cuda_dptr scores;
    static size_t scores_bytes;
    size_t need = (size_t)heads * seq * seq * 4;
    if (scores_bytes < need) {
        cuda_gpu_free(s->gpu, scores);
        scores = cuda_gpu_alloc(s->gpu, need);
        scores_bytes = scores ? need : 0;
        if (!scores) return luaL_error(L, "cuBLAS comparison: cannot allocate %d MiB for the scores", (int)(need >> 20));
    }
    char err[300];
    cuda_gpu_span_begin(s->gpu);
    if (cuda_cublas_attention(s->gpu, out->dev, q->dev, k->dev, v->dev, scores, heads, seq, dim, err, sizeof err) < 0)
        return luaL_error(L, "cuBLAS comparison: %s", err);
    return span_result(L, s, out, 1);
}

/* kd.gpu_fp32_peak() -> FLOP/s from the doctor's FMA probe (measured once per process) */
static int gpu_fp32_peak_lua(lua_State *L) {
    gpu_state *s = state_of(L);
    need_gpu(L, s);
    static double peak;
    if (!peak) {
        cuda_gpu_probe p;
        char err[300];
        if (cuda_gpu_run_probes(s->gpu, &p, err, sizeof err) == 0) peak = p.fp32_flops;
    }
    lua_pushnumber(L, peak);
    return 1;
}

/* ---------------------------------------------------------------- registration */

void cuda_gpu_lua_open(lua_State *L, ffi_resolver resolve, const cuda_gpu_sources *src) {
    luaL_newmetatable(L, KERNEL_MT);
    lua_pop(L, 1);
    gpu_state *s = lua_newuserdatauv(L, sizeof *s, 0);
    memset(s, 0, sizeof *s);
    s->resolve = resolve;
    s->deadline = now_seconds() + src->timeout * 0.8;
    s->sides[0].name = src->learner_name;
    s->sides[0].source = src->learner_src;
    s->sides[1].name = "solution.cu";
    s->sides[1].source = src->reference_src;
    if (luaL_newmetatable(L, STATE_MT)) {
        lua_pushcfunction(L, state_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    static const luaL_Reg fns[] = {
        {"gpu_open", gpu_open_lua}, {"gpu_kernel", gpu_kernel_new}, {"gpu_launch", gpu_launch_lua},
        {"gpu_time", gpu_time_lua}, {"gpu_time_copy", gpu_time_copy_lua}, {"gpu_resources", gpu_resources_lua},
        {"gpu_info", gpu_info_lua}, {"gpu_cublas_open", gpu_cublas_open_lua},
        {"gpu_cublas_sgemm_time", gpu_cublas_sgemm_lua}, {"gpu_cublas_attention_time", gpu_cublas_attention_lua},
        {"gpu_fp32_peak", gpu_fp32_peak_lua}, {NULL, NULL},
    };
    /* the kd table is below the state userdata: every function gets the state as upvalue 1 */
    luaL_setfuncs(L, fns, 1);
}
