/* mutate: simple mutants of a reference solution for kdojo verify: each exported (non-static)
   function in turn gets an empty body, or `return 0;`. A lesson's tests must catch them all. */
#ifndef KDOJO_MUTATE_H
#define KDOJO_MUTATE_H

typedef struct {
    char *function;   /* name of the mutated function */
    char *kind;       /* "empty body" | "return 0" */
    char *source;     /* the whole mutated file */
    int garbage;      /* the mutant returns an indeterminate value (empty body, non-void) */
} mutant;

/* Returns the number of mutants written into *out (caller frees with mutants_free). */
int mutants_make(const char *source, mutant **out);
void mutants_free(mutant *m, int n);

#endif
