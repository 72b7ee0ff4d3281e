/* ffi: calls C functions from Lua by their declared signature, through generated shims. */
#include "ffi.h"
#include "buffer.h"
#include "engine_tcc.h"
#include "signature.h"
#include "util.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void (*shim_fn)(kd_value *args, kd_value *ret);

typedef struct {
    signature sig;
    char side[16];
    char decl[256];
    shim_fn shim;          /* NULL until the first call resolves it */
    tcc_program *shim_prog;
} kd_fn;

#define FN_MT "kdojo.fn"
static ffi_resolver resolver;
static const char *shim_tcc_dir;
static ffi_call_observer observer;

void ffi_set_observer(ffi_call_observer obs) { observer = obs; }

const char *ffi_value_field(sig_kind k) {
    switch (k) {
    case K_F32: return "f";
    case K_F64: return "d";
    case K_PTR: return "p";
    case K_U64: return "u";
    default: return "i";
    }
}

static char *shim_source(const signature *s) {
    strbuf sb = {0};
    sb_puts(&sb, "typedef union { long long i; unsigned long long u; double d; float f; void *p; } kd_value;\n");
    sb_printf(&sb, "extern %s kd_target(", sig_kind_ctype(s->ret.kind));
    for (int i = 0; i < s->nparams; i++) sb_printf(&sb, "%s%s", i ? ", " : "", sig_kind_ctype(s->params[i].kind));
    sb_puts(&sb, s->nparams ? ");\n" : "void);\n");
    sb_puts(&sb, "void kd_shim(kd_value *a, kd_value *r) {\n  ");
    if (s->ret.kind != K_VOID) sb_printf(&sb, "r->%s = ", ffi_value_field(s->ret.kind));
    sb_puts(&sb, "kd_target(");
    for (int i = 0; i < s->nparams; i++)
        sb_printf(&sb, "%s(%s)a[%d].%s", i ? ", " : "", sig_kind_ctype(s->params[i].kind), i, ffi_value_field(s->params[i].kind));
    sb_puts(&sb, ");\n}\n");
    return sb_steal(&sb);
}

int ffi_raise_failure(lua_State *L, const char *msg) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, msg);
    lua_setfield(L, -2, "message");
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "kdojo_failure");
    return lua_error(L);
}

static void resolve(lua_State *L, kd_fn *f) {
    tcc_program *prog = resolver(L, f->side);
    void *addr = tcc_program_symbol(prog, f->sig.name);
    if (!addr) {
        char *msg = xasprintf("%s does not define the function `%s`; expected: %s",
                              !strcmp(f->side, "learner") ? "your file" : f->side, f->sig.name, f->decl);
        lua_pushstring(L, msg);
        free(msg);
        ffi_raise_failure(L, lua_tostring(L, -1));
    }
    char *src = shim_source(&f->sig), *diag = NULL;
    tcc_symbol syms[] = {{"kd_target", addr}, {NULL, NULL}};
    tcc_options o = {.tcc_dir = shim_tcc_dir, .symbols = syms, .freestanding = 1};
    tcc_unit u = {"kdojo-shim.c", src};
    f->shim_prog = tcc_program_build(&o, &u, 1, &diag);
    free(src);
    if (!f->shim_prog) {
        lua_pushfstring(L, "kdojo: cannot build a call shim for '%s': %s", f->decl, diag);
        free(diag);
        lua_error(L);
    }
    free(diag);
    f->shim = (shim_fn)tcc_program_symbol(f->shim_prog, "kd_shim");
}

static int kinds_compatible(sig_kind want, sig_kind have) {
    if (want == K_VOID || want == have) return 1;
    int wi = want != K_F32 && want != K_F64, hi = have != K_F32 && have != K_F64;
    return wi && hi && sig_kind_size(want) == sig_kind_size(have);
}

static void arg_error(lua_State *L, kd_fn *f, int i, const char *what) {
    const sig_type *t = &f->sig.params[i];
    luaL_error(L, "%s: argument %d%s%s%s is %s, but the grader passed %s", f->sig.name, i + 1,
               t->name[0] ? " (" : "", t->name, t->name[0] ? ")" : "", t->text, what);
}

