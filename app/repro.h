/* repro: records the learner-function calls a test makes (arguments, buffer contents) and
   writes them out as a standalone C program, so a failing test can be replayed under gdb. */
#ifndef KDOJO_REPRO_H
#define KDOJO_REPRO_H

#include <lua.h>

/* Starts recording calls to the learner's functions. After each recorded call (before it runs,
   so a call that crashes is included) `publish` receives the whole program so far. The
   lesson's harness, when it has one, is part of the program: tests often call through it. */
void repro_enable(const char *learner_file, const char *harness_src, void (*publish)(const char *source));

#endif
