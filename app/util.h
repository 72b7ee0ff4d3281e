/* util: small helpers shared by every module: growable strings, files, time, hashing. */
#ifndef KDOJO_UTIL_H
#define KDOJO_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

/* A growable, always NUL-terminated string. Zero-initialised is empty and valid. */
typedef struct {
    char *data;
    size_t len, cap;
} strbuf;

void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
void sb_json_string(strbuf *sb, const char *s); /* appends s as a quoted JSON string */
const char *sb_str(const strbuf *sb);           /* never NULL */
char *sb_steal(strbuf *sb);                     /* caller frees; sb becomes empty */
void sb_done(strbuf *sb);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole file; returns NULL and sets errno on failure. *len may be NULL. */
char *read_file(const char *path, size_t *len);
/* Writes atomically: a temporary file in the same directory, fsync, rename. 0 or -1/errno. */
int write_file_atomic(const char *path, const char *data, size_t len);
/* All n bytes to fd, over short writes and EINTR: 0, or -1. Async-signal-safe (the crash
   handler's records use it). */
int write_all(int fd, const void *data, size_t n);
/* Exactly n bytes from fd: 0, or -1 when it ends or fails first. */
int read_all(int fd, void *data, size_t n);
int mkdir_p(const char *path, unsigned mode);
bool path_exists(const char *path);
bool is_dir(const char *path);
/* Removes a tree without following symlinks. */
int remove_tree(const char *path);
char *path_join(const char *a, const char *b);
/* Copies the regular files and directories under src into dst (created), modes kept. */
int copy_tree(const char *src, const char *dst);
/* True when every directory on the way to path is searchable by others and path readable. */
bool world_readable(const char *path);

double now_seconds(void); /* CLOCK_MONOTONIC */
int64_t unix_time(void);

/* KDOJO_TRACE=1 prints phase timings (ms since the process started) to stderr. */
void trace_mark(const char *what);

uint64_t fnv1a64(const void *data, size_t len, uint64_t h);
#define FNV1A64_INIT 0xcbf29ce484222325ULL

/* Returns the 1-based line of the first occurrence of `needle` at the start of a line
   (after spaces), or 0 when absent. Used to point at fields in lesson files. */
int line_of_key(const char *text, const char *key);

#endif
