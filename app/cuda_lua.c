/* cuda_lua: the Lua side of the CUDA simulator (see cuda_lua.h). */
#include "cuda_lua.h"
#include "buffer.h"
#include "cuda_sim.h"
#include "engine_tcc.h"
#include "ffi.h"
#include "signature.h"
#include "util.h"

#include <fcntl.h>
#include <lauxlib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A kernel, resolved per worker: worker w runs its own compiled copy of the program. */
typedef struct {
    signature sig;
    char side[16];
    char decl[256];
    int ncopies;                                   /* workers resolved so far */
    tcc_program *shim_progs[CUDA_MAX_WORKERS];
    cuda_kernel_call calls[CUDA_MAX_WORKERS];
    cuda_program progs[CUDA_MAX_WORKERS];
} cuda_kernel;

#define KERNEL_MT "kdojo.cuda_kernel"
static ffi_resolver resolver;
static cuda_copy_builder copy_builder;
static const char *shim_tcc_dir;
static tcc_program *copies[2][CUDA_MAX_WORKERS]; /* [learner, reference][worker >= 1] */


/* ---------------------------------------------------------------- kernels */


static char *shim_source(const signature *s) {
    strbuf sb = {0};
    sb_puts(&sb, "typedef union { long long i; unsigned long long u; double d; float f; void *p; } kd_value;\n");
    sb_puts(&sb, "extern void kd_target(");
    for (int i = 0; i < s->nparams; i++) sb_printf(&sb, "%s%s", i ? ", " : "", sig_kind_ctype(s->params[i].kind));
    sb_puts(&sb, s->nparams ? ");\n" : "void);\n");
    sb_puts(&sb, "void kd_kshim(void *args) {\n  kd_value *a = args;\n  (void)a;\n  kd_target(");
    for (int i = 0; i < s->nparams; i++)
        sb_printf(&sb, "%s(%s)a[%d].%s", i ? ", " : "", sig_kind_ctype(s->params[i].kind), i, ffi_value_field(s->params[i].kind));
    sb_puts(&sb, ");\n}\n");
    return sb_steal(&sb);
}

static void *program_symbol(void *prog, const char *name) { return tcc_program_symbol(prog, name); }

/* Worker w's copy of a side's program: worker 0 uses the one learner.fn uses. */
static tcc_program *program_for(lua_State *L, const char *side, int w) {
    if (w == 0) return resolver(L, side);
    int s = strcmp(side, "learner") != 0;
    if (!copies[s][w] && copy_builder) {
        cuda_sim_building_for(w);
        copies[s][w] = copy_builder(L, side);
        cuda_sim_building_for(0);
    }
    return copies[s][w];
}

/* Resolves the kernel for workers k->ncopies .. n-1; returns how many are usable. */
static int resolve(lua_State *L, cuda_kernel *k, int n) {
    for (int w = k->ncopies; w < n; w++) {
        tcc_program *prog = program_for(L, k->side, w);
        if (!prog) break;
        void *addr = tcc_program_symbol(prog, k->sig.name);
        if (!addr) {
            lua_pushfstring(L, "%s does not define the kernel `%s`; expected: __global__ %s",
                            !strcmp(k->side, "learner") ? "your file" : k->side, k->sig.name, k->decl);
            ffi_raise_failure(L, lua_tostring(L, -1));
        }
        if (cuda_program_init(&k->progs[w], program_symbol, prog) < 0)
            luaL_error(L, "cuda: the %s program was not compiled as CUDA (set engine = \"cuda\" in lesson.lua)", k->side);
        char *src = shim_source(&k->sig), *diag = NULL;
        tcc_symbol syms[] = {{"kd_target", addr}, {NULL, NULL}};
        tcc_options o = {.tcc_dir = shim_tcc_dir, .symbols = syms};
        tcc_unit u = {"kdojo-kernel-shim.c", src};
        k->shim_progs[w] = tcc_program_build(&o, &u, 1, &diag);
        free(src);
        if (!k->shim_progs[w]) {
            lua_pushfstring(L, "kdojo: cannot build a launch shim for '%s': %s", k->decl, diag);
            free(diag);
            lua_error(L);
        }
        free(diag);
        k->calls[w] = (cuda_kernel_call)tcc_program_symbol(k->shim_progs[w], "kd_kshim");
        k->ncopies = w + 1;
    }
    return k->ncopies < n ? k->ncopies : n;
}

