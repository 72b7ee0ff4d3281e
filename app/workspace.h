/* workspace: the learner's own copies of lesson files (default ~/kdojo/<track>/<NN-slug>/),
   seeded from each lesson's starter the first time it is used; the lessons tree stays pristine. */
#ifndef KDOJO_WORKSPACE_H
#define KDOJO_WORKSPACE_H

#include "lesson.h"
#include "paths.h"

char *workspace_file(const kd_paths *p, const kd_lesson *l);  /* caller frees */
char *workspace_dir(const kd_paths *p, const kd_lesson *l);

/* Creates the learner's file from the starter if it does not exist yet, and keeps
   compile_flags.txt at the workspace root pointing at kdojo's headers. 0 or -1 + *err. */
int workspace_seed(const kd_paths *p, const kd_lesson *l, char **err);

/* Moves the learner's file to <file>.bak-<timestamp> and puts the starter back.
   *backup (caller frees) names the backup, or NULL when there was no file. */
int workspace_reset(const kd_paths *p, const kd_lesson *l, char **backup, char **err);

#endif
