/* luabox: a sandboxed Lua 5.4 state for lesson.lua and grade.lua. */
#include "luabox.h"
#include "util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t used, limit;
    long long budget, spent;
    char *graders_dir;
} box_state;

static box_state *box_of(lua_State *L) {
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

static void *box_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    box_state *b = ud;
    if (nsize == 0) {
        if (ptr) b->used -= osize;
        free(ptr);
        return NULL;
    }
    size_t old = ptr ? osize : 0;
    if (nsize > old && b->limit && b->used - old + nsize > b->limit) return NULL;
    void *p = realloc(ptr, nsize);
    if (p) b->used = b->used - old + nsize;
    return p;
}

static void box_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    box_state *b = box_of(L);
    b->spent += 1000;
    if (!b->budget || b->spent <= b->budget) return;
    /* Spent: from now on every instruction fails, so a script cannot pcall its way past. */
    lua_sethook(L, box_hook, LUA_MASKCOUNT, 1);
    /* In a hook, level 0 is the Lua function that was running: name its file and line. */
    luaL_where(L, 0);
    lua_pushfstring(L, "instruction limit reached (%I instructions): is there an endless loop?", (lua_Integer)b->budget);
    lua_concat(L, 2);
    lua_error(L);
}

void luabox_set_budget(lua_State *L, long long instructions) {
    box_state *b = box_of(L);
    b->budget = instructions;
    b->spent = 0;
    lua_sethook(L, instructions ? box_hook : NULL, instructions ? LUA_MASKCOUNT : 0, 1000);
}

/* load(text [, name [, mode [, env]]]) that refuses binary chunks. */
static int box_load_text(lua_State *L) {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    int has_env = !lua_isnone(L, 4);
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
}

static int valid_module_name(const char *name) {
    if (!*name) return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
            return 0;
    return strstr(name, "..") == NULL;
}

/* require(name): graders/<name with dots as slashes>.lua only, loaded once. */
static int box_require(lua_State *L) {
    const char *name = luaL_checkstring(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, "kdojo.loaded");
    lua_getfield(L, -1, name);
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
    if (!valid_module_name(name)) return luaL_error(L, "require: bad module name '%s'", name);
    box_state *b = box_of(L);
    char *rel = xasprintf("%s.lua", name);
    for (char *p = rel; *p && strcmp(p, ".lua"); p++)
        if (*p == '.') *p = '/';
    char *path = path_join(b->graders_dir, rel);
    size_t len;
    char *text = read_file(path, &len);
    char *chunk = xasprintf("@graders/%s", rel);
    free(rel);
    free(path);
    if (!text) {
        free(chunk);
        return luaL_error(L, "require: no module '%s' in graders/", name);
    }
    int rc = luaL_loadbufferx(L, text, len, chunk, "t");
    free(text);
    free(chunk);
    if (rc != LUA_OK) return lua_error(L);
    lua_pushstring(L, name);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    return 1;
}

static void open_safe_libs(lua_State *L) {
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},          {LUA_TABLIBNAME, luaopen_table},
        {LUA_STRLIBNAME, luaopen_string},   {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},    {LUA_COLIBNAME, luaopen_coroutine},
        {LUA_OSLIBNAME, luaopen_os},        {NULL, NULL},
    };
    for (const luaL_Reg *l = libs; l->func; l++) {
        luaL_requiref(L, l->name, l->func, 1);
        lua_pop(L, 1);
    }
    /* os keeps only what cannot touch the system. */
    lua_getglobal(L, "os");
    static const char *os_unsafe[] = {"execute", "exit", "getenv", "remove", "rename", "setlocale", "tmpname", NULL};
    for (const char **k = os_unsafe; *k; k++) {
        lua_pushnil(L);
        lua_setfield(L, -2, *k);
    }
    lua_pop(L, 1);
    static const char *base_unsafe[] = {"dofile", "loadfile", NULL};
    for (const char **k = base_unsafe; *k; k++) {
        lua_pushnil(L);
        lua_setglobal(L, *k);
    }
    lua_pushcfunction(L, box_load_text);
    lua_setglobal(L, "load");
    /* string.dump would let a script build bytecode. */
    lua_getglobal(L, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
}

lua_State *luabox_new(size_t mem_limit, const char *graders_dir) {
    box_state *b = xcalloc(1, sizeof *b);
    b->limit = mem_limit;
    b->graders_dir = graders_dir ? xstrdup(graders_dir) : NULL;
    lua_State *L = lua_newstate(box_alloc, b);
    if (!L) {
        free(b->graders_dir);
        free(b);
        return NULL;
    }
    open_safe_libs(L);
    if (graders_dir) {
        lua_newtable(L);
        lua_setfield(L, LUA_REGISTRYINDEX, "kdojo.loaded");
        lua_pushcfunction(L, box_require);
        lua_setglobal(L, "require");
    }
    return L;
}

void luabox_close(lua_State *L) {
    if (!L) return;
    box_state *b = box_of(L);
    lua_close(L);
    free(b->graders_dir);
    free(b);
}

int luabox_load(lua_State *L, const char *text, size_t len, const char *name) {
    return luaL_loadbufferx(L, text, len, name, "t");
}

static int traceback_handler(lua_State *L) {
    if (lua_type(L, 1) == LUA_TSTRING) luaL_traceback(L, L, lua_tostring(L, 1), 1);
    else lua_pushvalue(L, 1); /* structured errors (test failures) pass through untouched */
    return 1;
}

int luabox_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback_handler);
    lua_insert(L, base);
    int rc = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return rc;
}

char *luabox_error_text(lua_State *L) {
    if (lua_type(L, -1) == LUA_TTABLE) {
        lua_getfield(L, -1, "message");
        char *s = xstrdup(lua_isstring(L, -1) ? lua_tostring(L, -1) : "(error without message)");
        lua_pop(L, 1);
        return s;
    }
    const char *s = lua_tostring(L, -1);
    return xstrdup(s ? s : "(error object is not a string)");
}
