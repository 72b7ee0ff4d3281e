/* paths: where kdojo's data (lessons, graders, kernels), the learner's workspace and the
   progress store live. Nothing here needs environment variables, but each can be overridden. */
#ifndef KDOJO_PATHS_H
#define KDOJO_PATHS_H

typedef struct {
    char *data_dir;      /* holds lessons/, graders/, kernels/, assets/ */
    char *lessons_dir;
    char *graders_dir;
    char *include_dir;   /* kernels/include: learner headers (kdojo/atomic.h, ...) */
    char *assets_dir;
    char *workspace;     /* learner files: ~/kdojo by default, KDOJO_WORKSPACE overrides */
    char *state_dir;     /* $XDG_DATA_HOME/kdojo: progress.db */
    char *tcc_dir;       /* TinyCC runtime: libtcc1.a and its headers */
} kd_paths;

/* Fills p; returns 0, or -1 with a message in *err when no data directory can be found. */
int paths_init(kd_paths *p, char **err);
void paths_done(kd_paths *p);

#endif
