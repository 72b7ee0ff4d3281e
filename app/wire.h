/* wire: the framed records the grading child sends its parent over a pipe.
   Each record: magic, type, field count, payload length, fields (u32 length + bytes), and a
   checksum. The decoder rejects anything malformed, so stray bytes written by learner code
   into the pipe end the check with a clear "corrupt result" verdict instead of a forged pass. */
#ifndef KDOJO_WIRE_H
#define KDOJO_WIRE_H

#include <stddef.h>
#include <stdint.h>

enum wire_type {
    W_HELLO = 1,      /* protocol version, seed */
    W_PLAN,           /* test count, then one field per test name */
    W_COMPILE,        /* what ("learner" | "reference"), ok ("1"/"0"), diagnostics */
    W_TEST_BEGIN,     /* index, name */
    W_TEST_END,       /* index, status (pass|fail|error|skip), message, detail */
    W_TIMING,         /* index, bar, learner s, against s, ratio, max ratio, reps, pass, against name */
    W_CRASH,          /* signal, fault address, description */
    W_NOTE,           /* free text shown with the result */
    W_REPRO,          /* test name, C source of a standalone reproduction */
    W_DONE,           /* test count */
    W_HANG,           /* what each thread waits for, sent just before the deadline */
    W_READY,          /* a worker waits for its next job (between checks, never inside one) */
    W_TYPE_MAX
};

#define WIRE_MAX_FIELDS 16
#define WIRE_MAX_PAYLOAD (4u << 20)

typedef struct {
    int type;
    int nfields;
    char *field[WIRE_MAX_FIELDS]; /* NUL-terminated copies (fields may hold NULs; len says) */
    size_t len[WIRE_MAX_FIELDS];
} wire_record;

/* Sends one record; fields are NUL-terminated strings. Returns 0 or -1. */
int wire_send(int fd, int type, int nfields, const char *const *fields);
/* As wire_send, but async-signal-safe (no malloc): for crash reports from a signal handler.
   Fields are truncated to fit a fixed buffer. */
int wire_send_sigsafe(int fd, int type, int nfields, const char *const *fields);

/* Incremental decoder: feed bytes as they arrive, then take records. */
typedef struct {
    unsigned char *buf;
    size_t len, cap;
    int corrupt;      /* set once malformed input is seen; no further records are produced */
    char why[128];
} wire_decoder;

void wire_decoder_init(wire_decoder *d);
void wire_decoder_done(wire_decoder *d);
void wire_feed(wire_decoder *d, const void *data, size_t n);
/* 1: a record was produced (free it with wire_record_done); 0: need more bytes; -1: corrupt. */
int wire_next(wire_decoder *d, wire_record *r);
void wire_record_done(wire_record *r);

#endif
