/* results: a check as styled lines for the lesson screen: the verdict, one line per test with
   what was given, expected and got, compile errors at the learner's line with a caret, timing
   bars (learner, bar to beat, reference) and where a crash or timeout happened. */
#ifndef KDOJO_TUI_RESULTS_H
#define KDOJO_TUI_RESULTS_H

#include "check.h"
#include "lesson.h"
#include "markdown.h"
#include "worker.h"

void results_render(mdoc *d, const check_result *r, const kd_lesson *l, const char *source, int width);
/* A check in flight: "checking…", tests done so far, the one running. */
void results_progress(mdoc *d, const worker_progress *p, int frame, int width);

#endif
