/* lesson: discovers lessons under lessons/<track>/<NN-slug>/, reads and validates their
   lesson.lua metadata, and hashes their content. A broken lesson carries an error that names
   the file and line; the rest of the catalog still loads. */
#ifndef KDOJO_LESSON_H
#define KDOJO_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A speed bar: the learner's median time divided by the `against` side's median time,
   measured side by side in the same check, must be at most max_ratio. */
typedef struct {
    char *name;       /* key in lesson.lua's bars table; grade.lua refers to it */
    double max_ratio;
    char *against;    /* "reference" (solution.c) or a name the grader gives its baseline */
    char *what;       /* one line for the learner: "row-order sum vs the reference" */
} kd_bar;

typedef struct {
    char *id;          /* "track/NN-slug" */
    char *track;
    char *dir;         /* absolute directory of the lesson */
    char *title, *summary;
    char *engine;      /* "c" (libtcc), "cc" (system compiler), "cuda" */
    char *file;        /* learner file name in the workspace, e.g. "sum.c" */
    char **hints;
    int n_hints;
    char **requires;   /* CPU features the lesson needs ("avx2"), as /proc/cpuinfo names them */
    int n_requires;
    kd_bar *bars;
    int n_bars;
    double timeout;    /* wall-clock seconds for one whole check */
    long memory_mb;    /* data-size limit of the grading child */
    bool network;      /* true: the child gets a loopback-only network */
    bool has_harness;
    uint64_t hash;     /* content hash of every file in the lesson directory: use lesson_hash() */
    bool hash_known;
    char *error;       /* non-NULL when the lesson is broken: "path:line: what is wrong" */
    bool loaded;       /* metadata and hash read (catalog_scan leaves them for lesson_load) */
} kd_lesson;

typedef struct {
    char *id, *title;
} kd_track;

typedef struct {
    kd_lesson *lessons;
    int n;
    kd_track *tracks;  /* in display order (lessons/tracks.lua, then any others) */
    int n_tracks;
} kd_catalog;

/* Loads every lesson; returns the number of broken lessons (each carries its error). */
int catalog_load(kd_catalog *c, const char *lessons_dir);
void catalog_done(kd_catalog *c);
/* Lists the lessons without reading them (ids and directories only): one lesson can then be
   loaded with lesson_load, which is all `kdojo check` needs. */
void catalog_scan(kd_catalog *c, const char *lessons_dir);
void lesson_load(kd_lesson *l);
/* The content hash of every file in the lesson's directory, computed on first use (reading a
   whole lesson is only needed when its progress could be stale). */
uint64_t lesson_hash(kd_lesson *l);

/* Finds a lesson by exact id, or by a unique unambiguous suffix ("03-traversal-order",
   "traversal-order"). On failure returns NULL and sets *err (caller frees). */
kd_lesson *catalog_find(kd_catalog *c, const char *query, char **err);

/* Path of a file in the lesson's directory (caller frees). */
char *lesson_path(const kd_lesson *l, const char *name);
/* The variant files, with the learner file's extension: "starter", "solution", "slow". */
char *lesson_variant_path(const kd_lesson *l, const char *variant);
const kd_bar *lesson_bar(const kd_lesson *l, const char *name);
/* The first CPU feature the lesson requires that this machine lacks (caller frees), or NULL. */
char *lesson_missing_feature(const kd_lesson *l);

/* Validates lesson.lua text on its own (no files needed): NULL when fine, else the error
   (caller frees). For tests and the fuzzer. */
char *lesson_check_metadata(const char *text, size_t len);

#endif
