/* grader: the grading child. Runs inside the sandbox: compiles the learner's file (and the
   lesson's harness) with libtcc, runs grade.lua through the Lua grading library, and reports
   every step to the parent as wire records. Never returns. */
#ifndef KDOJO_GRADER_H
#define KDOJO_GRADER_H

#include "lesson.h"
#include "paths.h"
#include "util.h"

#include <stdint.h>

typedef struct {
    const kd_paths *paths;
    const kd_lesson *lesson;
    const char *learner_name;   /* shown in diagnostics: the learner's file name */
    char *learner_src;
    char *reference_src;        /* solution.c, read before the sandbox closes lesson files */
    char *harness_src;          /* NULL when the lesson has none */
    char *grade_src;            /* grade.lua */
    char *kdojo_lua;            /* graders/kdojo.lua and friends load through require */
    uint64_t seed;
    uint64_t output_nonce;      /* marks test boundaries in the output stream (see check.c) */
    int result_fd;              /* wire records go here */
    const char *only_test;      /* run just this test (repro), or NULL */
    int repro;                  /* record learner calls of the failing test as a C program */
    const char *sanitize;       /* "address" | "undefined" | "thread", or NULL (see sanitize.h) */
    const char *san_runtime;    /* the sanitizer runtime the re-executed grader preloads */
    int quick_timing;           /* speed bars time one repetition (kdojo verify's mutants) */
} grade_job;

/* Reads the lesson files a grading run needs into job (before sandboxing). 0 or -1 + *err. */
int grade_job_load(grade_job *job, const kd_paths *paths, const kd_lesson *lesson, const char *learner_path, char **err);
void grade_job_done(grade_job *job);

__attribute__((noreturn)) void grader_child_main(grade_job *job);

/* --sanitize: in the sandboxed child, re-executes kdojo (/proc/self/exe __grade <fd>) with the
   sanitizer runtime preloaded, handing it the whole job through a memfd (the lesson files are
   out of the child's reach by then). fds 1, 2 and 3 carry over. Never returns. */
__attribute__((noreturn)) void grader_exec_sanitized(grade_job *job);

/* The job as bytes, for a grader in another process (a re-executed one, or the GPU worker). */
void grade_job_encode(const grade_job *job, strbuf *sb);

/* The GPU worker's body (a sandbox_fn): opens the GPU once, then grades one job after another
   from sandbox_request_fd() (each a u64 length and grade_job_encode's bytes), saying W_READY
   before each. Leaves after a job that spent its GPU context (a fault, a hang) and at EOF. */
void grader_worker_main(void *arg, int result_fd);

/* `kdojo __grade <fd>`: the re-executed grading child. Returns only on a malformed job. */
int grader_exec_main(int argc, char **argv);

#endif