static kd_value to_value(lua_State *L, kd_fn *f, int i, int idx) {
    const sig_type *t = &f->sig.params[i];
    kd_value v = {0};
    int ty = lua_type(L, idx);
    if (t->kind == K_PTR) {
        kd_buffer *b;
        if (ty == LUA_TNIL) v.p = NULL;
        else if (ty == LUA_TLIGHTUSERDATA) v.p = lua_touserdata(L, idx);
        else if (ty == LUA_TSTRING && t->is_const) v.p = (void *)lua_tostring(L, idx);
        else if ((b = buffer_test(L, idx))) {
            if (!kinds_compatible(t->pointee, b->kind)) {
                char what[64];
                snprintf(what, sizeof what, "a %s buffer", sig_kind_name(b->kind));
                arg_error(L, f, i, what);
            }
            v.p = b->data;
        } else arg_error(L, f, i, lua_typename(L, ty));
        return v;
    }
    if (t->kind == K_BOOL) {
        v.i = lua_toboolean(L, idx);
        return v;
    }
    if (ty != LUA_TNUMBER) arg_error(L, f, i, lua_typename(L, ty));
    if (t->kind == K_F32) v.f = (float)lua_tonumber(L, idx);
    else if (t->kind == K_F64) v.d = lua_tonumber(L, idx);
    else {
        int isint;
        lua_Integer n = lua_tointegerx(L, idx, &isint);
        if (!isint) arg_error(L, f, i, "a number with a fraction");
        v.i = (long long)n;
    }
    return v;
}

static int push_return(lua_State *L, const kd_fn *f, kd_value r) {
    switch (f->sig.ret.kind) {
    case K_VOID: return 0;
    case K_F32: lua_pushnumber(L, r.f); break;
    case K_F64: lua_pushnumber(L, r.d); break;
    case K_BOOL: lua_pushboolean(L, (int)(r.i & 0xff)); break;
    case K_PTR:
        if (r.p) lua_pushlightuserdata(L, r.p);
        else lua_pushnil(L);
        break;
    default: lua_pushinteger(L, (lua_Integer)r.i);
    }
    return 1;
}

static int fn_call(lua_State *L) {
    kd_fn *f = luaL_checkudata(L, 1, FN_MT);
    int nargs = lua_gettop(L) - 1;
    if (nargs != f->sig.nparams)
        return luaL_error(L, "%s takes %d argument%s (%s), the grader passed %d", f->sig.name, f->sig.nparams,
                          f->sig.nparams == 1 ? "" : "s", f->decl, nargs);
    if (!f->shim) resolve(L, f);
    kd_value args[SIG_MAX_PARAMS], ret = {0};
    for (int i = 0; i < nargs; i++) args[i] = to_value(L, f, i, i + 2);
    if (observer) observer(L, f->side, f->decl, 2, nargs);
    f->shim(args, &ret);
    return push_return(L, f, ret);
}

static int fn_gc(lua_State *L) {
    kd_fn *f = luaL_checkudata(L, 1, FN_MT);
    tcc_program_free(f->shim_prog);
    f->shim_prog = NULL;
    f->shim = NULL;
    return 0;
}

static int fn_tostring(lua_State *L) {
    kd_fn *f = luaL_checkudata(L, 1, FN_MT);
    lua_pushfstring(L, "%s function: %s", f->side, f->decl);
    return 1;
}

int ffi_fn_lua(lua_State *L) {
    const char *side = luaL_checkstring(L, 1);
    const char *decl = luaL_checkstring(L, 2);
    kd_fn *f = lua_newuserdatauv(L, sizeof *f, 0);
    memset(f, 0, sizeof *f);
    char err[160];
    if (signature_parse(decl, &f->sig, err, sizeof err) < 0) return luaL_error(L, "fn: %s", err);
    snprintf(f->side, sizeof f->side, "%s", side);
    snprintf(f->decl, sizeof f->decl, "%s", decl);
    luaL_setmetatable(L, FN_MT);
    return 1;
}

void ffi_open(lua_State *L, ffi_resolver r, const char *tcc_dir) {
    resolver = r;
    shim_tcc_dir = tcc_dir;
    static const luaL_Reg meta[] = {{"__call", fn_call}, {"__gc", fn_gc}, {"__tostring", fn_tostring}, {NULL, NULL}};
    luaL_newmetatable(L, FN_MT);
    luaL_setfuncs(L, meta, 0);
    lua_pop(L, 1);
}
