/* buffer: typed arrays for graders with guard pages that name out-of-bounds accesses. */
#include "buffer.h"
#include "util.h"

#include <lauxlib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---------------------------------------------------------------- fault registry */

#define MAX_SLOTS 4096
static struct {
    uintptr_t data, end, map, map_end;
    size_t n;
    int esize;
    const char *kind;
    char name[32];
    int used;
} slots[MAX_SLOTS];

static int slot_take(kd_buffer *b) {
    for (int i = 0; i < MAX_SLOTS; i++) {
        if (slots[i].used) continue;
        slots[i].data = (uintptr_t)b->data;
        slots[i].end = (uintptr_t)b->data + b->n * (size_t)b->esize;
        slots[i].map = (uintptr_t)b->map;
        slots[i].map_end = (uintptr_t)b->map + b->map_len;
        slots[i].n = b->n;
        slots[i].esize = b->esize;
        slots[i].kind = sig_kind_name(b->kind);
        memcpy(slots[i].name, b->name, sizeof slots[i].name);
        slots[i].used = 1;
        return i;
    }
    return -1;
}

/* Minimal formatting that is safe inside a signal handler. */
static void put_str(char **p, char *end, const char *s) {
    while (*s && *p < end - 1) *(*p)++ = *s++;
    **p = 0;
}

static void put_num(char **p, char *end, long long v) {
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? (unsigned long long)(-v) : (unsigned long long)v;
    do tmp[n++] = (char)('0' + u % 10); while ((u /= 10) && n < 23);
    if (v < 0) tmp[n++] = '-';
    while (n && *p < end - 1) *(*p)++ = tmp[--n];
    **p = 0;
}

int buffer_describe_fault(const void *addr, char *out, size_t len) {
    uintptr_t a = (uintptr_t)addr;
    for (int i = 0; i < MAX_SLOTS; i++) {
        if (!slots[i].used || a < slots[i].map || a >= slots[i].map_end) continue;
        char *p = out, *end = out + len;
        long long index = a >= slots[i].data ? (long long)((a - slots[i].data) / (uintptr_t)slots[i].esize)
                                             : -(long long)((slots[i].data - a + (uintptr_t)slots[i].esize - 1) / (uintptr_t)slots[i].esize);
        put_str(&p, end, a >= slots[i].end ? "past the end of buffer '" : "before the start of buffer '");
        put_str(&p, end, slots[i].name);
        put_str(&p, end, "' (");
        put_str(&p, end, slots[i].kind);
        put_str(&p, end, "[");
        put_num(&p, end, (long long)slots[i].n);
        put_str(&p, end, "]): element index ");
        put_num(&p, end, index);
        if (slots[i].n) {
            put_str(&p, end, ", valid indices are 0..");
            put_num(&p, end, (long long)slots[i].n - 1);
        } else {
            put_str(&p, end, ", and the buffer is empty");
        }
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- allocation */

static sig_kind buffer_kind_from_name(const char *name, int *ok) {
    static const struct { const char *n; sig_kind k; } kinds[] = {
        {"f32", K_F32}, {"f64", K_F64}, {"i8", K_I8}, {"u8", K_U8}, {"i16", K_I16}, {"u16", K_U16},
        {"i32", K_I32}, {"u32", K_U32}, {"i64", K_I64}, {"u64", K_U64}, {"char", K_I8}, {"bool", K_BOOL},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(kinds[i].n, name)) { *ok = 1; return kinds[i].k; }
    *ok = 0;
    return K_VOID;
}

/* Maps [pages][guard]; the data ends where the guard begins (less the alignment slack). */
static int buffer_alloc(kd_buffer *b, size_t align) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t bytes = b->n * (size_t)b->esize;
    size_t data_pages = (bytes + page - 1) / page;
    b->map_len = (data_pages + 1) * page;
    b->map = mmap(NULL, b->map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (b->map == MAP_FAILED) { b->map = NULL; return -1; }
    char *guard = (char *)b->map + data_pages * page;
    mprotect(guard, page, PROT_NONE);
    uintptr_t start = (uintptr_t)guard - bytes;
    start &= ~(uintptr_t)(align - 1);
    b->data = (void *)start;
    return 0;
}

int buffer_new_lua(lua_State *L) {
    int ok;
    sig_kind k = buffer_kind_from_name(luaL_checkstring(L, 1), &ok);
    if (!ok) return luaL_argerror(L, 1, "unknown buffer type (f32 f64 i8 u8 i16 u16 i32 u32 i64 u64 char bool)");
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n >= 0 && n <= ((lua_Integer)1 << 34), 2, "buffer size out of range");
    /* By default the data ends exactly at the guard page, so one element past the end faults. */
    size_t align = 0;
    const char *name = "buf";
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "align");
        if (!lua_isnil(L, -1)) align = (size_t)luaL_checkinteger(L, -1);
        lua_getfield(L, 3, "name");
        if (!lua_isnil(L, -1)) name = luaL_checkstring(L, -1);
        lua_pop(L, 2);
    }
    luaL_argcheck(L, !(align & (align - 1)) && align <= 4096, 3, "align must be a power of two up to 4096");
    kd_buffer *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    b->slot = -1;
    b->n = (size_t)n;
    b->kind = k;
    b->esize = sig_kind_size(k);
    snprintf(b->name, sizeof b->name, "%s", name);
    if (buffer_alloc(b, align < (size_t)b->esize ? (size_t)b->esize : align) < 0)
        return luaL_error(L, "cannot allocate a %s buffer of %d elements", sig_kind_name(k), (int)n);
    b->slot = slot_take(b);
    luaL_setmetatable(L, BUFFER_MT);
    return 1;
}

