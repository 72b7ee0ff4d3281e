/* harness.c for c/12-buffered-reader: makes the test files (in the current directory, the
 * grading child's scratch directory) and reads them through the learner's reader in C. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

struct reader;
struct reader *reader_open(const char *path);
int reader_getc(struct reader *r);
size_t reader_read(struct reader *r, void *dst, size_t n);
void reader_close(struct reader *r);

static unsigned long long harness_rng;
static unsigned harness_next(void)
{
    unsigned long long x = harness_rng;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    harness_rng = x;
    return (unsigned)(x >> 11);
}

/* Writes a file of size bytes. kind 0: random bytes (every value, 0xFF included);
 * kind 1: records, each a 1-byte length n (128 .. 255) and n bytes (the last may be cut);
 * kind 2: the bytes 0, 1, ..., 255, 0, 1, ... Returns 0, or -1 if it cannot. */
int harness_make_file(const char *path, int kind, long long seed, long long size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    harness_rng = (unsigned long long)seed * 0x9E3779B97F4A7C15ull + 1;
    static unsigned char chunk[65536];
    long long done = 0, left_in_record = 0, record_len = 0;
    int len_bytes_left = 2;
    while (done < size) {
        size_t k = 0;
        while (k < sizeof chunk && done + (long long)k < size) {
            unsigned char b;
            if (kind == 0) b = (unsigned char)harness_next();
            else if (kind == 2) b = (unsigned char)(done + (long long)k);
            else if (len_bytes_left == 2) {      /* a record: 2-byte little-endian length */
                record_len = 256 + harness_next() % 256;
                b = (unsigned char)(record_len & 255), len_bytes_left = 1;
            } else if (len_bytes_left == 1) {
                b = (unsigned char)(record_len >> 8), len_bytes_left = 0, left_in_record = record_len;
            } else {
                b = (unsigned char)harness_next();
                if (--left_in_record == 0) len_bytes_left = 2;
            }
            chunk[k++] = b;
        }
        if (write(fd, chunk, k) != (ssize_t)k) { close(fd); return -1; }
        done += (long long)k;
    }
    return close(fd);
}

/* FNV-1a over bytes, the fingerprint tests compare. */
static uint64_t harness_fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}
#define HARNESS_FNV0 0xcbf29ce484222325ull

/* The fingerprint and size of a file, read with plain read() calls of 64 KiB. */
long long harness_file_hash(const char *path, long long *size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    static unsigned char chunk[65536];
    uint64_t h = HARNESS_FNV0;
    long long total = 0;
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0) {
        h = harness_fnv(h, chunk, (size_t)got);
        total += got;
    }
    close(fd);
    *size = total;
    return (long long)(h & 0x7fffffffffffffffull);
}

/* Reads r to the end with reader_getc (but at most limit + 1 bytes, so that a reader that
 * never says -1 ends). out[0] = bytes read, out[1] = fingerprint,
 * out[2] = 1 if a value outside -1 .. 255 came back (out[3] = that value). */
void harness_getc_all(struct reader *r, long long limit, long long *out)
{
    uint64_t h = HARNESS_FNV0;
    long long n = 0;
    int c;
    out[2] = 0;
    while (n <= limit && (c = reader_getc(r)) != -1) {
        if (c < 0 || c > 255) { out[2] = 1; out[3] = c; break; }
        unsigned char b = (unsigned char)c;
        h = harness_fnv(h, &b, 1);
        n++;
    }
    out[0] = n;
    out[1] = (long long)(h & 0x7fffffffffffffffull);
}

/* Reads r to the end with reader_read, in requests of random sizes from 1 to maxn (mixed
 * with reader_getc calls when mix is set). out as above, and out[2] = 1 if a request
 * returned less than asked before the end, out[3] = its size, out[4] = what came back,
 * out[5] = the offset where it happened. Stops after limit bytes. */
