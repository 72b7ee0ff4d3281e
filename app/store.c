/* store: the learner's progress in SQLite. */
#include "store.h"
#include "result.h"
#include "util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct kd_store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *progress_stmt;  /* prepared once: list and the TUI ask per lesson */
};

/* A statement prepared on first use and reset for reuse; NULL if it cannot be prepared. */
static sqlite3_stmt *cached(kd_store *s, sqlite3_stmt **slot, const char *sql) {
    if (!*slot && sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
        *slot = NULL;
        return NULL;
    }
    sqlite3_reset(*slot);
    sqlite3_clear_bindings(*slot);
    return *slot;
}

/* Each entry moves the schema from version i to i+1. Never edit a released entry. */
static const char *const migrations[] = {
    "CREATE TABLE attempts ("
    "  id INTEGER PRIMARY KEY,"
    "  lesson_id TEXT NOT NULL,"
    "  lesson_hash TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  verdict TEXT NOT NULL,"
    "  passed INTEGER NOT NULL,"
    "  tests_passed INTEGER NOT NULL,"
    "  tests_total INTEGER NOT NULL,"
    "  seconds REAL NOT NULL,"
    "  seed INTEGER NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  results TEXT NOT NULL,"
    "  source TEXT NOT NULL);"
    "CREATE INDEX attempts_by_lesson ON attempts(lesson_id, id);"
    "CREATE INDEX attempts_by_time ON attempts(at);"
    "CREATE TABLE timings ("
    "  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
    "  bar TEXT NOT NULL, learner REAL NOT NULL, against REAL NOT NULL,"
    "  ratio REAL NOT NULL, max_ratio REAL NOT NULL, pass INTEGER NOT NULL);"
    "CREATE INDEX timings_by_attempt ON timings(attempt_id);"
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);",

    /* 2: summaries kept up to date with every attempt, so the browser and the dashboard read
       one row per lesson and one per day however long the history grows. Rebuilt from the
       attempts here (dropping any stale copy, so a store can be re-migrated to rebuild). */
    "DROP TABLE IF EXISTS lesson_summary;"
    "CREATE TABLE lesson_summary ("
    "  lesson_id TEXT PRIMARY KEY,"
    "  attempts INTEGER NOT NULL,"
    "  passed INTEGER NOT NULL,"
    "  last_verdict TEXT NOT NULL,"
    "  last_at INTEGER NOT NULL,"
    "  pass_hash TEXT,"         /* lesson hash of the most recent passing attempt */
    "  best_ratio REAL,"        /* lowest ratio of the first bar over passing attempts */
    "  best_learner REAL);"
    "INSERT INTO lesson_summary SELECT a.lesson_id, count(*), max(a.passed),"
    "  (SELECT verdict FROM attempts b WHERE b.lesson_id = a.lesson_id ORDER BY id DESC LIMIT 1), max(a.at),"
    "  (SELECT lesson_hash FROM attempts b WHERE b.lesson_id = a.lesson_id AND b.passed ORDER BY id DESC LIMIT 1),"
    "  NULL, NULL FROM attempts a GROUP BY a.lesson_id;"
    "UPDATE lesson_summary SET (best_ratio, best_learner) = (SELECT min(t.ratio), t.learner FROM timings t"
    "  JOIN attempts a ON a.id = t.attempt_id WHERE a.lesson_id = lesson_summary.lesson_id AND a.passed);"
    "DROP TABLE IF EXISTS activity;"
    "CREATE TABLE activity (day TEXT PRIMARY KEY, attempts INTEGER NOT NULL);"
    "INSERT INTO activity SELECT date(at, 'unixepoch', 'localtime'), count(*) FROM attempts GROUP BY 1;",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

