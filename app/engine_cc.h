/* engine_cc: compiles learner C with the system compiler (cc -O2 -march=native) into a shared
   object in the scratch directory and loads it, for lessons TinyCC cannot express (SIMD
   intrinsics, int8 dot products) or cannot show at full speed. Diagnostics keep the learner's
   file name; a missing compiler is reported plainly. */
#ifndef KDOJO_ENGINE_CC_H
#define KDOJO_ENGINE_CC_H

#include "engine_tcc.h"
#include "util.h"

/* Writes the units into the current directory, compiles them into `<tag>.so`, and loads it.
   flags: the optimisation and instrumentation flags, NULL-terminated (NULL: -O2 -march=native;
   --sanitize passes -fsanitize=<kind> -g -O1). Returns a program (symbols via dlsym) or NULL
   with *diagnostics set. */
tcc_program *cc_program_build(const char *include_dir, const char *tag, const tcc_unit *units, int n,
                              const char *const *flags, char **diagnostics);

/* Runs argv (PATH searched), collecting its stdout and stderr (up to 1 MiB) into *out;
   returns its exit status, or -1 with errno when it could not run or was killed. */
int cc_run_collect(char *const argv[], strbuf *out);

/* The compiler kdojo would use ($CC, else cc), or NULL when none can be run. */
const char *cc_compiler(void);

#endif