void harness_read_all(struct reader *r, long long seed, long long maxn, int mix, long long limit, long long *out)
{
    static unsigned char *dst;
    static size_t cap;
    if (cap < (size_t)maxn) {
        free(dst);
        dst = malloc((size_t)maxn);
        cap = dst ? (size_t)maxn : 0;
        if (!dst) { out[2] = 2; return; }
    }
    harness_rng = (unsigned long long)seed * 0x9E3779B97F4A7C15ull + 7;
    uint64_t h = HARNESS_FNV0;
    long long total = 0;
    out[2] = 0;
    while (total <= limit) {
        if (mix && harness_next() % 3 == 0) {
            int c = reader_getc(r);
            if (c == -1) break;
            unsigned char b = (unsigned char)c;
            h = harness_fnv(h, &b, 1);
            total++;
            continue;
        }
        size_t want = 1 + harness_next() % (unsigned long long)maxn;
        size_t got = reader_read(r, dst, want);
        if (got > want) { out[2] = 3; out[3] = (long long)want; out[4] = (long long)got; out[5] = total; break; }
        h = harness_fnv(h, dst, got);
        total += (long long)got;
        if (got < want) {
            /* Only the end of the file excuses a short count: then the next read gives 0. */
            if (reader_read(r, dst, 1) != 0 || reader_getc(r) != -1) {
                out[2] = 1; out[3] = (long long)want; out[4] = (long long)got; out[5] = total - (long long)got;
            }
            break;
        }
    }
    out[0] = total;
    out[1] = (long long)(h & 0x7fffffffffffffffull);
}

/* The timed work: parse a file of records (a length byte, then that many bytes) to the
 * end with reader_read, and checksum the records (FNV-1a over their bytes). Returns the
 * checksum, or -2 if the file cannot be opened. */
long long harness_parse_records(const char *path)
{
    struct reader *r = reader_open(path);
    if (!r) return -2;
    unsigned char rec[512];
    uint64_t h = HARNESS_FNV0;
    for (;;) {
        unsigned char lb[2];
        if (reader_read(r, lb, 2) != 2) break;
        size_t len = (size_t)lb[0] | (size_t)lb[1] << 8;
        if (len > sizeof rec) break;
        size_t got = reader_read(r, rec, len);
        h = harness_fnv(h, rec, got);
        if (got < len) break;
    }
    reader_close(r);
    return (long long)(h & 0x7fffffffffffffffull);
}

/* Opens and closes path n times (reading a byte each time); returns the round in which
 * reader_open failed, or -1. */
int harness_churn(const char *path, int n)
{
    for (int i = 0; i < n; i++) {
        struct reader *r = reader_open(path);
        if (!r) return i;
        reader_getc(r);
        reader_close(r);
    }
    return -1;
}

/* Reads two readers to the end, alternating one reader_getc on each. out[0], out[1]:
 * bytes and fingerprint of the first; out[2], out[3] of the second. */
void harness_interleave(struct reader *a, struct reader *b, long long limit, long long *out)
{
    uint64_t ha = HARNESS_FNV0, hb = HARNESS_FNV0;
    long long na = 0, nb = 0;
    int ea = 0, eb = 0;
    while ((!ea || !eb) && na <= limit && nb <= limit) {
        if (!ea) {
            int c = reader_getc(a);
            if (c < 0 || c > 255) ea = 1;
            else { unsigned char x = (unsigned char)c; ha = harness_fnv(ha, &x, 1); na++; }
        }
        if (!eb) {
            int c = reader_getc(b);
            if (c < 0 || c > 255) eb = 1;
            else { unsigned char x = (unsigned char)c; hb = harness_fnv(hb, &x, 1); nb++; }
        }
    }
    out[0] = na; out[1] = (long long)(ha & 0x7fffffffffffffffull);
    out[2] = nb; out[3] = (long long)(hb & 0x7fffffffffffffffull);
}