kd_buffer *buffer_check(lua_State *L, int idx) { return luaL_checkudata(L, idx, BUFFER_MT); }
kd_buffer *buffer_test(lua_State *L, int idx) { return luaL_testudata(L, idx, BUFFER_MT); }

/* ---------------------------------------------------------------- element access */

static size_t check_index(lua_State *L, kd_buffer *b, int idx) {
    lua_Integer i = luaL_checkinteger(L, idx);
    if (i < 0 || (size_t)i >= b->n)
        luaL_error(L, "index %d out of range for buffer '%s' (%s[%d], indices start at 0)", (int)i, b->name,
                   sig_kind_name(b->kind), (int)b->n);
    return (size_t)i;
}

void buffer_push_element(lua_State *L, const kd_buffer *b, size_t i) {
    const char *p = (const char *)b->data + i * (size_t)b->esize;
    switch (b->kind) {
    case K_F32: lua_pushnumber(L, *(const float *)p); break;
    case K_F64: lua_pushnumber(L, *(const double *)p); break;
    case K_I8: lua_pushinteger(L, *(const int8_t *)p); break;
    case K_U8: lua_pushinteger(L, *(const uint8_t *)p); break;
    case K_BOOL: lua_pushboolean(L, *(const uint8_t *)p); break;
    case K_I16: lua_pushinteger(L, *(const int16_t *)p); break;
    case K_U16: lua_pushinteger(L, *(const uint16_t *)p); break;
    case K_I32: lua_pushinteger(L, *(const int32_t *)p); break;
    case K_U32: lua_pushinteger(L, *(const uint32_t *)p); break;
    case K_I64: case K_U64: lua_pushinteger(L, *(const int64_t *)p); break;
    default: lua_pushnil(L);
    }
}

static void store_element(lua_State *L, kd_buffer *b, size_t i, int vidx) {
    char *p = (char *)b->data + i * (size_t)b->esize;
    switch (b->kind) {
    case K_F32: *(float *)p = (float)luaL_checknumber(L, vidx); break;
    case K_F64: *(double *)p = luaL_checknumber(L, vidx); break;
    case K_BOOL: *(uint8_t *)p = (uint8_t)lua_toboolean(L, vidx); break;
    default: {
        lua_Integer v = lua_isboolean(L, vidx) ? lua_toboolean(L, vidx) : luaL_checkinteger(L, vidx);
        switch (b->kind) {
        case K_I8: case K_U8: *(uint8_t *)p = (uint8_t)v; break;
        case K_I16: case K_U16: *(uint16_t *)p = (uint16_t)v; break;
        case K_I32: case K_U32: *(uint32_t *)p = (uint32_t)v; break;
        default: *(int64_t *)p = (int64_t)v;
        }
    }
    }
}

static int buf_index(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        buffer_push_element(L, b, check_index(L, b, 2));
        return 1;
    }
    luaL_getmetatable(L, BUFFER_MT);
    lua_getfield(L, -1, "methods");
    lua_getfield(L, -1, luaL_checkstring(L, 2));
    return 1;
}

static int buf_newindex(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    store_element(L, b, check_index(L, b, 2), 3);
    return 0;
}

static int buf_len(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)buffer_check(L, 1)->n);
    return 1;
}

static int buf_gc(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    if (b->slot >= 0) slots[b->slot].used = 0;
    if (b->map) munmap(b->map, b->map_len);
    b->map = b->data = NULL;
    b->n = 0; /* b:free() leaves the userdata alive: later use must see an empty buffer, not NULL[i] */
    b->slot = -1;
    return 0;
}