/* kd.cuda_kernel(side, declaration) -> kernel */
static int cuda_kernel_new(lua_State *L) {
    const char *side = luaL_checkstring(L, 1), *decl = luaL_checkstring(L, 2);
    cuda_kernel *k = lua_newuserdatauv(L, sizeof *k, 0);
    memset(k, 0, sizeof *k);
    char err[160];
    if (signature_parse(decl, &k->sig, err, sizeof err) < 0) return luaL_error(L, "cuda.kernel: %s", err);
    if (k->sig.ret.kind != K_VOID) return luaL_error(L, "cuda.kernel: a kernel returns void: %s", decl);
    snprintf(k->side, sizeof k->side, "%s", side);
    snprintf(k->decl, sizeof k->decl, "%s", decl);
    luaL_setmetatable(L, KERNEL_MT);
    return 1;
}

static int kernel_gc(lua_State *L) {
    cuda_kernel *k = luaL_checkudata(L, 1, KERNEL_MT);
    for (int w = 0; w < k->ncopies; w++) tcc_program_free(k->shim_progs[w]);
    k->ncopies = 0;
    return 0;
}

static int kernel_tostring(lua_State *L) {
    cuda_kernel *k = luaL_checkudata(L, 1, KERNEL_MT);
    lua_pushfstring(L, "%s kernel: %s", k->side, k->decl);
    return 1;
}

/* ---------------------------------------------------------------- arguments */

static int kinds_compatible(sig_kind want, sig_kind have) {
    if (want == K_VOID || want == have) return 1;
    int wi = want != K_F32 && want != K_F64, hi = have != K_F32 && have != K_F64;
    return wi && hi && sig_kind_size(want) == sig_kind_size(have);
}

static kd_value to_value(lua_State *L, const cuda_kernel *k, int i, int idx) {
    const sig_type *t = &k->sig.params[i];
    kd_value v = {0};
    int ty = lua_type(L, idx);
    kd_buffer *b;
    if (t->kind == K_PTR) {
        if (ty == LUA_TNIL) v.p = NULL;
        else if ((b = buffer_test(L, idx)) && kinds_compatible(t->pointee, b->kind)) v.p = b->data;
        else luaL_error(L, "%s: argument %d (%s) is %s, but the grader passed %s%s", k->sig.name, i + 1, t->name, t->text,
                        b ? "a buffer of " : "", b ? sig_kind_name(b->kind) : lua_typename(L, ty));
        return v;
    }
    if (ty != LUA_TNUMBER) luaL_error(L, "%s: argument %d (%s) is a number, the grader passed %s", k->sig.name, i + 1, t->name, lua_typename(L, ty));
    if (t->kind == K_F32) v.f = (float)lua_tonumber(L, idx);
    else if (t->kind == K_F64) v.d = lua_tonumber(L, idx);
    else {
        int isint;
        v.i = (long long)lua_tointegerx(L, idx, &isint);
        if (!isint) luaL_error(L, "%s: argument %d (%s) is an integer, the grader passed a fraction", k->sig.name, i + 1, t->name);
    }
    return v;
}

unsigned cuda_dim_field(lua_State *L, int t, const char *key, int i) {
    lua_getfield(L, t, key);
    unsigned v = 1;
    if (lua_istable(L, -1)) {
        lua_rawgeti(L, -1, i);
        if (!lua_isnil(L, -1)) v = (unsigned)luaL_checkinteger(L, -1);
        lua_pop(L, 1);
    } else if (i == 1 && !lua_isnil(L, -1)) {
        v = (unsigned)luaL_checkinteger(L, -1);
    }
    lua_pop(L, 1);
    return v;
}

static void read_cfg(lua_State *L, int t, cuda_launch_cfg *c, int *race, int *count_reads) {
    luaL_checktype(L, t, LUA_TTABLE);
    memset(c, 0, sizeof *c);
    c->grid = (cuda_dim3){cuda_dim_field(L, t, "grid", 1), cuda_dim_field(L, t, "grid", 2), cuda_dim_field(L, t, "grid", 3)};
    c->block = (cuda_dim3){cuda_dim_field(L, t, "block", 1), cuda_dim_field(L, t, "block", 2), cuda_dim_field(L, t, "block", 3)};
    lua_getfield(L, t, "shared");
    c->shared = (size_t)luaL_optinteger(L, -1, 0);
    lua_getfield(L, t, "race_check");
    *race = lua_isnil(L, -1) ? 1 : lua_toboolean(L, -1);
    lua_getfield(L, t, "count_reads");
    *count_reads = lua_toboolean(L, -1);
    lua_pop(L, 3);
}

