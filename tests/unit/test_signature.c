/* test_signature: C declarations parse into the kinds the FFI marshals; bad ones are refused
   with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "signature.h"

#include <stdio.h>
#include <string.h>

static signature parse_ok(const char *text) {
    signature s;
    char err[256] = "";
    if (signature_parse(text, &s, err, sizeof err) != 0) fail_msg("'%s' did not parse: %s", text, err);
    return s;
}

static void parse_bad(const char *text, const char *why) {
    signature s;
    char err[256] = "";
    if (signature_parse(text, &s, err, sizeof err) == 0) fail_msg("'%s' parsed", text);
    if (!strstr(err, why)) fail_msg("'%s': message '%s' lacks '%s'", text, err, why);
}

static void test_welcome(void **state) {
    (void)state;
    signature s = parse_ok("long long sum(const int *a, int n)");
    assert_string_equal(s.name, "sum");
    assert_int_equal(s.ret.kind, K_I64);
    assert_int_equal(s.nparams, 2);
    assert_int_equal(s.params[0].kind, K_PTR);
    assert_int_equal(s.params[0].pointee, K_I32);
    assert_true(s.params[0].is_const);
    assert_string_equal(s.params[0].name, "a");
    assert_int_equal(s.params[1].kind, K_I32);
    assert_string_equal(s.params[1].name, "n");
}

static void test_scalars(void **state) {
    (void)state;
    static const struct { const char *type; sig_kind kind; } cases[] = {
        {"char", K_I8}, {"signed char", K_I8}, {"unsigned char", K_U8}, {"short", K_I16},
        {"unsigned short", K_U16}, {"short int", K_I16}, {"int", K_I32}, {"signed", K_I32},
        {"unsigned", K_U32}, {"unsigned int", K_U32}, {"long", K_I64}, {"long int", K_I64},
        {"long long", K_I64}, {"unsigned long long", K_U64}, {"unsigned long", K_U64},
        {"int8_t", K_I8}, {"uint8_t", K_U8}, {"int16_t", K_I16}, {"uint16_t", K_U16}, {"int32_t", K_I32},
        {"uint32_t", K_U32}, {"int64_t", K_I64}, {"uint64_t", K_U64}, {"size_t", K_U64}, {"ssize_t", K_I64},
        {"float", K_F32}, {"double", K_F64}, {"bool", K_BOOL}, {"_Bool", K_BOOL}, {"const int", K_I32},
        {"volatile double", K_F64},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[128];
        snprintf(text, sizeof text, "%s f(%s x)", cases[i].type, cases[i].type);
        signature s = parse_ok(text);
        if (s.ret.kind != cases[i].kind) fail_msg("return type '%s' parsed as %d", cases[i].type, s.ret.kind);
        if (s.params[0].kind != cases[i].kind) fail_msg("parameter type '%s' parsed as %d", cases[i].type, s.params[0].kind);
        assert_string_equal(s.params[0].name, "x");
        assert_string_equal(s.name, "f");
    }
}

static void test_pointers(void **state) {
    (void)state;
    signature s = parse_ok("void saxpy(int n, float a, const float *restrict x, float *y)");
    assert_int_equal(s.ret.kind, K_VOID);
    assert_int_equal(s.nparams, 4);
    assert_int_equal(s.params[2].pointee, K_F32);
    assert_true(s.params[2].is_const);
    assert_false(s.params[3].is_const);
    assert_string_equal(s.params[3].name, "y");

    s = parse_ok("double *make(size_t n)");
    assert_int_equal(s.ret.kind, K_PTR);
    assert_int_equal(s.ret.pointee, K_F64);
    assert_string_equal(s.name, "make");

    s = parse_ok("void *alloc(struct arena *a, unsigned long n)");
    assert_int_equal(s.params[0].kind, K_PTR);
    assert_int_equal(s.params[0].pointee, K_VOID); /* opaque */
    assert_int_equal(s.ret.pointee, K_VOID);

    s = parse_ok("int count(char **words, int n)");
    assert_int_equal(s.params[0].kind, K_PTR);
    assert_int_equal(s.params[0].pointee, K_VOID); /* pointer to pointer is opaque */

    s = parse_ok("void fill(int a[], int n)");
    assert_int_equal(s.params[0].kind, K_PTR);
    assert_int_equal(s.params[0].pointee, K_I32);

    s = parse_ok("size_t my_strlen(const char *s)");
    assert_int_equal(s.params[0].pointee, K_I8);
    assert_string_equal(s.params[0].text, "const char *s");
}

static void test_no_params_and_spacing(void **state) {
    (void)state;
    signature s = parse_ok("int f(void)");
    assert_int_equal(s.nparams, 0);
    s = parse_ok("int f()");
    assert_int_equal(s.nparams, 0);
    s = parse_ok("  unsigned   long long\tg ( int   *p ,int n )  ");
    assert_string_equal(s.name, "g");
    assert_int_equal(s.ret.kind, K_U64);
    assert_int_equal(s.nparams, 2);
    s = parse_ok("static inline int h(int x)");
    assert_string_equal(s.name, "h");
    s = parse_ok("int k(int, float)");   /* unnamed parameters */
    assert_int_equal(s.nparams, 2);
    assert_string_equal(s.params[0].name, "");
    assert_int_equal(s.params[1].kind, K_F32);
}

static void test_errors(void **state) {
    (void)state;
    parse_bad("int f", "not a function declaration");
    parse_bad("int f(int x", "not a function declaration");
    parse_bad("int (int x)", "no function name");
    parse_bad("int f(struct point p)", "cannot be passed");
    parse_bad("struct point f(int x)", "cannot be passed");
    parse_bad("int f(void x, int y)", "cannot be void");
    parse_bad("int f(int x, void)", "cannot be void");
    parse_bad("int f(int x = 3)", "unexpected '='");
    parse_bad("int f(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l, int m)",
              "too many parameters");
    parse_bad("mytype f(int x)", "cannot be passed");
    parse_bad("int f(mytype x)", "cannot be passed");
}

static void test_kind_tables(void **state) {
    (void)state;
    assert_int_equal(sig_kind_size(K_I32), 4);
    assert_int_equal(sig_kind_size(K_F64), 8);
    assert_int_equal(sig_kind_size(K_U8), 1);
    assert_int_equal(sig_kind_size(K_PTR), 8);
    assert_int_equal(sig_kind_size(K_VOID), 0);
    assert_string_equal(sig_kind_ctype(K_I64), "long long");
    assert_string_equal(sig_kind_ctype(K_PTR), "void *");
    assert_string_equal(sig_kind_name(K_F32), "f32");
    assert_string_equal(sig_kind_name(K_U16), "u16");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welcome),      cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_pointers),     cmocka_unit_test(test_no_params_and_spacing),
        cmocka_unit_test(test_errors),       cmocka_unit_test(test_kind_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