static int exec(kd_store *s, const char *sql, char **err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (err) *err = xasprintf("%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int user_version(kd_store *s) {
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int check_version(kd_store *s, int v, char **err) {
    if (v < 0) {
        *err = xasprintf("%s: %s", s->path, sqlite3_errmsg(s->db));
        return -1;
    }
    if (v > SCHEMA_VERSION) {
        *err = xasprintf("%s was written by a newer kdojo (schema %d, this kdojo knows %d); upgrade kdojo",
                         s->path, v, SCHEMA_VERSION);
        return -1;
    }
    return 0;
}

static int migrate(kd_store *s, char **err) {
    int v = user_version(s);
    if (check_version(s, v, err) < 0) return -1;
    if (v == SCHEMA_VERSION) return 0;
    /* Another kdojo may be migrating the same file (two checks started on a fresh install): the
       version read before the write lock may be stale, and running a step twice fails. Read it
       again under the lock. */
    if (exec(s, "BEGIN IMMEDIATE", err) < 0) return -1;
    v = user_version(s);
    int rc = check_version(s, v, err);
    for (; rc == 0 && v < SCHEMA_VERSION; v++) {
        char *sql = xasprintf("%s; PRAGMA user_version = %d;", migrations[v], v + 1);
        rc = exec(s, sql, err);
        free(sql);
    }
    if (rc == 0 && exec(s, "COMMIT", err) == 0) return 0;
    exec(s, "ROLLBACK", NULL);
    return -1;
}

/* Moves a database we cannot read out of the way, keeping it for the learner to inspect. */
static char *move_aside(const char *path) {
    char stamp[32];
    time_t t = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
    char *aside = xasprintf("%s.corrupt-%s", path, stamp);
    rename(path, aside);
    const char *sfx[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        char *from = xasprintf("%s%s", path, sfx[i]), *to = xasprintf("%s%s", aside, sfx[i]);
        rename(from, to);
        free(from);
        free(to);
    }
    return aside;
}

static int truncate_long_wal(void *ctx, sqlite3 *db, const char *name, int frames) {
    (void)ctx;
    if (frames >= 128) sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return SQLITE_OK;
}

static int try_open(kd_store *s, char **err, int *corrupt) {
    *corrupt = 0;
    int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(s->db, 10000);
        /* Checkpointing when the last connection closes would fsync the database on every
           `kdojo check`. Instead the WAL is checkpointed and truncated once it holds 128
           pages (every twenty attempts or so): a short WAL also keeps cheap the recovery scan
           that every new kdojo process makes when it is the first to open the store. */
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        sqlite3_wal_hook(s->db, truncate_long_wal, NULL);
        char *e = NULL;
        if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", &e) == 0 &&
            exec(s, "SELECT count(*) FROM sqlite_master", &e) == 0 && migrate(s, &e) == 0)
            return 0;
        rc = sqlite3_errcode(s->db);
        *err = e;
    } else {
        *err = xasprintf("cannot open %s: %s", s->path, sqlite3_errstr(rc));
    }
    *corrupt = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
    sqlite3_close(s->db);
    s->db = NULL;
    return -1;
}

kd_store *store_open(const char *dir, char **warning, char **err) {
    *warning = NULL;
    if (mkdir_p(dir, 0755) < 0) {
        *err = xasprintf("cannot create the progress directory %s: %s (set XDG_DATA_HOME to a writable place)", dir,
                         strerror(errno));
        return NULL;
    }
    kd_store *s = xcalloc(1, sizeof *s);
    s->path = path_join(dir, "progress.db");
    int corrupt;
    char *e = NULL;
    if (try_open(s, &e, &corrupt) < 0 && corrupt) {
        char *aside = move_aside(s->path);
        *warning = xasprintf("the progress database could not be read (%s); it was moved to %s and a new one started",
                             e, aside);
        free(aside);
        free(e);
        e = NULL;
        try_open(s, &e, &corrupt);
    }
    if (!s->db) {
        *err = e ? e : xasprintf("cannot open %s", s->path);
        free(s->path);
        free(s);
        return NULL;
    }
    free(e);
    return s;
}