/* ---------------------------------------------------------------- the race check */

typedef struct {
    kd_buffer *b;
    size_t bytes;
    char *before, *first;   /* contents before the launch, and after the first schedule */
} snapshot;

static int collect_buffers(lua_State *L, int first, int n, snapshot *s, int max) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        kd_buffer *b = buffer_test(L, first + i);
        if (!b) continue;
        int dup = 0;
        for (int j = 0; j < count; j++) dup |= s[j].b == b;
        if (dup || count == max) continue;
        s[count].b = b;
        s[count].bytes = b->n * (size_t)b->esize;
        s[count].before = xmalloc(s[count].bytes + 1);
        s[count].first = xmalloc(s[count].bytes + 1);
        memcpy(s[count].before, b->data, s[count].bytes);
        count++;
    }
    return count;
}

static double element(const kd_buffer *b, const char *base, size_t i) {
    const char *p = base + i * (size_t)b->esize;
    switch (b->kind) {
    case K_F32: return *(const float *)p;
    case K_F64: return *(const double *)p;
    case K_I8: return *(const int8_t *)p;
    case K_U8: case K_BOOL: return *(const uint8_t *)p;
    case K_I16: return *(const int16_t *)p;
    case K_U16: return *(const uint16_t *)p;
    case K_I32: return *(const int32_t *)p;
    case K_U32: return *(const uint32_t *)p;
    case K_I64: return (double)*(const int64_t *)p;
    default: return (double)*(const uint64_t *)p;
    }
}

/* First element that differs between the two schedules, or -1. */
static long long first_difference(const snapshot *s, int tolerant, double *a, double *b) {
    if (!memcmp(s->first, s->b->data, s->bytes)) return -1;
    int fl = s->b->kind == K_F32 || s->b->kind == K_F64;
    for (size_t i = 0; i < s->b->n; i++) {
        *a = element(s->b, s->first, i);
        *b = element(s->b, s->b->data, i);
        if (memcmp(s->first + i * (size_t)s->b->esize, (char *)s->b->data + i * (size_t)s->b->esize, (size_t)s->b->esize) == 0) continue;
        if (fl && isnan(*a) && isnan(*b)) continue;
        if (fl && tolerant && fabs(*a - *b) <= 1e-6 + 1e-4 * fmax(fabs(*a), fabs(*b))) continue;
        return (long long)i;
    }
    return -1;
}

static void race_message(char *out, size_t len, const snapshot *s, long long i, double a, double b) {
    char va[48], vb[48];
    snprintf(va, sizeof va, isnan(a) ? "nan (an unwritten shared slot?)" : "%.9g", a);
    snprintf(vb, sizeof vb, isnan(b) ? "nan (an unwritten shared slot?)" : "%.9g", b);
    snprintf(out, len,
             "a race: %s[%lld] is %s when the threads run in one order and %s in another, so the result "
             "depends on timing. Some thread reads memory another writes with no __syncthreads() between "
             "them, or two threads write one element without an atomic",
             s->b->name, i, va, vb);
}

/* Runs the launch twice, threads and blocks in opposite orders, and compares every buffer. */
static int launch_checked(cuda_kernel *k, int n, kd_value *args, cuda_launch_cfg *cfg, snapshot *s, int ns, char *err, size_t len) {
    cuda_sim_take_float_atomics();
    cfg->reverse = 0;
    cuda_sim_counting(1);
    int first = cuda_sim_launch(k->progs, k->calls, n, args, cfg, err, len);
    cuda_sim_counting(0);
    if (first < 0) return -1;
    for (int j = 0; j < ns; j++) {
        memcpy(s[j].first, s[j].b->data, s[j].bytes);
        memcpy(s[j].b->data, s[j].before, s[j].bytes);
    }
    cuda_sim_unwatch(); /* the writers recorded are those of the first schedule, whose results stay */
    cfg->reverse = 1;
    /* The kernel's printf output was shown once, by the first schedule: silence the second. */
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0) dup2(null, 1);
    int rc = cuda_sim_launch(k->progs, k->calls, n, args, cfg, err, len);
    fflush(stdout);
    if (saved >= 0 && null >= 0) dup2(saved, 1);
    if (saved >= 0) close(saved);
    if (null >= 0) close(null);
    int tolerant = cuda_sim_take_float_atomics();
    for (int j = 0; j < ns && rc == 0; j++) {
        double a, b;
        long long i = first_difference(&s[j], tolerant, &a, &b);
        if (i >= 0) {
            race_message(err, len, &s[j], i, a, b);
            rc = -1;
        }
    }
    for (int j = 0; j < ns; j++) memcpy(s[j].b->data, s[j].first, s[j].bytes);
    return rc;
}

