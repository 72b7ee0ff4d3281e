/* test_wire: records survive a round trip, fed whole or a byte at a time, and every kind of
   corruption is rejected rather than decoded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wire.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Encodes one record through a pipe (wire_send writes to a descriptor). Returns its bytes. */
static unsigned char *encode(int type, int n, const char *const *fields, size_t *len, int sigsafe) {
    int p[2];
    assert_int_equal(pipe(p), 0);
    int rc = sigsafe ? wire_send_sigsafe(p[1], type, n, fields) : wire_send(p[1], type, n, fields);
    assert_int_equal(rc, 0);
    close(p[1]);
    unsigned char *buf = malloc(1 << 16);
    size_t have = 0;
    ssize_t r;
    while ((r = read(p[0], buf + have, (1 << 16) - have)) > 0) have += (size_t)r;
    close(p[0]);
    *len = have;
    return buf;
}

static void test_round_trip(void **state) {
    (void)state;
    const char *fields[] = {"3", "pass", "", "given {1, 2}\nexpected 3"};
    size_t len;
    unsigned char *b = encode(W_TEST_END, 4, fields, &len, 0);
    wire_decoder d;
    wire_decoder_init(&d);
    wire_feed(&d, b, len);
    wire_record r;
    assert_int_equal(wire_next(&d, &r), 1);
    assert_int_equal(r.type, W_TEST_END);
    assert_int_equal(r.nfields, 4);
    for (int i = 0; i < 4; i++) {
        assert_string_equal(r.field[i], fields[i]);
        assert_int_equal(r.len[i], strlen(fields[i]));
    }
    wire_record_done(&r);
    assert_int_equal(wire_next(&d, &r), 0);
    assert_false(d.corrupt);
    wire_decoder_done(&d);
    free(b);
}

static void test_byte_at_a_time_and_many(void **state) {
    (void)state;
    wire_decoder d;
    wire_decoder_init(&d);
    const char *plan[] = {"2", "a\nb"};
    const char *done[] = {"2"};
    const char *none[] = {NULL};
    size_t l1, l2, l3;
    unsigned char *b1 = encode(W_PLAN, 2, plan, &l1, 0), *b2 = encode(W_DONE, 1, done, &l2, 0),
                  *b3 = encode(W_HELLO, 0, none, &l3, 0);
    int got = 0;
    wire_record r;
    unsigned char *all[] = {b1, b2, b3};
    size_t lens[] = {l1, l2, l3};
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < lens[k]; i++) {
            wire_feed(&d, all[k] + i, 1);
            int rc = wire_next(&d, &r);
            assert_true(rc == 0 || rc == 1);
            if (rc == 1) {
                assert_int_equal(i, lens[k] - 1); /* only when the last byte arrives */
                got++;
                wire_record_done(&r);
            }
        }
    assert_int_equal(got, 3);
    wire_decoder_done(&d);
    free(b1); free(b2); free(b3);
}

static void test_sigsafe_truncates(void **state) {
    (void)state;
    char *big = malloc(100000);
    memset(big, 'x', 99999);
    big[99999] = 0;
    const char *fields[] = {"11", "0x0", "SIGSEGV", big};
    size_t len;
    unsigned char *b = encode(W_CRASH, 4, fields, &len, 1);
    assert_true(len <= 8192);
    wire_decoder d;
    wire_decoder_init(&d);
    wire_feed(&d, b, len);
    wire_record r;
    assert_int_equal(wire_next(&d, &r), 1);
    assert_int_equal(r.nfields, 4);
    assert_string_equal(r.field[2], "SIGSEGV");
    assert_true(r.len[3] > 0 && r.len[3] < 8192);
    wire_record_done(&r);
    wire_decoder_done(&d);
    free(b);
    free(big);
}

static void test_send_refuses_oversized(void **state) {
    (void)state;
    size_t n = WIRE_MAX_PAYLOAD + 1;
    char *big = malloc(n + 1);
    memset(big, 'y', n);
    big[n] = 0;
    const char *fields[] = {big};
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(wire_send(p[1], W_NOTE, 1, fields), -1);
    const char *many[WIRE_MAX_FIELDS + 1];
    for (int i = 0; i <= WIRE_MAX_FIELDS; i++) many[i] = "f";
    assert_int_equal(wire_send(p[1], W_NOTE, WIRE_MAX_FIELDS + 1, many), -1);
    close(p[0]);
    close(p[1]);
    free(big);
}

