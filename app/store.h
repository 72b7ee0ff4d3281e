/* store: the learner's progress in SQLite (WAL) under $XDG_DATA_HOME/kdojo/progress.db.
   Every attempt is kept with its verdict, per-test results, timings and a snapshot of the
   source. The schema is versioned (PRAGMA user_version) and migrated forward on open.
   A database that cannot be read is moved aside with a timestamp and a warning, never lost. */
#ifndef KDOJO_STORE_H
#define KDOJO_STORE_H

#include "check.h"
#include "lesson.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct kd_store kd_store;

/* Opens (creating) the store in dir. On success *warning may hold a message to show (e.g. a
   corrupt file was moved aside; caller frees). NULL with *err when it cannot be opened. */
kd_store *store_open(const char *dir, char **warning, char **err);
void store_close(kd_store *s);
const char *store_path(const kd_store *s);

/* Records an attempt; returns its id, or -1 with *err. */
int64_t store_add_attempt(kd_store *s, kd_lesson *l, const check_result *r, const char *source, char **err);

typedef struct {
    int attempts;
    bool passed;          /* passed at some point */
    bool changed;         /* passed an earlier version of the lesson, not this one */
    char last_verdict[24];
    int64_t last_at;
    double best_ratio;    /* best (lowest) ratio of the lesson's first bar, 0 if none */
    double best_seconds;  /* the learner's median time in that best run */
} lesson_progress;

/* The lesson's progress; its content is hashed only if it was passed (to tell "changed"). */
void store_lesson_progress(kd_store *s, kd_lesson *l, lesson_progress *p);

/* Done: passed in its current version (a lesson changed since its pass is to do again). */
static inline bool lesson_progress_done(const lesson_progress *p) { return p->passed && !p->changed; }

/* How many of a track's loadable lessons are done, of how many. */
void store_track_counts(kd_store *s, kd_catalog *c, const char *track, int *done, int *total);

/* Small key-value state for the UI and CLI: last lesson, hint level, scroll positions. */
char *store_get(kd_store *s, const char *key);  /* caller frees; NULL if unset */
int store_set(kd_store *s, const char *key, const char *value);

typedef struct {
    int64_t id, at;
    char lesson_id[128], verdict[24];
    double seconds;
} attempt_row;

/* The lesson's last recorded attempt as a result again (tests, timings, diagnostics), with the
   source it graded and when: 1, or 0 when there is none. The caller frees r and *source. */
int store_last_result(kd_store *s, const char *lesson_id, check_result *r, char **source, int64_t *at);

/* The most recent attempts, newest first; returns how many were filled. */
int store_recent(kd_store *s, attempt_row *rows, int max);
/* Attempts per day for the last `days` days (counts[0] is today). */
void store_activity(kd_store *s, int *counts, int days);

#endif
