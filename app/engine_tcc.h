/* engine_tcc: compiles C sources in memory with libtcc and resolves their symbols.
   Diagnostics name each unit by the name it was given (the learner's own file name),
   never a temporary path. */
#ifndef KDOJO_ENGINE_TCC_H
#define KDOJO_ENGINE_TCC_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *name;    /* shown in diagnostics, e.g. "sum.c" */
    const char *source;
} tcc_unit;

typedef struct {
    const char *name;
    const void *addr;
} tcc_symbol;

typedef struct {
    const char *tcc_dir;       /* TinyCC runtime (libtcc1.a) */
    const char *include_dir;   /* kdojo learner headers */
    const tcc_symbol *symbols; /* provided to the program before linking (wrappers), NULL-terminated */
    int freestanding;          /* no C library: for generated code that calls only `symbols` */
} tcc_options;

typedef struct tcc_program tcc_program;

/* Compiles and links the units into one program. Returns NULL on failure; *diagnostics
   (caller frees) holds errors and warnings either way ("" when there are none). */
tcc_program *tcc_program_build(const tcc_options *o, const tcc_unit *units, int n, char **diagnostics);
void *tcc_program_symbol(tcc_program *p, const char *name);
/* Wraps a dlopen handle (code built by the system compiler) as a program. */
tcc_program *tcc_program_from_handle(void *dl_handle);
void tcc_program_free(tcc_program *p);
/* Names an address inside the program as "symbol" or "symbol+offset"; 0 when it is not.
   Allocates nothing for a TinyCC program (the hang report calls it from a signal handler). */
int tcc_program_name_address(tcc_program *p, const void *addr, char *out, size_t len);

/* Rejects #include directives that reach outside system and kdojo headers (absolute or
   parent-relative paths). Returns NULL when fine, else a message (caller frees). */
char *tcc_check_includes(const char *name, const char *source);

#endif
