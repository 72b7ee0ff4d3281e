/* test_store: the progress store: migrations from an empty file, attempts round-trip, and
   lesson_progress marks a lesson passed under another hash as changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "store.h"
#include "util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/kdojo-store-XXXXXX";

static int setup(void **state) {
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    remove_tree(dir);
    return 0;
}

static kd_store *open_store(void) {
    char *warning = NULL, *err = NULL;
    kd_store *s = store_open(dir, &warning, &err);
    if (!s) fail_msg("store_open: %s", err);
    assert_null(warning);
    return s;
}

static int query_int(const char *sql) {
    sqlite3 *db;
    char *p = path_join(dir, "progress.db");
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(p);
    return v;
}

static check_result result(verdict v, uint64_t seed) {
    check_result r = {0};
    r.lesson_id = xstrdup("t/01-x");
    r.seed = seed;
    r.verdict = v;
    r.summary = xstrdup(v == V_PASS ? "all 2 tests passed" : "1 of 2 tests failed");
    r.n_tests = 2;
    r.tests = xcalloc(2, sizeof *r.tests);
    const char *names[] = {"first", "second"};
    for (int i = 0; i < 2; i++) {
        r.tests[i].name = xstrdup(names[i]);
        r.tests[i].status = xstrdup(v == V_PASS || i == 0 ? "pass" : "fail");
        r.tests[i].message = xstrdup(i == 1 && v != V_PASS ? "expected 3, got 0" : "");
    }
    r.n_timings = 1;
    r.timings = xcalloc(1, sizeof *r.timings);
    r.timings[0] = (timing_result){.bar = xstrdup("go"), .against = xstrdup("reference"), .learner = 0.002,
                                   .against_s = 0.001, .ratio = v == V_PASS ? 1.2 : 2.0, .max_ratio = 1.5,
                                   .reps = 9, .pass = v == V_PASS};
    r.seconds = 0.01;
    r.running = -1;
    return r;
}

static void test_migrate_from_empty(void **state) {
    (void)state;
    kd_store *s = open_store();
    assert_non_null(strstr(store_path(s), "progress.db"));
    store_close(s);
    int version = query_int("PRAGMA user_version");
    assert_true(version >= 1);
    assert_int_equal(query_int("SELECT count(*) FROM sqlite_master WHERE name IN ('attempts', 'timings', 'state')"), 3);
    /* Reopening an up-to-date store changes nothing. */
    s = open_store();
    store_close(s);
    assert_int_equal(query_int("PRAGMA user_version"), version);
}

static void test_newer_schema_refused(void **state) {
    (void)state;
    char *sub = path_join(dir, "newer");
    mkdir_p(sub, 0755);
    char *p = path_join(sub, "progress.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char *warning = NULL, *err = NULL;
    kd_store *s = store_open(sub, &warning, &err);
    assert_null(s);
    assert_non_null(err);
    assert_non_null(strstr(err, "newer kdojo"));
    assert_true(path_exists(p)); /* not moved aside: it is not corrupt */
    free(err);
    free(warning);
    free(p);
    free(sub);
}

static void test_attempts_and_progress(void **state) {
    (void)state;
    kd_store *s = open_store();
    kd_lesson l = {.id = "t/01-x", .hash = 0x1111, .hash_known = true};
    check_result fail1 = result(V_FAIL, 11), pass1 = result(V_PASS, 22);
    char *err = NULL;
    int64_t a = store_add_attempt(s, &l, &fail1, "int x = 1;", &err);
    int64_t b = store_add_attempt(s, &l, &pass1, "int x = 2;", &err);
    assert_true(a > 0 && b > a);
    assert_int_equal(query_int("SELECT count(*) FROM attempts WHERE seed = 22 AND passed AND tests_passed = 2 "
                               "AND source = 'int x = 2;' AND results LIKE '%\"second\"%'"), 1);
    assert_int_equal(query_int("SELECT count(*) FROM attempts WHERE seed = 11 AND NOT passed AND tests_passed = 1 "
                               "AND verdict = 'fail' AND results LIKE '%expected 3, got 0%'"), 1);
    assert_int_equal(query_int("SELECT count(*) FROM timings"), 2);

    lesson_progress p;
    store_lesson_progress(s, &l, &p);
    assert_int_equal(p.attempts, 2);
    assert_true(p.passed);
    assert_false(p.changed);
    assert_string_equal(p.last_verdict, "pass");
    assert_true(p.best_ratio == 1.2);
    assert_true(p.best_seconds == 0.002);

    /* The lesson changed (kdojo upgraded): progress kept, marked changed. */
    kd_lesson l2 = {.id = "t/01-x", .hash = 0x2222, .hash_known = true};
    store_lesson_progress(s, &l2, &p);
    assert_int_equal(p.attempts, 2);
    assert_true(p.passed);
    assert_true(p.changed);

    /* Passing the new version clears the mark. */
    check_result pass2 = result(V_PASS, 33);
    assert_true(store_add_attempt(s, &l2, &pass2, "int x = 3;", &err) > 0);
    store_lesson_progress(s, &l2, &p);
    assert_false(p.changed);
    assert_int_equal(p.attempts, 3);

    /* A lesson never tried. */
    kd_lesson other = {.id = "t/02-y", .hash = 0x1, .hash_known = true};
    store_lesson_progress(s, &other, &p);
    assert_int_equal(p.attempts, 0);
    assert_false(p.passed);

    attempt_row rows[5];
    assert_int_equal(store_recent(s, rows, 5), 3);
    assert_true(rows[0].id > rows[1].id);
    assert_string_equal(rows[0].lesson_id, "t/01-x");
    int counts[7];
    store_activity(s, counts, 7);
    assert_int_equal(counts[0], 3);

    assert_null(store_get(s, "last"));
    assert_int_equal(store_set(s, "last", "t/01-x"), 0);
    assert_int_equal(store_set(s, "last", "t/02-y"), 0);
    char *v = store_get(s, "last");
    assert_string_equal(v, "t/02-y");
    free(v);
    store_close(s);
    check_result_done(&fail1);
    check_result_done(&pass1);
    check_result_done(&pass2);
}

static void test_corrupt_moved_aside(void **state) {
    (void)state;
    char *sub = path_join(dir, "corrupt");
    mkdir_p(sub, 0755);
    char *p = path_join(sub, "progress.db");
    const char junk[] = "definitely not an SQLite database, but long enough to look like a file header.....";
    assert_int_equal(write_file_atomic(p, junk, sizeof junk), 0);
    char *warning = NULL, *err = NULL;
    kd_store *s = store_open(sub, &warning, &err);
    assert_non_null(s);
    assert_non_null(warning);
    char *aside = strstr(warning, "moved to ");
    assert_non_null(aside);
    aside += strlen("moved to ");
    char *end = strchr(aside, ' ');
    if (end) *end = 0;
    size_t len;
    char *kept = read_file(aside, &len);
    assert_non_null(kept);
    assert_int_equal(len, sizeof junk);
    free(kept);
    store_close(s);
    free(warning);
    free(p);
    free(sub);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_from_empty),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_attempts_and_progress),
        cmocka_unit_test(test_corrupt_moved_aside),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
