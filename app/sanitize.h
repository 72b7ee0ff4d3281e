/* sanitize: `kdojo check --sanitize=address|undefined|thread`. The learner's file (and the
   lesson's harness) is compiled by the system compiler with -fsanitize=<kind> -g -O1; the
   grading child re-executes kdojo with the sanitizer's runtime preloaded (ASan and TSan must be
   the first library in the process), the first report ends the run with SANITIZE_EXIT, and the
   parent turns the report into a verdict naming the test, the error and the learner's
   file:line, with the report shown trimmed of kdojo's own frames. */
#ifndef KDOJO_SANITIZE_H
#define KDOJO_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

#define SANITIZE_EXIT 86 /* exit status of a run a sanitizer stopped */

/* True for "address", "undefined", "thread". */
bool sanitize_kind_valid(const char *kind);
/* "AddressSanitizer", "UndefinedBehaviorSanitizer", "ThreadSanitizer". */
const char *sanitize_tool_name(const char *kind);

/* In the parent, before the sandbox: the absolute path of the sanitizer runtime to preload,
   or NULL with *err saying plainly what is missing (no compiler, no runtime). */
char *sanitize_runtime(const char *kind, char **err);

/* The compiler flags for that kind, NULL-terminated. */
const char *const *sanitize_cc_flags(const char *kind);

/* In the grading child, before it re-executes: ASAN_/UBSAN_/TSAN_OPTIONS for one run that ends
   at the first error with SANITIZE_EXIT, reporting to stderr. */
void sanitize_set_env(const char *kind);

typedef struct {
    char *tool;      /* "AddressSanitizer" */
    char *kind;      /* "heap-buffer-overflow", "data race", "signed integer overflow" */
    char *where;     /* "sum.c:12" (the learner's file, else the harness), or NULL */
    char *report;    /* the first report, trimmed of kdojo-internal frames and scratch paths */
    bool in_learner; /* some frame or the location lies in the learner's code (or its harness) */
} sanitize_report;

/* Where the first sanitizer report in text begins (the start of its line), or NULL. */
const char *sanitize_report_start(const char *text);

/* Parses the first report in output; false when there is none. learner_file: "sum.c". */
bool sanitize_parse(const char *output, const char *learner_file, sanitize_report *out);
void sanitize_report_done(sanitize_report *r);

#endif
