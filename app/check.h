/* check: one grading run seen from the parent: starts the sandboxed grading child, decodes
   its records as they arrive, and turns them into a verdict. A verdict is accepted only from a
   complete record stream: every planned test reported and the run declared done. */
#ifndef KDOJO_CHECK_H
#define KDOJO_CHECK_H

#include "lesson.h"
#include "paths.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    V_PASS, V_FAIL, V_COMPILE_ERROR, V_CRASH, V_TIMEOUT, V_GRADER_ERROR, V_CANCELLED, V_INTERNAL,
} verdict;

const char *verdict_name(verdict v); /* "pass", "fail", "compile-error", ... */

typedef struct {
    char *name;
    char *status;       /* pass | fail | error | skip | pending | running */
    char *message;      /* why it failed, for the learner */
    char *detail;       /* given / expected / got, or a traceback for grader errors */
    char *output;       /* what the learner's code printed during the test (capped) */
    size_t output_dropped;
} test_result;

typedef struct {
    int test;           /* index of the test that measured it */
    char *bar, *against;
    double learner, against_s, ratio, max_ratio;
    int reps;
    bool pass;
} timing_result;

typedef struct {
    char *lesson_id;
    uint64_t seed;
    verdict verdict;
    char *summary;           /* one line: why this verdict */
    bool compiled;
    char *diagnostics;       /* compiler output, learner file names only */
    test_result *tests;
    int n_tests;
    timing_result *timings;
    int n_timings;
    char *crash;             /* what the crash handler saw */
    char *hang;              /* what each thread waited for when time ran out */
    char *notes;
    char *repro;             /* C source from kdojo repro */
    char *stray_output;      /* output printed outside any test */
    char *source;            /* the learner's file exactly as it was graded */
    char *sanitizer;         /* --sanitize: the sanitizer's first report, trimmed (NULL: none) */
    const char *sanitize;    /* the --sanitize kind this run was built with (not owned), or NULL */
    double seconds;
    int running;             /* index of the test in progress (-1: none) */
} check_result;

/* A GPU worker: one sandboxed grading process that keeps its CUDA context from one check of a
   CUDA lesson to the next (starting CUDA costs 200-400 ms a process). Made cheaply; its
   process starts at check_worker_prepare or at the first check that can use it, and is
   replaced after a fault, a hang, a timeout or a cancel. Without a GPU it is never started
   and checks run one-off as usual. One thread at a time. */
typedef struct check_worker check_worker;
check_worker *check_worker_new(void);
void check_worker_free(check_worker *w);
/* Starts the worker ahead of the first check of this lesson, when it would serve it. */
void check_worker_prepare(check_worker *w, const kd_paths *paths, const kd_lesson *lesson);
/* How many worker processes were started, and how many checks they served. */
void check_worker_stats(const check_worker *w, int *starts, int *served);

typedef struct {
    uint64_t seed;              /* 0: pick one */
    const char *only_test;
    bool repro;
    const char *sanitize;       /* "address" | "undefined" | "thread": build with the sanitizer (C lessons) */
    const volatile int *cancel; /* set to 1 to stop the check (TUI Esc) */
    /* Called as records arrive (TUI progress); may be NULL. */
    void (*progress)(void *ctx, const check_result *partial);
    void *progress_ctx;
    /* Called once if the check must wait for another kdojo's timing run; may be NULL. */
    void (*waiting)(void *ctx);
    /* Speed bars time one repetition, outputs still checked (verify's mutants, which must
       fail on correctness: timing them well is wasted time). */
    bool quick_timing;
    /* CUDA lessons on a GPU are graded by this long-lived worker when not NULL. */
    check_worker *worker;
} check_options;

/* Grades learner_path against the lesson. 0 with *out filled (whatever the verdict), or -1 with
   *err when the check could not even start (unreadable files, no scratch dir). */
int check_run(const kd_paths *paths, const kd_lesson *lesson, const char *learner_path, const check_options *opt,
              check_result *out, char **err);
void check_result_done(check_result *r);

int check_tests_passed(const check_result *r);

#endif
