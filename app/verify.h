/* verify: proves a lesson is sound. The starter compiles and fails a test (no crash, no compile
   error); simple mutants of the reference fail; the reference passes; and where the lesson has
   a speed bar, the reference beats it by VERIFY_MARGIN, slow.c is correct, misses it by
   VERIFY_MARGIN, does not sleep, and is at most 10x slower than the reference. */
#ifndef KDOJO_VERIFY_H
#define KDOJO_VERIFY_H

#include "check.h"
#include "lesson.h"
#include "paths.h"
#include "util.h"

#include <stdbool.h>

#define VERIFY_MARGIN 1.15
#define VERIFY_MAX_SLOWDOWN 10.0
/* A timing that misses its margin is measured again, up to this many runs in all: a check
   shares the machine, and one disturbed run says nothing about the lesson. Each extra run
   is named in the report. */
#define VERIFY_TIMING_RUNS 3

typedef struct {
    bool ok;
    strbuf log;   /* one line per step: "ok   reference passes (5 tests)" / "FAIL ..." */
    check_worker *worker; /* not owned: the GPU worker the checks go through (may be NULL) */
} verify_report;

/* worker (may be NULL): a GPU worker shared by the lessons of one verify run. */
void verify_lesson(const kd_paths *paths, const kd_lesson *l, check_worker *worker, verify_report *rep);
void verify_report_done(verify_report *rep);

#endif
