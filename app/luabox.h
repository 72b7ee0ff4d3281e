/* luabox: a sandboxed Lua 5.4 state for lesson.lua and grade.lua.
   No os.execute, io, package.loadlib, debug or binary chunks; `require` reaches only the
   graders/ directory; memory and instruction budgets turn runaway scripts into errors. */
#ifndef KDOJO_LUABOX_H
#define KDOJO_LUABOX_H

#include <lua.h>
#include <stddef.h>

/* graders_dir may be NULL: then `require` is absent (lesson.lua needs none). */
lua_State *luabox_new(size_t mem_limit, const char *graders_dir);
void luabox_close(lua_State *L);

/* The instruction budget for what runs next (0 = unlimited); counted in steps of 1000. */
void luabox_set_budget(lua_State *L, long long instructions);

/* Loads text (never bytecode) as chunk `name`; on error leaves a message on the stack. */
int luabox_load(lua_State *L, const char *text, size_t len, const char *name);

/* lua_pcall with a traceback handler; the error value stays on the stack on failure. */
int luabox_pcall(lua_State *L, int nargs, int nresults);

/* Turns the error on top of the stack into a malloc'ed string (tables with `message` too). */
char *luabox_error_text(lua_State *L);

#endif
