/* wire: the framed records the grading child sends its parent over a pipe. */
#include "wire.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WIRE_MAGIC 0x524a444bu /* "KDJR" */
#define HEADER 12               /* magic u32, type u8, nfields u8, pad u16, payload u32 */

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static uint32_t get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static uint32_t checksum(const unsigned char *p, size_t n) { return (uint32_t)fnv1a64(p, n, FNV1A64_INIT); }

/* Lays out a record into buf (which has room for `cap` bytes); returns its size or 0. */
static size_t encode(unsigned char *buf, size_t cap, int type, int nfields, const char *const *fields, int truncate) {
    size_t off = HEADER;
    for (int i = 0; i < nfields; i++) {
        size_t n = strlen(fields[i] ? fields[i] : "");
        if (off + 4 + n + 4 > cap) {
            if (!truncate || off + 8 > cap) return 0;
            n = cap - off - 8;
        }
        put32(buf + off, (uint32_t)n);
        memcpy(buf + off + 4, fields[i] ? fields[i] : "", n);
        off += 4 + n;
    }
    put32(buf, WIRE_MAGIC);
    buf[4] = (unsigned char)type;
    buf[5] = (unsigned char)nfields;
    buf[6] = buf[7] = 0;
    put32(buf + 8, (uint32_t)(off - HEADER));
    put32(buf + off, checksum(buf, off));
    return off + 4;
}

int wire_send(int fd, int type, int nfields, const char *const *fields) {
    if (nfields > WIRE_MAX_FIELDS) return -1;
    size_t cap = HEADER + 4;
    for (int i = 0; i < nfields; i++) cap += 4 + strlen(fields[i] ? fields[i] : "");
    if (cap > WIRE_MAX_PAYLOAD) return -1;
    unsigned char *buf = xmalloc(cap);
    size_t n = encode(buf, cap, type, nfields, fields, 0);
    int rc = n ? write_all(fd, buf, n) : -1;
    free(buf);
    return rc;
}

int wire_send_sigsafe(int fd, int type, int nfields, const char *const *fields) {
    static unsigned char buf[8192];
    if (nfields > WIRE_MAX_FIELDS) return -1;
    size_t n = encode(buf, sizeof buf, type, nfields, fields, 1);
    return n ? write_all(fd, buf, n) : -1;
}

void wire_decoder_init(wire_decoder *d) { memset(d, 0, sizeof *d); }

void wire_decoder_done(wire_decoder *d) {
    free(d->buf);
    memset(d, 0, sizeof *d);
}

void wire_feed(wire_decoder *d, const void *data, size_t n) {
    if (d->corrupt || !n) return;
    if (d->len + n > d->cap) {
        size_t cap = d->cap ? d->cap : 4096;
        while (cap < d->len + n) cap *= 2;
        d->buf = xrealloc(d->buf, cap);
        d->cap = cap;
    }
    memcpy(d->buf + d->len, data, n);
    d->len += n;
}

static int corrupt(wire_decoder *d, const char *why) {
    d->corrupt = 1;
    snprintf(d->why, sizeof d->why, "%s", why);
    return -1;
}

int wire_next(wire_decoder *d, wire_record *r) {
    memset(r, 0, sizeof *r);
    if (d->corrupt) return -1;
    if (d->len < HEADER) return 0;
    if (get32(d->buf) != WIRE_MAGIC) return corrupt(d, "bad record magic");
    int type = d->buf[4], nfields = d->buf[5];
    uint32_t payload = get32(d->buf + 8);
    if (type <= 0 || type >= W_TYPE_MAX) return corrupt(d, "unknown record type");
    if (nfields > WIRE_MAX_FIELDS) return corrupt(d, "too many fields");
    if (payload > WIRE_MAX_PAYLOAD) return corrupt(d, "record too large");
    size_t total = HEADER + (size_t)payload + 4;
    if (d->len < total) return 0;
    if (get32(d->buf + HEADER + payload) != checksum(d->buf, HEADER + payload)) return corrupt(d, "bad checksum");
    size_t off = HEADER;
    for (int i = 0; i < nfields; i++) {
        if (off + 4 > HEADER + payload) {
            wire_record_done(r);
            return corrupt(d, "field runs past the record");
        }
        uint32_t n = get32(d->buf + off);
        if (n > HEADER + payload - off - 4) {
            wire_record_done(r);
            return corrupt(d, "field runs past the record");
        }
        r->field[i] = xmalloc(n + 1);
        memcpy(r->field[i], d->buf + off + 4, n);
        r->field[i][n] = 0;
        r->len[i] = n;
        r->nfields = i + 1;
        off += 4 + n;
    }
    if (off != HEADER + payload) {
        wire_record_done(r);
        return corrupt(d, "record has trailing bytes");
    }
    r->type = type;
    memmove(d->buf, d->buf + total, d->len - total);
    d->len -= total;
    return 1;
}

void wire_record_done(wire_record *r) {
    for (int i = 0; i < r->nfields; i++) free(r->field[i]);
    memset(r, 0, sizeof *r);
}