/* ---------------------------------------------------------------- writers of small outputs */

#define WATCH_MAX_ELEMENTS 4096
#define WATCH_MAX_THREADS 65536

typedef struct {
    int arg;              /* kernel argument position, 1-based */
    size_t n;
    unsigned *writers;
} watch_entry;

/* Watches the buffers passed for non-const pointer parameters (the outputs; inputs are read
   only, and comparing them would also count as reads of them). */
static int watch_buffers(lua_State *L, const cuda_kernel *k, int first, int nargs, watch_entry *we, int max) {
    int count = 0;
    for (int i = 0; i < nargs && count < max; i++) {
        kd_buffer *b = buffer_test(L, first + i);
        if (!b || b->n == 0 || b->n > WATCH_MAX_ELEMENTS || k->sig.params[i].is_const) continue;
        int dup = 0;
        for (int j = 0; j < i; j++) dup |= buffer_test(L, first + j) == b;
        if (dup) continue;
        we[count] = (watch_entry){i + 1, b->n, xmalloc(b->n * sizeof(unsigned))};
        if (cuda_sim_watch(b->data, b->n, b->esize, we[count].writers) < 0) {
            free(we[count].writers);
            break;
        }
        count++;
    }
    return count;
}

/* Pushes {[arg] = {[element] = block * 1024 + thread, ...}, ...} and frees the entries. */
static void push_writers(lua_State *L, watch_entry *we, int n) {
    lua_createtable(L, 0, n);
    for (int k = 0; k < n; k++) {
        lua_createtable(L, 0, 0);
        for (size_t i = 0; i < we[k].n; i++) {
            if (we[k].writers[i] == ~0u) continue;
            lua_pushinteger(L, (lua_Integer)we[k].writers[i]);
            lua_rawseti(L, -2, (lua_Integer)i);
        }
        lua_rawseti(L, -2, we[k].arg);
        free(we[k].writers);
    }
}

/* ---------------------------------------------------------------- reads of inputs */

typedef struct {
    int arg;
    cuda_read_count count;
} read_entry;

/* Registers the buffers passed for const pointer parameters (the inputs). */
static int count_inputs(lua_State *L, const cuda_kernel *k, int first, int nargs, read_entry *re, int max) {
    int count = 0;
    for (int i = 0; i < nargs && count < max; i++) {
        kd_buffer *b = buffer_test(L, first + i);
        if (!b || !k->sig.params[i].is_const || b->n == 0) continue;
        re[count].arg = i + 1;
        if (cuda_sim_count_reads(b->data, b->n, b->esize, &re[count].count) < 0) break;
        count++;
    }
    return count;
}

/* Pushes {[arg] = {most =, element =, block =, thread =}, ...}. */
static void push_reads(lua_State *L, const read_entry *re, int n) {
    lua_createtable(L, 0, n);
    for (int k = 0; k < n; k++) {
        lua_createtable(L, 0, 4);
        lua_pushinteger(L, re[k].count.most);
        lua_setfield(L, -2, "most");
        lua_pushinteger(L, re[k].count.element);
        lua_setfield(L, -2, "element");
        lua_pushinteger(L, re[k].count.block);
        lua_setfield(L, -2, "block");
        lua_pushinteger(L, re[k].count.thread);
        lua_setfield(L, -2, "thread");
        lua_rawseti(L, -2, re[k].arg);
    }
}

/* kd.cuda_launch(kernel, {grid=, block=, shared=, race_check=, count_reads=}, args...) -> writers, reads
   reads (with count_reads, small launches): for each input buffer, the most times one block
   read one element, which element, and the block and thread (linear) of the last such read.
   writers[arg][i]: which thread last changed element i of the argument's buffer (small
   launches and buffers only), as block * 1024 + thread in linear indices. */