static int buf_tostring(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    lua_pushfstring(L, "%s buffer '%s' [%d]", sig_kind_name(b->kind), b->name, (int)b->n);
    return 1;
}

/* ---------------------------------------------------------------- comparing */

static int is_float_kind(sig_kind k) { return k == K_F32 || k == K_F64; }

static int64_t int_at(const kd_buffer *b, size_t i) {
    const char *p = (const char *)b->data + i * (size_t)b->esize;
    switch (b->kind) {
    case K_I8: return *(const int8_t *)p;
    case K_U8: case K_BOOL: return *(const uint8_t *)p;
    case K_I16: return *(const int16_t *)p;
    case K_U16: return *(const uint16_t *)p;
    case K_I32: return *(const int32_t *)p;
    case K_U32: return *(const uint32_t *)p;
    default: return *(const int64_t *)p;
    }
}

static double double_at(const kd_buffer *b, size_t i) {
    const char *p = (const char *)b->data + i * (size_t)b->esize;
    if (b->kind == K_F32) return *(const float *)p;
    if (b->kind == K_F64) return *(const double *)p;
    return (double)int_at(b, i);
}

size_t buffer_compare(const kd_buffer *got, const kd_buffer *want, double rtol, double atol, size_t *count) {
    size_t first = SIZE_MAX, n = got->n < want->n ? got->n : want->n;
    *count = 0;
    int ints = !is_float_kind(got->kind) && !is_float_kind(want->kind);
    for (size_t i = 0; i < n; i++) {
        int same;
        if (ints) same = int_at(got, i) == int_at(want, i);
        else {
            double g = double_at(got, i), w = double_at(want, i);
            same = g == w || (isnan(g) && isnan(w)) || fabs(g - w) <= atol + rtol * fabs(w);
        }
        if (!same) {
            if (first == SIZE_MAX) first = i;
            ++*count;
        }
    }
    return first;
}

/* ---------------------------------------------------------------- methods */

/* b:set(table [, start]) copies a Lua list (1-based) into elements start.. (0-based). */
static int m_set(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer start = luaL_optinteger(L, 3, 0);
    lua_Integer n = luaL_len(L, 2);
    if (start < 0 || (size_t)(start + n) > b->n) return luaL_error(L, "set: %d values do not fit in '%s'", (int)n, b->name);
    for (lua_Integer i = 0; i < n; i++) {
        lua_geti(L, 2, i + 1);
        store_element(L, b, (size_t)(start + i), -1);
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    return 1;
}

/* b:totable([first, count]) returns a 1-based Lua list. */
static int m_totable(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    lua_Integer first = luaL_optinteger(L, 2, 0);
    lua_Integer count = luaL_optinteger(L, 3, (lua_Integer)b->n - first);
    if (first < 0 || count < 0 || (size_t)(first + count) > b->n) return luaL_error(L, "totable: range out of bounds");
    lua_createtable(L, (int)count, 0);
    for (lua_Integer i = 0; i < count; i++) {
        buffer_push_element(L, b, (size_t)(first + i));
        lua_seti(L, -2, i + 1);
    }
    return 1;
}

/* b:fill(v) sets every element to v. */
static int m_fill(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    if (b->n) store_element(L, b, 0, 2);
    for (size_t i = 1; i < b->n; i++) memcpy((char *)b->data + i * (size_t)b->esize, b->data, (size_t)b->esize);
    lua_settop(L, 1);
    return 1;
}

/* xoshiro256** seeded by splitmix64: fast, good, reproducible everywhere. */
typedef struct { uint64_t s[4]; } rng;
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t rng_next(rng *r) {
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return out;
}
static void rng_seed(rng *r, uint64_t seed) {
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        r->s[i] = z ^ (z >> 31);
    }
}

/* b:random(seed, lo, hi): uniform values; integers in [lo, hi], floats in [lo, hi). */
static int m_random(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    rng r;
    rng_seed(&r, (uint64_t)luaL_checkinteger(L, 2));
    int is_float = b->kind == K_F32 || b->kind == K_F64;
    double lo = luaL_optnumber(L, 3, is_float ? -1.0 : 0.0), hi = luaL_optnumber(L, 4, is_float ? 1.0 : 100.0);
    if (hi < lo) return luaL_error(L, "random: hi (%f) is below lo (%f)", hi, lo);
    uint64_t span = (uint64_t)(hi - lo) + 1;
    for (size_t i = 0; i < b->n; i++) {
        uint64_t x = rng_next(&r);
        char *p = (char *)b->data + i * (size_t)b->esize;
        if (b->kind == K_F32) *(float *)p = (float)(lo + (hi - lo) * ((double)(x >> 11) * 0x1.0p-53));
        else if (b->kind == K_F64) *(double *)p = lo + (hi - lo) * ((double)(x >> 11) * 0x1.0p-53);
        else {
            int64_t v = (int64_t)lo + (int64_t)(span ? x % span : x);
            switch (b->esize) {
            case 1: *(uint8_t *)p = (uint8_t)v; break;
            case 2: *(uint16_t *)p = (uint16_t)v; break;
            case 4: *(uint32_t *)p = (uint32_t)v; break;
            default: *(int64_t *)p = v;
            }
        }
    }
    lua_settop(L, 1);
    return 1;
}

