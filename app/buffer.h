/* buffer: typed arrays for graders (f32, i32, u8, ...), shared with learner C as plain
   pointers. Each buffer ends flush against an inaccessible guard page, so writing one
   element past the end faults at once, and the fault is named: buffer, type and index. */
#ifndef KDOJO_BUFFER_H
#define KDOJO_BUFFER_H

#include "signature.h"

#include <lua.h>
#include <stddef.h>

typedef struct {
    void *data;
    size_t n;          /* elements */
    sig_kind kind;
    int esize;
    void *map;         /* the whole mapping, guard page included */
    size_t map_len;
    int slot;          /* index in the fault registry, -1 if none */
    char name[32];
} kd_buffer;

#define BUFFER_MT "kdojo.buffer"

void buffer_open(lua_State *L);                  /* registers the metatable */
kd_buffer *buffer_check(lua_State *L, int idx);  /* luaL_checkudata */
kd_buffer *buffer_test(lua_State *L, int idx);   /* NULL if not a buffer */
/* kd.buffer(kind, n [, {name=, align=}]) */
int buffer_new_lua(lua_State *L);
/* Pushes element i (0-based, unchecked) as a Lua value. */
void buffer_push_element(lua_State *L, const kd_buffer *b, size_t i);

/* Compares element by element (integers exactly; floats within atol + rtol * |want|, NaN equal
   to NaN). Returns the first differing index, or SIZE_MAX when equal; *count differing ones. */
size_t buffer_compare(const kd_buffer *got, const kd_buffer *want, double rtol, double atol, size_t *count);

/* Async-signal-safe: describes a fault address in terms of registered buffers.
   Writes into out (size len) and returns 1 when the address is near a buffer. */
int buffer_describe_fault(const void *addr, char *out, size_t len);

#endif
