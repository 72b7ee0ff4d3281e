/* test_mutate: every exported function of a reference gets an empty-body mutant and, when it
   returns a value, a `return 0` mutant; static functions, main, comments and strings do not
   confuse it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "mutate.h"

#include <string.h>

static const char *src =
    "#include <stdio.h>\n"
    "#define BRACE '{'\n"
    "/* a comment with a fake body: int fake(void) { return 1; } */\n"
    "static int helper(int x) { return x * 2; }\n"
    "struct point { int x, y; };\n"
    "const char *greeting = \"int not_a_function() { }\";\n"
    "long long sum(const int *a, int n)\n"
    "{\n"
    "    long long t = 0; /* } */\n"
    "    for (int i = 0; i < n; i++) { t += helper(a[i]) / 2; }\n"
    "    return t;\n"
    "}\n"
    "void clear(int *a, int n) { for (int i = 0; i < n; i++) a[i] = 0; }\n"
    "char *find(char *s, char c) { while (*s && *s != c) s++; return s; }\n"
    "int main(void) { return 0; }\n";

static const mutant *find_mutant(const mutant *m, int n, const char *fn, const char *kind) {
    for (int i = 0; i < n; i++)
        if (!strcmp(m[i].function, fn) && !strcmp(m[i].kind, kind)) return &m[i];
    return NULL;
}

static void test_mutants(void **state) {
    (void)state;
    mutant *m;
    int n = mutants_make(src, &m);
    /* sum: 2, clear: 1 (void), find: 2; helper (static) and main: none. */
    assert_int_equal(n, 5);
    const mutant *e = find_mutant(m, n, "sum", "empty body");
    assert_non_null(e);
    assert_non_null(strstr(e->source, "long long sum(const int *a, int n)\n{ }\n"));
    assert_non_null(strstr(e->source, "static int helper(int x) { return x * 2; }"));
    assert_non_null(strstr(e->source, "void clear(int *a, int n) { for"));
    const mutant *z = find_mutant(m, n, "sum", "return 0");
    assert_non_null(z);
    assert_non_null(strstr(z->source, "long long sum(const int *a, int n)\n{ return 0; }\n"));
    assert_non_null(find_mutant(m, n, "clear", "empty body"));
    assert_null(find_mutant(m, n, "clear", "return 0"));
    assert_non_null(find_mutant(m, n, "find", "return 0"));   /* char * is not void */
    assert_null(find_mutant(m, n, "helper", "empty body"));
    assert_null(find_mutant(m, n, "main", "empty body"));
    assert_null(find_mutant(m, n, "fake", "empty body"));
    assert_null(find_mutant(m, n, "not_a_function", "empty body"));
    /* Everything but the mutated body is kept byte for byte. */
    for (int i = 0; i < n; i++) {
        assert_non_null(strstr(m[i].source, "#define BRACE '{'\n"));
        assert_non_null(strstr(m[i].source, "int main(void) { return 0; }\n"));
    }
    mutants_free(m, n);
}

static void test_void_pointer_return(void **state) {
    (void)state;
    mutant *m;
    int n = mutants_make("void *pick(void *a) { return a; }\nvoid\nrun(void)\n{\n  pick(0);\n}\n", &m);
    assert_int_equal(n, 3);
    assert_non_null(find_mutant(m, n, "pick", "return 0"));
    assert_null(find_mutant(m, n, "run", "return 0"));
    assert_non_null(find_mutant(m, n, "run", "empty body"));
    mutants_free(m, n);
}

static void test_nothing_to_mutate(void **state) {
    (void)state;
    mutant *m;
    assert_int_equal(mutants_make("", &m), 0);
    mutants_free(m, 0);
    assert_int_equal(mutants_make("int x = 3;\nstruct s { int a; };\n", &m), 0);
    mutants_free(m, 0);
    /* An unterminated comment or string must not run off the end. */
    assert_int_equal(mutants_make("int f(void) { return 1; } /* never closed", &m), 2);
    mutants_free(m, 2);
    int n = mutants_make("int f(void) { return \"unterminated; }", &m);
    assert_in_range(n, 0, 2);
    mutants_free(m, n);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mutants),
        cmocka_unit_test(test_void_pointer_return),
        cmocka_unit_test(test_nothing_to_mutate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
