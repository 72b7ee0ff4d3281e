/* test_sanitize: sanitizer reports (as gcc's runtimes print them) become a tool, an error
   kind and the learner's file:line; kdojo's frames, scratch paths and the shadow dump are
   trimmed; reports only in the harness or kdojo are not blamed on the learner. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "sanitize.h"

#include <string.h>

static const char asan[] =
    "printed by the learner\n"
    "=================================================================\n"
    "==2==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x603000005a84 at pc 0x7f92861ee270 bp 0x7ffd sp 0x7ffd\n"
    "WRITE of size 4 at 0x603000005a84 thread T0\n"
    "    #0 0x7f92861ee270 in sum /tmp/kdojo-run-12-AbCdEf/welcome.c:7\n"
    "    #1 0x7f9286a00010  (<unknown module>)\n"
    "    #2 0x55d0c0a1b2c3 in call_shim (/tmp/build/kdojo+0x1b2c3)\n"
    "    #3 0x7f9286ab0000 in luaD_precall (/lib/x86_64-linux-gnu/liblua5.4.so.0+0x10000)\n"
    "\n"
    "0x603000005a84 is located 0 bytes to the right of 20-byte region [0x603000005a70,0x603000005a84)\n"
    "allocated by thread T0 here:\n"
    "    #0 0x7f9286ab89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69\n"
    "    #1 0x7f92861ee19d in sum /tmp/kdojo-run-12-AbCdEf/welcome.c:4\n"
    "    #2 0x55d0c0a1b2c3 in call_shim (/tmp/build/kdojo+0x1b2c3)\n"
    "\n"
    "SUMMARY: AddressSanitizer: heap-buffer-overflow /tmp/kdojo-run-12-AbCdEf/welcome.c:7 in sum\n"
    "Shadow bytes around the buggy address:\n"
    "  0x0c067fff8b00: fa fa 00 00 00 fa\n"
    "==2==ABORTING\n";

static void test_asan(void **state) {
    (void)state;
    sanitize_report r;
    assert_true(sanitize_parse(asan, "welcome.c", &r));
    assert_string_equal(r.tool, "AddressSanitizer");
    assert_string_equal(r.kind, "heap-buffer-overflow");
    assert_string_equal(r.where, "welcome.c:7");
    assert_true(r.in_learner);
    assert_non_null(strstr(r.report, "ERROR: AddressSanitizer: heap-buffer-overflow on address 0x603000005a84\n"));
    assert_non_null(strstr(r.report, "#0 0x7f92861ee270 in sum welcome.c:7"));
    assert_non_null(strstr(r.report, "__interceptor_malloc"));
    assert_non_null(strstr(r.report, "SUMMARY: AddressSanitizer: heap-buffer-overflow welcome.c:7 in sum"));
    assert_null(strstr(r.report, "kdojo-run-"));
    assert_null(strstr(r.report, "call_shim"));
    assert_null(strstr(r.report, "liblua"));
    assert_null(strstr(r.report, "Shadow bytes"));
    assert_null(strstr(r.report, " at pc "));
    sanitize_report_done(&r);
    /* where the report starts: the test's output is cut there */
    const char *start = sanitize_report_start(asan);
    assert_non_null(start);
    assert_int_equal(strncmp(start, "==2==ERROR", 10), 0);
}

static const char tsan[] =
    "==================\n"
    "WARNING: ThreadSanitizer: data race (pid=2)\n"
    "  Read of size 8 at 0x7b0400000730 by thread T1:\n"
    "    #0 counter_add /tmp/kdojo-run-3-x/counter.c:29 (learner.so+0x2447)\n"
    "    #1 harness_writer /tmp/kdojo-run-3-x/harness.c:96 (learner.so+0x26d2)\n"
    "\n"
    "  Previous write of size 8 at 0x7b0400000730 by thread T2:\n"
    "    #0 counter_add /tmp/kdojo-run-3-x/counter.c:29 (learner.so+0x2452)\n"
    "\n"
    "SUMMARY: ThreadSanitizer: data race /tmp/kdojo-run-3-x/counter.c:29 in counter_add\n"
    "==================\n";

static const char tsan_harness[] =
    "WARNING: ThreadSanitizer: data race (pid=2)\n"
    "  Write of size 4 at 0x7b2800002168 by thread T16:\n"
    "    #0 harness_writer /tmp/kdojo-run-3-x/harness.c:99 (learner.so+0x2770)\n"
    "  Previous read of size 4 at 0x7b2800002168 by thread T18:\n"
    "    #0 harness_reader /tmp/kdojo-run-3-x/harness.c:111 (learner.so+0x2590)\n"
    "SUMMARY: ThreadSanitizer: data race /tmp/kdojo-run-3-x/harness.c:99 in harness_writer\n";

static void test_tsan(void **state) {
    (void)state;
    sanitize_report r;
    assert_true(sanitize_parse(tsan, "counter.c", &r));
    assert_string_equal(r.tool, "ThreadSanitizer");
    assert_string_equal(r.kind, "data race");
    assert_string_equal(r.where, "counter.c:29");
    assert_true(r.in_learner);
    assert_non_null(strstr(r.report, "WARNING: ThreadSanitizer: data race\n"));
    assert_non_null(strstr(r.report, "#1 harness_writer harness.c:96 (learner.so+0x26d2)"));
    sanitize_report_done(&r);
    /* only the lesson's harness on the stacks: not the learner's fault */
    assert_true(sanitize_parse(tsan_harness, "counter.c", &r));
    assert_string_equal(r.where, "harness.c:99");
    assert_false(r.in_learner);
    sanitize_report_done(&r);
}

static void test_ubsan(void **state) {
    (void)state;
    const char *ubsan = "welcome.c:4:39: runtime error: signed integer overflow: 2000000000 + 2000000000 cannot be "
                        "represented in type 'int'\n"
                        "    #0 0x7fcb080911ae in sum /tmp/kdojo-run-1-y/welcome.c:4\n"
                        "    #1 0x55d0c0a1b2c3 in lua_pcallk (/tmp/build/kdojo+0x1b2c3)\n";
    sanitize_report r;
    assert_true(sanitize_parse(ubsan, "welcome.c", &r));
    assert_string_equal(r.tool, "UndefinedBehaviorSanitizer");
    assert_string_equal(r.kind, "signed integer overflow");
    assert_string_equal(r.where, "welcome.c:4");
    assert_true(r.in_learner);
    assert_null(strstr(r.report, "lua_pcallk"));
    sanitize_report_done(&r);
    assert_false(sanitize_parse("nothing to see\nhere\n", "welcome.c", &r));
    assert_null(sanitize_report_start("a line about a runtime error\n"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_asan),
        cmocka_unit_test(test_tsan),
        cmocka_unit_test(test_ubsan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
