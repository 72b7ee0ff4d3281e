/* test_lesson: a lessons tree with broken lessons: each error names the file and line, the
   other lessons still load, and a lesson's hash changes when any of its files does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "lesson.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char root[] = "/tmp/kdojo-lessons-XXXXXX";

static void put(const char *rel, const char *text) {
    char *p = path_join(root, rel);
    char *slash = strrchr(p, '/');
    *slash = 0;
    mkdir_p(p, 0755);
    *slash = '/';
    assert_int_equal(write_file_atomic(p, text, strlen(text)), 0);
    free(p);
}

/* A complete lesson whose lesson.lua is `meta`. */
static void lesson(const char *id, const char *meta) {
    const char *files[] = {"README.md", "grade.lua", "starter.c", "solution.c"};
    for (int i = 0; i < 4; i++) {
        char *rel = xasprintf("%s/%s", id, files[i]);
        put(rel, "/* x */\n");
        free(rel);
    }
    char *rel = xasprintf("%s/lesson.lua", id);
    put(rel, meta);
    free(rel);
}

static int setup(void **state) {
    (void)state;
    if (!mkdtemp(root)) return -1;
    put("tracks.lua", "return { {'b', 'Second'}, {'a', 'First'} }\n");
    lesson("a/01-good", "return {\n  title = 'Good',\n  file = 'good.c',\n  hints = { 'one', 'two' },\n  timeout = 3,\n}\n");
    lesson("a/02-syntax", "return {\n  title = 'Broken',\n  file = 'x.c'\n  hints = {},\n}\n");
    lesson("a/03-unknown", "return {\n  title = 'Unknown',\n  file = 'u.c',\n  colour = 'red',\n}\n");
    lesson("a/04-missing", "return {\n  title = 'Missing',\n  file = 'm.c',\n}\n");
    char *p = path_join(root, "a/04-missing/solution.c");
    unlink(p);
    free(p);
    lesson("a/05-badtype", "return {\n  title = 'Bad type',\n  file = 'b.c',\n  timeout = 'soon',\n}\n");
    lesson("a/06-speed", "return {\n  title = 'Speed',\n  file = 's.c',\n  bars = { go = { max_ratio = 1.5, against = 'reference' } },\n}\n");
    lesson("a/07-runaway", "while true do end\n");
    lesson("b/01-other", "return { title = 'Other', file = 'o.c', bars = { x = { max_ratio = 2 } } }\n");
    put("b/01-other/slow.c", "/* slow */\n");
    return 0;
}

static int teardown(void **state) {
    (void)state;
    remove_tree(root);
    return 0;
}

static kd_lesson *get(kd_catalog *c, const char *id) {
    char *err = NULL;
    kd_lesson *l = catalog_find(c, id, &err);
    if (!l) fail_msg("%s: %s", id, err);
    return l;
}

static void expect_error(kd_catalog *c, const char *id, const char *file_line, const char *what) {
    kd_lesson *l = get(c, id);
    if (!l->error) fail_msg("%s loaded without an error", id);
    char *where = xasprintf("%s/%s/%s", root, id, file_line);
    if (!strstr(l->error, where)) fail_msg("%s: error '%s' does not name '%s'", id, l->error, where);
    if (!strstr(l->error, what)) fail_msg("%s: error '%s' does not say '%s'", id, l->error, what);
    free(where);
}

static void test_catalog(void **state) {
    (void)state;
    kd_catalog c;
    int broken = catalog_load(&c, root);
    assert_int_equal(c.n, 8);
    assert_int_equal(broken, 6);
    kd_lesson *good = get(&c, "a/01-good");
    assert_null(good->error);
    assert_string_equal(good->title, "Good");
    assert_string_equal(good->file, "good.c");
    assert_int_equal(good->n_hints, 2);
    assert_true(good->timeout == 3);
    assert_int_equal(good->memory_mb, 512);
    assert_string_equal(good->engine, "c");
    expect_error(&c, "a/02-syntax", "lesson.lua:4:", "'}' expected");
    expect_error(&c, "a/03-unknown", "lesson.lua:4:", "unknown field 'colour'");
    expect_error(&c, "a/04-missing", "lesson.lua:1:", "missing solution.c");
    expect_error(&c, "a/05-badtype", "lesson.lua:4:", "'timeout' must be a number");
    expect_error(&c, "a/06-speed", "lesson.lua:", "missing slow.c");
    expect_error(&c, "a/07-runaway", "lesson.lua:1:", "instruction limit");
    kd_lesson *other = get(&c, "b/01-other");
    assert_null(other->error);
    assert_int_equal(other->n_bars, 1);
    assert_true(other->bars[0].max_ratio == 2);
    assert_string_equal(other->bars[0].against, "reference");
    /* tracks.lua's order, then names */
    assert_int_equal(c.n_tracks, 2);
    assert_string_equal(c.tracks[0].id, "b");
    assert_string_equal(c.tracks[0].title, "Second");
    /* lookups by suffix */
    char *err = NULL;
    assert_ptr_equal(catalog_find(&c, "good", &err), good);
    assert_ptr_equal(catalog_find(&c, "01-good", &err), good);
    assert_null(catalog_find(&c, "nothing", &err));
    assert_non_null(strstr(err, "no lesson 'nothing'"));
    free(err);
    catalog_done(&c);
}

static void test_hash_changes(void **state) {
    (void)state;
    kd_catalog c;
    catalog_load(&c, root);
    uint64_t before = lesson_hash(get(&c, "a/01-good")), other = lesson_hash(get(&c, "b/01-other"));
    catalog_done(&c);

    catalog_load(&c, root);
    assert_true(lesson_hash(get(&c, "a/01-good")) == before); /* stable */
    catalog_done(&c);

    put("a/01-good/grade.lua", "/* y */\n");
    catalog_load(&c, root);
    uint64_t after = lesson_hash(get(&c, "a/01-good"));
    assert_true(after != before);
    assert_true(lesson_hash(get(&c, "b/01-other")) == other);
    catalog_done(&c);

    put("a/01-good/harness.c", "int harness_x;\n");   /* a new file counts too */
    catalog_load(&c, root);
    assert_true(lesson_hash(get(&c, "a/01-good")) != after);
    assert_true(get(&c, "a/01-good")->has_harness);
    catalog_done(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_hash_changes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