void store_close(kd_store *s) {
    if (!s) return;
    sqlite3_finalize(s->progress_stmt);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

const char *store_path(const kd_store *s) { return s->path; }

/* ---------------------------------------------------------------- attempts */

static int64_t insert_attempt(kd_store *s, kd_lesson *l, const check_result *r, const char *source) {
    sqlite3_stmt *st;
    const char *sql = "INSERT INTO attempts(lesson_id, lesson_hash, at, verdict, passed, tests_passed, tests_total,"
                      " seconds, seed, summary, results, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    char hash[24];
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)lesson_hash(l));
    strbuf json = {0};
    result_json(r, &json);
    sqlite3_bind_text(st, 1, l->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, unix_time());
    sqlite3_bind_text(st, 4, verdict_name(r->verdict), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, r->verdict == V_PASS);
    sqlite3_bind_int(st, 6, check_tests_passed(r));
    sqlite3_bind_int(st, 7, r->n_tests);
    sqlite3_bind_double(st, 8, r->seconds);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)r->seed);
    sqlite3_bind_text(st, 10, r->summary ? r->summary : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, sb_str(&json), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, source ? source : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    sb_done(&json);
    return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(s->db) : -1;
}

static int insert_timings(kd_store *s, int64_t id, const check_result *r) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO timings VALUES (?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = SQLITE_DONE;
    for (int i = 0; i < r->n_timings && rc == SQLITE_DONE; i++) {
        const timing_result *t = &r->timings[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, t->bar, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, t->learner);
        sqlite3_bind_double(st, 4, t->against_s);
        sqlite3_bind_double(st, 5, t->ratio);
        sqlite3_bind_double(st, 6, t->max_ratio);
        sqlite3_bind_int(st, 7, t->pass);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int update_summaries(kd_store *s, kd_lesson *l, const check_result *r, int64_t at) {
    static const char *sql =
        "INSERT INTO lesson_summary(lesson_id, attempts, passed, last_verdict, last_at, pass_hash, best_ratio, best_learner)"
        " VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7)"
        " ON CONFLICT(lesson_id) DO UPDATE SET attempts = attempts + 1, passed = max(passed, excluded.passed),"
        " last_verdict = excluded.last_verdict, last_at = excluded.last_at,"
        " pass_hash = coalesce(excluded.pass_hash, pass_hash),"
        " best_learner = CASE WHEN excluded.best_ratio < coalesce(best_ratio, 1e300) THEN excluded.best_learner ELSE best_learner END,"
        " best_ratio = min(coalesce(best_ratio, 1e300), coalesce(excluded.best_ratio, 1e300));"
        "INSERT INTO activity(day, attempts) VALUES (date(?4, 'unixepoch', 'localtime'), 1)"
        " ON CONFLICT(day) DO UPDATE SET attempts = attempts + 1;";
    bool passed = r->verdict == V_PASS;
    char hash[24];
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)lesson_hash(l));
    const char *tail = sql;
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && tail && *tail) {
        sqlite3_stmt *st;
        if ((rc = sqlite3_prepare_v2(s->db, tail, -1, &st, &tail)) != SQLITE_OK || !st) break;
        sqlite3_bind_text(st, 1, l->id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, passed);
        sqlite3_bind_text(st, 3, verdict_name(r->verdict), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, at);
        if (passed) sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
        if (passed && r->n_timings) {
            sqlite3_bind_double(st, 6, r->timings[0].ratio);
            sqlite3_bind_double(st, 7, r->timings[0].learner);
        }
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(st);
    }
    return rc == SQLITE_OK ? 0 : -1;
}

int64_t store_add_attempt(kd_store *s, kd_lesson *l, const check_result *r, const char *source, char **err) {
    if (exec(s, "BEGIN IMMEDIATE", err) < 0) return -1;
    int64_t id = insert_attempt(s, l, r, source);
    if (id < 0 || insert_timings(s, id, r) < 0 || update_summaries(s, l, r, unix_time()) < 0) {
        int code = sqlite3_errcode(s->db);
        *err = xasprintf("cannot save the attempt in %s: %s%s", s->path, sqlite3_errmsg(s->db),
                         code == SQLITE_FULL || code == SQLITE_IOERR ? " (is the disk full?)" : "");
        exec(s, "ROLLBACK", NULL);
        return -1;
    }
    if (exec(s, "COMMIT", err) < 0) {
        exec(s, "ROLLBACK", NULL);
        return -1;
    }
    return id;
}

