/* test_luabox: the Lua sandbox for lesson.lua and grade.lua: no io, os.execute, debug,
   loadlib, binary chunks or files; require reaches graders/ only; runaway loops and
   allocations become errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "luabox.h"
#include "util.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char graders[] = "/tmp/kdojo-luabox-XXXXXX";

static int setup(void **state) {
    (void)state;
    if (!mkdtemp(graders)) return -1;
    char *sub = path_join(graders, "util");
    mkdir_p(sub, 0755);
    char *p = path_join(graders, "helper.lua"), *q = path_join(sub, "deep.lua");
    const char *helper = "return { answer = 42 }";
    const char *deep = "local name = ...; return { name = name }";
    write_file_atomic(p, helper, strlen(helper));
    write_file_atomic(q, deep, strlen(deep));
    /* A module outside graders/ that a path trick might reach. */
    char *outside = xasprintf("%s.lua", graders);
    write_file_atomic(outside, "return 'escaped'", 16);
    free(outside);
    free(p); free(q); free(sub);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char *outside = xasprintf("%s.lua", graders);
    unlink(outside);
    free(outside);
    remove_tree(graders);
    return 0;
}

/* Runs `code` in a fresh box; returns the error text (caller frees) or NULL on success.
   On success, the first result (if a string) is copied into *result. */
static char *run(const char *code, size_t mem, long long budget, char **result) {
    lua_State *L = luabox_new(mem, graders);
    assert_non_null(L);
    luabox_set_budget(L, budget);
    char *err = NULL;
    if (luabox_load(L, code, strlen(code), "=test") != LUA_OK || luabox_pcall(L, 0, 1) != LUA_OK)
        err = luabox_error_text(L);
    else if (result)
        *result = lua_isstring(L, -1) ? xstrdup(lua_tostring(L, -1)) : NULL;
    luabox_close(L);
    return err;
}

static void expect_ok(const char *code, const char *want) {
    char *got = NULL;
    char *err = run(code, 0, 0, &got);
    if (err) fail_msg("'%s' failed: %s", code, err);
    if (want && (!got || strcmp(got, want))) fail_msg("'%s' gave '%s', expected '%s'", code, got ? got : "(nil)", want);
    free(got);
}

static void test_unsafe_globals_absent(void **state) {
    (void)state;
    expect_ok("return tostring(io)", "nil");
    expect_ok("return tostring(debug)", "nil");
    expect_ok("return tostring(package)", "nil");
    expect_ok("return tostring(dofile)", "nil");
    expect_ok("return tostring(loadfile)", "nil");
    expect_ok("return tostring(os.execute)", "nil");
    expect_ok("return tostring(os.exit)", "nil");
    expect_ok("return tostring(os.getenv)", "nil");
    expect_ok("return tostring(os.remove)", "nil");
    expect_ok("return tostring(os.rename)", "nil");
    expect_ok("return tostring(os.tmpname)", "nil");
    expect_ok("return tostring(string.dump)", "nil");
    char *e = run("return require('string')", 0, 0, NULL); /* only graders/ modules, not the host's */
    assert_non_null(e);
    free(e);
    /* What stays: the safe standard library. */
    expect_ok("return string.format('%d', math.floor(os.clock() * 0) + #table.concat({'a','b'}))", "2");
}

static void test_no_binary_chunks(void **state) {
    (void)state;
    /* The Lua 5.4 binary chunk signature, then junk. */
    expect_ok("local f, e = load('\\27Lua\\x54\\0junk'); return tostring(f) .. ' ' .. tostring(e)", NULL);
    char *got = NULL;
    char *err = run("local f, e = load('\\27Lua\\x54\\0junk'); assert(f == nil); return e", 0, 0, &got);
    assert_null(err);
    assert_non_null(got);
    assert_non_null(strstr(got, "binary"));
    free(got);
    /* Text chunks still load, with an env. */
    expect_ok("local env = { x = 5 }; return tostring(load('return x', 'c', 't', env)())", "5");
    /* The host loader refuses bytecode too. */
    lua_State *L = luabox_new(0, NULL);
    assert_int_not_equal(luabox_load(L, "\x1bLua\x54\x00", 6, "=bin"), LUA_OK);
    luabox_close(L);
}

static void test_require(void **state) {
    (void)state;
    expect_ok("return tostring(require('helper').answer)", "42");
    expect_ok("return require('util.deep').name", "util.deep");
    expect_ok("return tostring(require('helper') == require('helper'))", "true"); /* loaded once */
    char *e;
    e = run("return require('nope')", 0, 0, NULL);
    assert_non_null(e); assert_non_null(strstr(e, "no module 'nope' in graders/")); free(e);
    e = run("return require('../kdojo-luabox')", 0, 0, NULL);
    assert_non_null(e); assert_non_null(strstr(e, "bad module name")); free(e);
    e = run("return require('..kdojo')", 0, 0, NULL);
    assert_non_null(e); assert_non_null(strstr(e, "bad module name")); free(e);
    e = run("return require('/etc/passwd')", 0, 0, NULL);
    assert_non_null(e); assert_non_null(strstr(e, "bad module name")); free(e);
    /* Without a graders directory there is no require at all (lesson.lua). */
    lua_State *L = luabox_new(0, NULL);
    const char *code = "return tostring(require)";
    assert_int_equal(luabox_load(L, code, strlen(code), "=t"), LUA_OK);
    assert_int_equal(luabox_pcall(L, 0, 1), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "nil");
    luabox_close(L);
}

static void test_instruction_limit(void **state) {
    (void)state;
    char *e = run("while true do end", 0, 1000000, NULL);
    assert_non_null(e);
    assert_non_null(strstr(e, "instruction limit"));
    assert_non_null(strstr(e, "(1000000 instructions)"));
    free(e);
    /* pcall inside the script cannot swallow it: once spent, the budget stays spent, so the
       code after the pcall (and the handler) fail too. */
    e = run("for i = 1, 1000 do pcall(function() while true do end end) end return 'escaped'", 0, 1000000, NULL);
    assert_non_null(e);
    free(e);
    /* Within budget: fine. */
    expect_ok("local s = 0; for i = 1, 1000 do s = s + i end; return tostring(s)", "500500");
}

static void test_memory_limit(void **state) {
    (void)state;
    char *e = run("local t = {}; for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end", 8u << 20, 0, NULL);
    assert_non_null(e);
    assert_non_null(strstr(e, "memory"));
    free(e);
    e = run("return string.rep('x', 64 * 1024 * 1024)", 8u << 20, 0, NULL);
    assert_non_null(e);
    free(e);
    char *got = NULL;
    e = run("return tostring(#string.rep('x', 1024 * 1024))", 8u << 20, 0, &got);
    assert_null(e);
    assert_string_equal(got, "1048576");
    free(got);
}

static void test_error_text(void **state) {
    (void)state;
    char *e = run("error({ message = 'structured failure' })", 0, 0, NULL);
    assert_string_equal(e, "structured failure");
    free(e);
    e = run("local x = nil; return x.y", 0, 0, NULL);
    assert_non_null(strstr(e, "test:1:"));
    assert_non_null(strstr(e, "stack traceback"));
    free(e);
    e = run("error(42)", 0, 0, NULL);
    assert_non_null(e);
    free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsafe_globals_absent), cmocka_unit_test(test_no_binary_chunks),
        cmocka_unit_test(test_require),               cmocka_unit_test(test_instruction_limit),
        cmocka_unit_test(test_memory_limit),          cmocka_unit_test(test_error_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
