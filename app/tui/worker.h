/* worker: grades a lesson on a thread of its own so the tutor never waits on a check. The
   thread calls check_run with a progress callback and a cancel flag, and wakes the main loop
   through a pipe; a new request cancels and supersedes a check in flight. */
#ifndef KDOJO_TUI_WORKER_H
#define KDOJO_TUI_WORKER_H

#include "check.h"
#include "lesson.h"
#include "paths.h"

#include <stdbool.h>

typedef struct worker worker;

/* NULL with *err when the thread cannot be started. */
worker *worker_new(const kd_paths *paths, const kd_lesson *l, const char *learner_path, char **err);
/* Cancels any check in flight and joins the thread. */
void worker_delete(worker *w);

int worker_fd(const worker *w);          /* readable when there is news; see worker_drain */
void worker_drain(worker *w);            /* empties that pipe */
void worker_check(worker *w);            /* starts a check (cancelling and replacing one in flight) */
bool worker_cancel(worker *w);           /* false when nothing was running */

typedef struct {
    bool running;
    double started;                      /* now_seconds() when it started */
    check_result partial;                /* tests so far (names, statuses, messages) */
} worker_progress;

/* Copies the progress of the check in flight (caller: check_result_done(&p->partial)). */
void worker_progress_get(worker *w, worker_progress *p);

/* Takes a finished check: true with *r (whatever the verdict) and the source it graded, or
   true with *err when it could not run; false when none is waiting. */
bool worker_take(worker *w, check_result *r, char **source, char **err);

#endif