/* b:copy([name]) returns a new buffer with the same contents. */
static int m_copy(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    const char *name = luaL_optstring(L, 2, b->name);
    lua_pushcfunction(L, buffer_new_lua);
    lua_pushstring(L, sig_kind_name(b->kind));
    lua_pushinteger(L, (lua_Integer)b->n);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
    lua_call(L, 3, 1);
    kd_buffer *c = buffer_check(L, -1);
    memcpy(c->data, b->data, b->n * (size_t)b->esize);
    return 1;
}

/* b:ptr([index]) is a light pointer to element index (default 0), for offset/unaligned tests. */
static int m_ptr(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 0);
    if (i < 0 || (size_t)i > b->n) return luaL_error(L, "ptr: index %d outside '%s'", (int)i, b->name);
    lua_pushlightuserdata(L, (char *)b->data + (size_t)i * (size_t)b->esize);
    return 1;
}

/* b:string() reads a NUL-terminated string from a char/u8 buffer (bounded by its size). */
static int m_string(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    size_t bytes = b->n * (size_t)b->esize;
    const char *p = b->data;
    size_t n = strnlen(p, bytes);
    lua_pushlstring(L, p, n);
    return 1;
}

/* b:set_string(s) copies s and a terminating NUL. */
static int m_set_string(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    if (n + 1 > b->n * (size_t)b->esize) return luaL_error(L, "set_string: %d bytes do not fit in '%s'", (int)n + 1, b->name);
    memcpy(b->data, s, n + 1);
    lua_settop(L, 1);
    return 1;
}

static int m_kind(lua_State *L) {
    lua_pushstring(L, sig_kind_name(buffer_check(L, 1)->kind));
    return 1;
}

static int m_name(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    if (lua_isnoneornil(L, 2)) {
        lua_pushstring(L, b->name);
        return 1;
    }
    snprintf(b->name, sizeof b->name, "%s", luaL_checkstring(L, 2));
    if (b->slot >= 0) memcpy(slots[b->slot].name, b->name, sizeof b->name);
    lua_settop(L, 1);
    return 1;
}

/* b:sum(): integers summed exactly in 64 bits, floats in double precision. */
static int m_sum(lua_State *L) {
    kd_buffer *b = buffer_check(L, 1);
    double s = 0;
    long long si = 0;
    for (size_t i = 0; i < b->n; i++) {
        const char *p = (const char *)b->data + i * (size_t)b->esize;
        switch (b->kind) {
        case K_F32: s += *(const float *)p; break;
        case K_F64: s += *(const double *)p; break;
        case K_I8: si += *(const int8_t *)p; break;
        case K_U8: case K_BOOL: si += *(const uint8_t *)p; break;
        case K_I16: si += *(const int16_t *)p; break;
        case K_U16: si += *(const uint16_t *)p; break;
        case K_I32: si += *(const int32_t *)p; break;
        case K_U32: si += *(const uint32_t *)p; break;
        default: si += *(const int64_t *)p;
        }
    }
    if (b->kind == K_F32 || b->kind == K_F64) lua_pushnumber(L, s);
    else lua_pushinteger(L, si);
    return 1;
}

void buffer_open(lua_State *L) {
    static const luaL_Reg meta[] = {
        {"__index", buf_index}, {"__newindex", buf_newindex}, {"__len", buf_len},
        {"__gc", buf_gc},       {"__close", buf_gc},          {"__tostring", buf_tostring},
        {NULL, NULL},
    };
    static const luaL_Reg methods[] = {
        {"set", m_set},   {"totable", m_totable}, {"fill", m_fill}, {"random", m_random},
        {"copy", m_copy}, {"ptr", m_ptr},         {"string", m_string}, {"set_string", m_set_string},
        {"kind", m_kind}, {"name", m_name},       {"sum", m_sum}, {"free", buf_gc},
        {NULL, NULL},
    };
    luaL_newmetatable(L, BUFFER_MT);
    luaL_setfuncs(L, meta, 0);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "methods");
    lua_pop(L, 1);
}