/* Decodes `len` bytes of b and expects corruption whose reason contains `why`. */
static void expect_corrupt(const unsigned char *b, size_t len, const char *why) {
    wire_decoder d;
    wire_decoder_init(&d);
    wire_feed(&d, b, len);
    wire_record r;
    int rc = wire_next(&d, &r);
    assert_int_equal(rc, -1);
    assert_true(d.corrupt);
    if (!strstr(d.why, why)) fail_msg("reason '%s' does not mention '%s'", d.why, why);
    /* Once corrupt, always corrupt: later good records are not decoded. */
    const char *f[] = {"1"};
    size_t gl;
    unsigned char *good = encode(W_DONE, 1, f, &gl, 0);
    wire_feed(&d, good, gl);
    assert_int_equal(wire_next(&d, &r), -1);
    free(good);
    wire_decoder_done(&d);
}

static void put32(unsigned char *p, unsigned v) { memcpy(p, &v, 4); }

static void test_corruption(void **state) {
    (void)state;
    const char *fields[] = {"0", "pass", "msg", "detail"};
    size_t len;
    unsigned char *good = encode(W_TEST_END, 4, fields, &len, 0);
    unsigned char *b = malloc(len + 64);

    memcpy(b, good, len); b[0] ^= 0xff;
    expect_corrupt(b, len, "magic");

    memcpy(b, good, len); b[len - 1] ^= 0x01;              /* checksum byte */
    expect_corrupt(b, len, "checksum");

    memcpy(b, good, len); b[20] ^= 0x20;                   /* a payload byte */
    expect_corrupt(b, len, "checksum");

    memcpy(b, good, len); b[4] = 0;                        /* type 0 */
    expect_corrupt(b, len, "type");
    memcpy(b, good, len); b[4] = W_TYPE_MAX;
    expect_corrupt(b, len, "type");

    memcpy(b, good, len); b[5] = WIRE_MAX_FIELDS + 1;
    expect_corrupt(b, len, "fields");

    memcpy(b, good, len); put32(b + 8, WIRE_MAX_PAYLOAD + 1);
    expect_corrupt(b, len, "too large");

    /* Field lengths that lie, with a valid checksum: the decoder must not trust them. */
    unsigned char lie[64] = {'K', 'D', 'J', 'R', W_NOTE, 1, 0, 0};
    put32(lie + 8, 8);
    put32(lie + 12, 1000);      /* a field of 1000 bytes in an 8-byte payload */
    memcpy(lie + 16, "abcd", 4);
    /* the checksum is computed the way wire.c does (FNV-1a 64, low 32 bits) */
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < 20; i++) { h ^= lie[i]; h *= 0x100000001b3ULL; }
    put32(lie + 20, (unsigned)h);
    expect_corrupt(lie, 24, "field runs past");

    /* Trailing bytes inside the payload. */
    unsigned char tr[64] = {'K', 'D', 'J', 'R', W_NOTE, 1, 0, 0};
    put32(tr + 8, 10);
    put32(tr + 12, 2);
    memcpy(tr + 16, "hi??", 4);
    h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < 22; i++) { h ^= tr[i]; h *= 0x100000001b3ULL; }
    put32(tr + 22, (unsigned)h);
    expect_corrupt(tr, 26, "trailing");

    /* Garbage such as learner printf output written to the pipe. */
    expect_corrupt((const unsigned char *)"hello, world\n", 13, "magic");
    free(b);
    free(good);
}

static void test_truncation_waits(void **state) {
    (void)state;
    const char *fields[] = {"a field"};
    size_t len;
    unsigned char *good = encode(W_NOTE, 1, fields, &len, 0);
    for (size_t cut = 0; cut < len; cut++) {
        wire_decoder d;
        wire_decoder_init(&d);
        wire_feed(&d, good, cut);
        wire_record r;
        assert_int_equal(wire_next(&d, &r), 0); /* incomplete: no record, not corrupt */
        assert_false(d.corrupt);
        wire_decoder_done(&d);
    }
    free(good);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_byte_at_a_time_and_many),
        cmocka_unit_test(test_sigsafe_truncates),
        cmocka_unit_test(test_send_refuses_oversized),
        cmocka_unit_test(test_corruption),
        cmocka_unit_test(test_truncation_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
