/* util: small helpers shared by every module: growable strings, files, time, hashing. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- memory */

static void oom(void) {
    fputs("kdojo: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...) {
    strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    return sb_steal(&sb);
}

/* ---------------------------------------------------------------- strbuf */

static void sb_reserve(strbuf *sb, size_t extra) {
    if (sb->len + extra + 1 <= sb->cap) return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1) cap *= 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void sb_append(strbuf *sb, const char *s, size_t n) {
    sb_reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = 0;
}

void sb_puts(strbuf *sb, const char *s) { sb_append(sb, s, strlen(s)); }

void sb_vprintf(strbuf *sb, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return;
    sb_reserve(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_printf(strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

/* Length of the valid UTF-8 sequence at p (1 to 4), or 0: no overlongs, surrogates or
   code points above U+10FFFF. */
static int utf8_length(const unsigned char *p) {
    int n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (!n || p[0] > 0xf4) return 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80) return 0;
    if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0))) return 0;
    if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))) return 0;
    return n;
}

void sb_json_string(strbuf *sb, const char *s) {
    sb_append(sb, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p >= 0x80) {
            /* JSON is UTF-8: a byte learner output got wrong becomes U+FFFD, not invalid JSON. */
            int n = utf8_length(p);
            if (n) {
                sb_append(sb, (const char *)p, (size_t)n);
                p += n - 1;
            } else {
                sb_puts(sb, "\\ufffd");
            }
            continue;
        }
        switch (*p) {
        case '"': sb_puts(sb, "\\\""); break;
        case '\\': sb_puts(sb, "\\\\"); break;
        case '\n': sb_puts(sb, "\\n"); break;
        case '\t': sb_puts(sb, "\\t"); break;
        case '\r': sb_puts(sb, "\\r"); break;
        default:
            if (*p < 0x20) sb_printf(sb, "\\u%04x", *p);
            else sb_append(sb, (const char *)p, 1);
        }
    }
    sb_append(sb, "\"", 1);
}

const char *sb_str(const strbuf *sb) { return sb->data ? sb->data : ""; }

char *sb_steal(strbuf *sb) {
    char *s = sb->data ? sb->data : xstrdup("");
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void sb_done(strbuf *sb) {
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

/* ---------------------------------------------------------------- files */

char *read_file(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    strbuf sb = {0};
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            sb_done(&sb);
            errno = e;
            return NULL;
        }
        if (n == 0) break;
        sb_append(&sb, buf, (size_t)n);
    }
    close(fd);
    if (len) *len = sb.len;
    return sb_steal(&sb);
}

int write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int read_all(int fd, void *data, size_t n) {
    char *p = data;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

int write_file_atomic(const char *path, const char *data, size_t len) {
    char *tmp = xasprintf("%s.tmp-%d", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) goto fail;
    if (write_all(fd, data, len) < 0) {
        close(fd);
        goto fail_unlink;
    }
    if (fsync(fd) < 0 || close(fd) < 0) goto fail_unlink;
    if (rename(tmp, path) < 0) goto fail_unlink;
    free(tmp);
    return 0;
fail_unlink: {
    int e = errno;
    unlink(tmp);
    errno = e;
}
fail: {
    int e = errno;
    free(tmp);
    errno = e;
    return -1;
}
}

int mkdir_p(const char *path, unsigned mode) {
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, mode) < 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, mode);
    int e = errno;
    free(p);
    if (rc < 0 && e != EEXIST) {
        errno = e;
        return -1;
    }
    return 0;
}

bool path_exists(const char *path) { return access(path, F_OK) == 0; }

bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st; (void)flag; (void)ftw;
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

int remove_tree(const char *path) {
    return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

static const char *copy_src, *copy_dst;

static int copy_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)ftw;
    char *to = xasprintf("%s%s", copy_dst, path + strlen(copy_src));
    int rc = 0;
    if (flag == FTW_D) rc = mkdir(to, 0755) < 0 && errno != EEXIST ? -1 : 0;
    else if (flag == FTW_F && S_ISREG(st->st_mode)) {
        size_t len;
        char *data = read_file(path, &len);
        int fd = data ? open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
        rc = fd < 0 || write(fd, data, len) != (ssize_t)len ? -1 : 0;
        if (fd >= 0) close(fd);
        free(data);
    }
    free(to);
    return rc;
}

int copy_tree(const char *src, const char *dst) {
    copy_src = src;
    copy_dst = dst;
    return nftw(src, copy_entry, 16, FTW_PHYS);
}

bool world_readable(const char *path) {
    char *p = xstrdup(path);
    bool ok = true;
    for (char *s = p + 1; ok; s++) {
        char c = *s;
        if (c != '/' && c != 0) continue;
        *s = 0;
        struct stat st;
        ok = stat(p, &st) == 0 && (S_ISDIR(st.st_mode) ? (st.st_mode & S_IXOTH) : (st.st_mode & S_IROTH));
        *s = c;
        if (!c) break;
    }
    free(p);
    return ok;
}

char *path_join(const char *a, const char *b) {
    size_t n = strlen(a);
    return xasprintf("%s%s%s", a, (n && a[n - 1] == '/') ? "" : "/", b);
}

/* ---------------------------------------------------------------- time, hashing */

double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int64_t unix_time(void) { return (int64_t)time(NULL); }

void trace_mark(const char *what) {
    static int enabled = -1;
    static double start;
    if (enabled < 0) {
        const char *e = getenv("KDOJO_TRACE");
        enabled = e && *e && strcmp(e, "0");
        struct timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        start = now_seconds() - ((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
    }
    if (enabled) fprintf(stderr, "[trace %d] %8.3f ms  %s\n", (int)getpid(), (now_seconds() - start) * 1e3, what);
}

uint64_t fnv1a64(const void *data, size_t len, uint64_t h) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int line_of_key(const char *text, const char *key) {
    size_t klen = strlen(key);
    int line = 1;
    for (const char *p = text; *p; line++) {
        const char *s = p;
        while (*s == ' ' || *s == '\t') s++;
        if (strncmp(s, key, klen) == 0) {
            const char *after = s + klen;
            while (*after == ' ' || *after == '\t') after++;
            if (*after == '=') return line;
        }
        const char *nl = strchr(p, '\n');
        if (!nl) break;
        p = nl + 1;
    }
    return 0;
}