void store_track_counts(kd_store *s, kd_catalog *c, const char *track, int *done, int *total) {
    *done = *total = 0;
    for (int i = 0; i < c->n; i++) {
        kd_lesson *l = &c->lessons[i];
        if (strcmp(l->track, track) || l->error) continue;
        lesson_progress p;
        store_lesson_progress(s, l, &p);
        (*total)++;
        *done += lesson_progress_done(&p);
    }
}

void store_lesson_progress(kd_store *s, kd_lesson *l, lesson_progress *p) {
    memset(p, 0, sizeof *p);
    sqlite3_stmt *st = cached(s, &s->progress_stmt,
        "SELECT attempts, passed, pass_hash, last_verdict, last_at, best_ratio, best_learner"
        " FROM lesson_summary WHERE lesson_id = ?1");
    if (!st) return;
    sqlite3_bind_text(st, 1, l->id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        p->attempts = sqlite3_column_int(st, 0);
        p->passed = sqlite3_column_int(st, 1);
        if (p->passed) {
            char hash[24];
            snprintf(hash, sizeof hash, "%016llx", (unsigned long long)lesson_hash(l));
            const unsigned char *ph = sqlite3_column_text(st, 2);
            p->changed = !ph || strcmp((const char *)ph, hash);
        }
        const unsigned char *v = sqlite3_column_text(st, 3);
        snprintf(p->last_verdict, sizeof p->last_verdict, "%s", v ? (const char *)v : "");
        p->last_at = sqlite3_column_int64(st, 4);
        double best = sqlite3_column_double(st, 5);
        if (sqlite3_column_type(st, 5) != SQLITE_NULL && best < 1e299) {
            p->best_ratio = best;
            p->best_seconds = sqlite3_column_double(st, 6);
        }
    }
    sqlite3_reset(st);
}

/* ---------------------------------------------------------------- state, history */

char *store_get(kd_store *s, const char *key) {
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM state WHERE key = ?", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) v = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return v;
}

int store_set(kd_store *s, const char *key, const char *value) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---------------------------------------------------------------- the last result, again */

static char *column_dup(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static verdict verdict_of(const char *name) {
    for (int v = V_PASS; v <= V_INTERNAL; v++)
        if (name && !strcmp(name, verdict_name((verdict)v))) return (verdict)v;
    return V_INTERNAL;
}

/* The stored JSON (result_json's) is read back with SQLite's own JSON functions. */
static void result_fields(sqlite3 *db, const char *json, check_result *r) {
    sqlite3_stmt *st;
    const char *sql = "SELECT json_extract(?1,'$.lesson'), json_extract(?1,'$.verdict'), json_extract(?1,'$.seed'),"
                      " json_extract(?1,'$.seconds'), json_extract(?1,'$.summary'), json_extract(?1,'$.compiled'),"
                      " json_extract(?1,'$.diagnostics'), json_extract(?1,'$.crash'), json_extract(?1,'$.hang'),"
                      " json_extract(?1,'$.sanitizer')";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return;
    sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->lesson_id = column_dup(st, 0);
        char *v = column_dup(st, 1);
        r->verdict = verdict_of(v);
        free(v);
        r->seed = (uint64_t)sqlite3_column_int64(st, 2);
        r->seconds = sqlite3_column_double(st, 3);
        r->summary = column_dup(st, 4);
        r->compiled = sqlite3_column_int(st, 5) != 0;
        r->diagnostics = column_dup(st, 6);
        r->crash = column_dup(st, 7);
        r->hang = column_dup(st, 8);
        r->sanitizer = column_dup(st, 9);
    }
    sqlite3_finalize(st);
}