static int cuda_launch_lua(lua_State *L) {
    cuda_kernel *k = luaL_checkudata(L, 1, KERNEL_MT);
    cuda_launch_cfg cfg;
    int race, counting;
    read_cfg(L, 2, &cfg, &race, &counting);
    int nargs = lua_gettop(L) - 2;
    if (nargs != k->sig.nparams)
        return luaL_error(L, "%s takes %d argument%s (%s), the grader passed %d", k->sig.name, k->sig.nparams,
                          k->sig.nparams == 1 ? "" : "s", k->decl, nargs);
    unsigned long long blocks = (unsigned long long)cfg.grid.x * cfg.grid.y * cfg.grid.z;
    int n = cuda_sim_workers();
    if ((unsigned long long)n > blocks) n = blocks ? (int)blocks : 1;
    unsigned long long threads = blocks * cfg.block.x * cfg.block.y * cfg.block.z;
    watch_entry we[4];
    int nw = 0;
    if (threads <= WATCH_MAX_THREADS) n = 1; /* small launches: one worker, writers recorded */
    n = resolve(L, k, n);
    kd_value args[SIG_MAX_PARAMS];
    for (int i = 0; i < nargs; i++) args[i] = to_value(L, k, i, i + 3);
    if (threads <= WATCH_MAX_THREADS) nw = watch_buffers(L, k, 3, nargs, we, 4);
    read_entry re[4];
    int nr = 0;
    if (counting && threads <= WATCH_MAX_THREADS) nr = count_inputs(L, k, 3, nargs, re, 4);
    char err[1024];
    int rc;
    if (race) {
        snapshot s[SIG_MAX_PARAMS];
        int ns = collect_buffers(L, 3, nargs, s, SIG_MAX_PARAMS);
        rc = launch_checked(k, n, args, &cfg, s, ns, err, sizeof err);
        for (int j = 0; j < ns; j++) {
            free(s[j].before);
            free(s[j].first);
        }
    } else {
        cuda_sim_counting(1);
        rc = cuda_sim_launch(k->progs, k->calls, n, args, &cfg, err, sizeof err);
        cuda_sim_counting(0);
    }
    cuda_sim_unwatch();
    push_writers(L, we, nw);
    push_reads(L, re, nr);
    if (rc < 0) {
        lua_pushstring(L, err);
        return ffi_raise_failure(L, lua_tostring(L, -1));
    }
    return 2;
}

/* kd.cuda_shared_bytes(kernel) -> bytes of static __shared__ memory in the kernel's file */
static int cuda_shared_bytes_lua(lua_State *L) {
    cuda_kernel *k = luaL_checkudata(L, 1, KERNEL_MT);
    resolve(L, k, 1);
    lua_pushinteger(L, k->progs[0].shared_start ? (lua_Integer)(k->progs[0].shared_end - k->progs[0].shared_start) : 0);
    return 1;
}

/* kd.cuda_constant(side, name) -> the value of `const int name = ...;` in that side's file */
static int cuda_constant_lua(lua_State *L) {
    const char *side = luaL_checkstring(L, 1), *name = luaL_checkstring(L, 2);
    tcc_program *prog = resolver(L, side);
    const int *p = tcc_program_symbol(prog, name);
    if (!p) {
        lua_pushfstring(L, "%s does not define the constant `%s`; keep the line `const int %s = ...;`",
                        !strcmp(side, "learner") ? "your file" : side, name, name);
        return ffi_raise_failure(L, lua_tostring(L, -1));
    }
    lua_pushinteger(L, *p);
    return 1;
}

void cuda_lua_reset(void) {
    for (int s = 0; s < 2; s++)
        for (int w = 0; w < CUDA_MAX_WORKERS; w++) {
            tcc_program_free(copies[s][w]);
            copies[s][w] = NULL;
        }
}

void cuda_lua_open(lua_State *L, ffi_resolver resolve_side, cuda_copy_builder build_copy, const char *tcc_dir) {
    resolver = resolve_side;
    copy_builder = build_copy;
    shim_tcc_dir = tcc_dir;
    static const luaL_Reg meta[] = {{"__gc", kernel_gc}, {"__tostring", kernel_tostring}, {NULL, NULL}};
    luaL_newmetatable(L, KERNEL_MT);
    luaL_setfuncs(L, meta, 0);
    lua_pop(L, 1);
    static const luaL_Reg fns[] = {
        {"cuda_kernel", cuda_kernel_new}, {"cuda_launch", cuda_launch_lua}, {"cuda_constant", cuda_constant_lua},
        {"cuda_shared_bytes", cuda_shared_bytes_lua},
        {NULL, NULL},
    };
    luaL_setfuncs(L, fns, 0);
}