static void result_tests(sqlite3 *db, const char *json, check_result *r) {
    sqlite3_stmt *st;
    const char *sql = "SELECT json_extract(value,'$.name'), json_extract(value,'$.status'), json_extract(value,'$.message'),"
                      " json_extract(value,'$.detail'), json_extract(value,'$.output') FROM json_each(?1, '$.tests')";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return;
    sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        r->tests = xrealloc(r->tests, (size_t)(r->n_tests + 1) * sizeof *r->tests);
        test_result *t = &r->tests[r->n_tests++];
        memset(t, 0, sizeof *t);
        t->name = column_dup(st, 0);
        t->status = column_dup(st, 1);
        t->message = column_dup(st, 2);
        t->detail = column_dup(st, 3);
        t->output = column_dup(st, 4);
        if (!t->name) t->name = xstrdup("?");
        if (!t->status) t->status = xstrdup("error");
    }
    sqlite3_finalize(st);
}

static void result_timings(sqlite3 *db, const char *json, check_result *r) {
    sqlite3_stmt *st;
    const char *sql = "SELECT json_extract(value,'$.bar'), json_extract(value,'$.against'), json_extract(value,'$.learner_s'),"
                      " json_extract(value,'$.against_s'), json_extract(value,'$.ratio'), json_extract(value,'$.max_ratio'),"
                      " json_extract(value,'$.reps'), json_extract(value,'$.pass') FROM json_each(?1, '$.timings')";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return;
    sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        r->timings = xrealloc(r->timings, (size_t)(r->n_timings + 1) * sizeof *r->timings);
        timing_result *t = &r->timings[r->n_timings++];
        memset(t, 0, sizeof *t);
        t->test = -1;
        t->bar = column_dup(st, 0);
        t->against = column_dup(st, 1);
        if (!t->bar) t->bar = xstrdup("?");
        if (!t->against) t->against = xstrdup("?");
        t->learner = sqlite3_column_double(st, 2);
        t->against_s = sqlite3_column_double(st, 3);
        t->ratio = sqlite3_column_double(st, 4);
        t->max_ratio = sqlite3_column_double(st, 5);
        t->reps = sqlite3_column_int(st, 6);
        t->pass = sqlite3_column_int(st, 7) != 0;
    }
    sqlite3_finalize(st);
}

int store_last_result(kd_store *s, const char *lesson_id, check_result *r, char **source, int64_t *at) {
    memset(r, 0, sizeof *r);
    r->running = -1;
    *source = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT at, results, source FROM attempts WHERE lesson_id = ? ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, lesson_id, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        *at = sqlite3_column_int64(st, 0);
        const char *json = (const char *)sqlite3_column_text(st, 1);
        *source = column_dup(st, 2);
        result_fields(s->db, json ? json : "{}", r);
        result_tests(s->db, json ? json : "{}", r);
        result_timings(s->db, json ? json : "{}", r);
        if (!r->lesson_id) r->lesson_id = xstrdup(lesson_id);
    }
    sqlite3_finalize(st);
    return found;
}

int store_recent(kd_store *s, attempt_row *rows, int max) {
    sqlite3_stmt *st;
    int n = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT id, at, lesson_id, verdict, seconds FROM attempts ORDER BY id DESC LIMIT ?",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int(st, 1, max);
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        attempt_row *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        r->at = sqlite3_column_int64(st, 1);
        snprintf(r->lesson_id, sizeof r->lesson_id, "%s", (const char *)sqlite3_column_text(st, 2));
        snprintf(r->verdict, sizeof r->verdict, "%s", (const char *)sqlite3_column_text(st, 3));
        r->seconds = sqlite3_column_double(st, 4);
    }
    sqlite3_finalize(st);
    return n;
}

void store_activity(kd_store *s, int *counts, int days) {
    memset(counts, 0, sizeof(int) * (size_t)days);
    sqlite3_stmt *st;
    const char *sql = "SELECT CAST(julianday(date('now', 'localtime')) - julianday(day) AS INTEGER), attempts"
                      " FROM activity WHERE day >= date('now', 'localtime', ?)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return;
    char back[32];
    snprintf(back, sizeof back, "-%d days", days);
    sqlite3_bind_text(st, 1, back, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int d = sqlite3_column_int(st, 0);
        if (d >= 0 && d < days) counts[d] = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
}
