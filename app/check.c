/* check: one grading run seen from the parent. */
#include "check.h"
#include "cuda_gpu.h"
#include "grader.h"
#include "sandbox.h"
#include "sanitize.h"
#include "util.h"
#include "wire.h"

#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUTPUT_CAP_PER_TEST 4096
#define STRAY_OUTPUT_CAP 4096
#define OUTPUT_LIMIT (16u << 20) /* a run that prints more than this is stopped */

const char *verdict_name(verdict v) {
    static const char *names[] = {"pass", "fail", "compile-error", "crash", "timeout", "grader-error", "cancelled", "internal-error"};
    return names[v];
}

typedef struct {
    check_result *r;
    wire_decoder dec;
    bool done, hello, planned;
    size_t output_total;
    uint64_t nonce;          /* of the output markers */
    int output_test;         /* the test the output stream is in (-1: none) */
    char carry[64];          /* a marker split across reads */
    size_t carry_len;
    char **outs;             /* output per test index, moved into the tests at the end: the */
    size_t *dropped;         /* output pipe may be read before the plan that names the tests */
    int nouts;
    const check_options *opt;
    strbuf san_tail;         /* --sanitize: the last of the output, where a report lands */
    bool worker_ready;       /* a GPU worker said it waits for the next job */
} run_state;

#define SAN_TAIL_CAP (256u << 10)

/* ---------------------------------------------------------------- records */

static char *take(wire_record *rec, int i) {
    if (i >= rec->nfields) return xstrdup("");
    char *s = rec->field[i];
    rec->field[i] = xstrdup("");
    return s;
}

static test_result *test_at(check_result *r, const wire_record *rec) {
    if (rec->nfields < 1) return NULL;
    long i = strtol(rec->field[0], NULL, 10);
    return (i >= 0 && i < r->n_tests) ? &r->tests[i] : NULL;
}

/* plan: count, then the test names separated by newlines. */
static void on_plan(check_result *r, wire_record *rec) {
    if (rec->nfields < 2) return;
    long n = strtol(rec->field[0], NULL, 10);
    if (n <= 0 || n > 100000) return;
    r->tests = xcalloc((size_t)n, sizeof *r->tests);
    char *p = rec->field[1];
    for (long i = 0; i < n; i++) {
        char *nl = p ? strchr(p, '\n') : NULL;
        if (nl) *nl = 0;
        r->tests[i].name = xstrdup(p ? p : "?");
        r->tests[i].status = xstrdup("pending");
        p = nl ? nl + 1 : NULL;
    }
    r->n_tests = (int)n;
}

static void on_timing(check_result *r, wire_record *rec) {
    if (rec->nfields < 9) return;
    r->timings = xrealloc(r->timings, sizeof(timing_result) * (size_t)(r->n_timings + 1));
    timing_result *t = &r->timings[r->n_timings++];
    t->test = atoi(rec->field[0]);
    t->bar = take(rec, 1);
    t->learner = strtod(rec->field[2], NULL);
    t->against_s = strtod(rec->field[3], NULL);
    t->ratio = strtod(rec->field[4], NULL);
    t->max_ratio = strtod(rec->field[5], NULL);
    t->reps = atoi(rec->field[6]);
    t->pass = !strcmp(rec->field[7], "1") || !strcmp(rec->field[7], "true");
    t->against = take(rec, 8);
}

static void append_note(char **notes, const char *text) {
    char *n = xasprintf("%s%s%s", *notes ? *notes : "", *notes ? "\n" : "", text);
    free(*notes);
    *notes = n;
}

static void handle_record(run_state *s, wire_record *rec) {
    check_result *r = s->r;
    test_result *t;
    switch (rec->type) {
    case W_HELLO:
        s->hello = true;
        break;
    case W_COMPILE:
        if (rec->nfields >= 3 && !strcmp(rec->field[0], "learner")) {
            r->compiled = !strcmp(rec->field[1], "1");
            free(r->diagnostics);
            r->diagnostics = take(rec, 2);
        }
        break;
    case W_PLAN:
        if (!s->planned) on_plan(r, rec);
        s->planned = true;
        break;
    case W_TEST_BEGIN:
        if ((t = test_at(r, rec))) {
            free(t->status);
            t->status = xstrdup("running");
            r->running = (int)(t - r->tests);
        }
        break;
    case W_TEST_END:
        if ((t = test_at(r, rec)) && rec->nfields >= 4) {
            free(t->status); free(t->message); free(t->detail);
            t->status = take(rec, 1);
            t->message = take(rec, 2);
            t->detail = take(rec, 3);
            r->running = -1;
        }
        break;
    case W_TIMING: on_timing(r, rec); break;
    case W_CRASH:
        if (rec->nfields >= 4) {
            free(r->crash);
            r->crash = xasprintf("%s%s%s", rec->field[2], rec->field[3][0] ? ": " : "", rec->field[3]);
        }
        break;
    case W_NOTE:
        if (rec->nfields >= 1) append_note(&r->notes, rec->field[0]);
        break;
    case W_REPRO:
        if (rec->nfields >= 2) {
            free(r->repro);
            r->repro = take(rec, 1);
        }
        break;
    case W_DONE: s->done = true; break;
    case W_READY: s->worker_ready = true; break;
    case W_HANG:
        if (rec->nfields >= 1) {
            free(r->hang);
            r->hang = take(rec, 0);
        }
        break;
    }
}

static void on_result_bytes(void *ctx, const char *data, size_t n) {
    run_state *s = ctx;
    wire_feed(&s->dec, data, n);
    wire_record rec;
    bool any = false;
    while (wire_next(&s->dec, &rec) == 1) {
        handle_record(s, &rec);
        wire_record_done(&rec);
        any = true;
    }
    if (any && s->opt->progress) s->opt->progress(s->opt->progress_ctx, s->r);
}

static void append_capped(char **dst, size_t *dropped, const char *data, size_t n, size_t cap) {
    size_t have = *dst ? strlen(*dst) : 0;
    size_t room = have < cap ? cap - have : 0;
    size_t take_n = n < room ? n : room;
    /* Output may contain NULs; keep the text up to the first one. */
    size_t text = strnlen(data, take_n);
    if (text) {
        *dst = xrealloc(*dst, have + text + 1);
        memcpy(*dst + have, data, text);
        (*dst)[have + text] = 0;
    }
    if (dropped) *dropped += n - take_n;
}

/* The stream is complete once the child said "done"; a run can stop waiting for it then. */
static bool stream_complete(void *ctx) {
    run_state *s = ctx;
    return s->done && !s->dec.corrupt;
}

static bool output_flood(void *ctx) {
    run_state *s = ctx;
    return s->output_total > OUTPUT_LIMIT;
}

static void attribute_output(run_state *s, const char *data, size_t n) {
    if (!n) return;
    if (s->opt->sanitize) {
        sb_append(&s->san_tail, data, n);
        if (s->san_tail.len > SAN_TAIL_CAP) { /* keep the newer half */
            size_t drop = s->san_tail.len - SAN_TAIL_CAP / 2;
            memmove(s->san_tail.data, s->san_tail.data + drop, s->san_tail.len - drop + 1);
            s->san_tail.len -= drop;
        }
    }
    int i = s->output_test;
    if (i >= 0 && i < 100000) {
        if (i >= s->nouts) {
            s->outs = xrealloc(s->outs, sizeof *s->outs * (size_t)(i + 1));
            s->dropped = xrealloc(s->dropped, sizeof *s->dropped * (size_t)(i + 1));
            for (int k = s->nouts; k <= i; k++) s->outs[k] = NULL, s->dropped[k] = 0;
            s->nouts = i + 1;
        }
        append_capped(&s->outs[i], &s->dropped[i], data, n, OUTPUT_CAP_PER_TEST);
    } else {
        append_capped(&s->r->stray_output, NULL, data, n, STRAY_OUTPUT_CAP);
    }
}

/* Hands each test its output; output of indices no test has is shown as stray. */
static void settle_output(run_state *s) {
    check_result *r = s->r;
    for (int i = 0; i < s->nouts; i++) {
        if (!s->outs[i]) continue;
        if (i < r->n_tests) {
            r->tests[i].output = s->outs[i];
            r->tests[i].output_dropped = s->dropped[i];
        } else {
            append_capped(&r->stray_output, NULL, s->outs[i], strlen(s->outs[i]), STRAY_OUTPUT_CAP);
            free(s->outs[i]);
        }
    }
    free(s->outs);
    free(s->dropped);
    s->outs = NULL;
    s->dropped = NULL;
    s->nouts = 0;
}

/* Returns the length of a complete marker at p ("\x1fkdojo:<nonce>:<test>\n"), 0 if p does
   not start one, or -1 if it may be one that continues in the next read. */
static int parse_marker(run_state *s, const char *p, size_t n, int *test) {
    char want[40];
    int wl = snprintf(want, sizeof want, "\x1fkdojo:%llx:", (unsigned long long)s->nonce);
    size_t cmp = n < (size_t)wl ? n : (size_t)wl;
    if (memcmp(p, want, cmp)) return 0;
    const char *nl = memchr(p, '\n', n < 60 ? n : 60);
    if (!nl) return n < 60 ? -1 : 0;
    if ((size_t)wl > n) return -1;
    *test = atoi(p + wl);
    return (int)(nl - p) + 1;
}

static void on_output_bytes(void *ctx, const char *data, size_t n) {
    run_state *s = ctx;
    s->output_total += n;
    /* Join a marker that straddled the previous read. */
    char joined[128];
    if (s->carry_len) {
        size_t take = n < sizeof joined - s->carry_len ? n : sizeof joined - s->carry_len;
        memcpy(joined, s->carry, s->carry_len);
        memcpy(joined + s->carry_len, data, take);
        int test, len = parse_marker(s, joined, s->carry_len + take, &test);
        size_t had = s->carry_len;
        s->carry_len = 0;
        if (len > 0 && (size_t)len > had) {
            s->output_test = test;
            data += (size_t)len - had;
            n -= (size_t)len - had;
        } else {
            attribute_output(s, s->carry, had);
        }
    }
    while (n) {
        const char *mark = memchr(data, '\x1f', n);
        size_t plain = mark ? (size_t)(mark - data) : n;
        attribute_output(s, data, plain);
        data += plain;
        n -= plain;
        if (!n) break;
        int test, len = parse_marker(s, data, n, &test);
        if (len < 0) {
            memcpy(s->carry, data, n);
            s->carry_len = n;
            return;
        }
        if (len == 0) len = 1, attribute_output(s, data, 1);
        else s->output_test = test;
        data += len;
        n -= (size_t)len;
    }
}

/* ---------------------------------------------------------------- verdict */

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGKILL: return "SIGKILL";
    case SIGXCPU: return "SIGXCPU";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
    }
}

static char *where(const check_result *r) {
    if (r->running >= 0 && r->running < r->n_tests) return xasprintf(" in test '%s'", r->tests[r->running].name);
    if (!r->n_tests) return xstrdup(" before any test started");
    return xstrdup("");
}

/* Output ends where the sanitizer's report begins: the report is shown once, trimmed. */
static void cut_report(char *output) {
    char *start = output ? (char *)sanitize_report_start(output) : NULL;
    if (!start) return;
    *start = 0;
    /* TSan's report opens with a line of '=' */
    size_t n = strlen(output);
    if (!n || output[n - 1] != '\n') return;
    char *line = output + n - 1;
    while (line > output && line[-1] != '\n') line--;
    if (!strncmp(line, "==================", 18)) *line = 0;
}

/* --sanitize: a run the sanitizer stopped, with its report in the output. */
static bool decide_sanitizer(run_state *s, const sandbox_status *st, const kd_lesson *l, const char *at) {
    check_result *r = s->r;
    if (!s->opt->sanitize || !st->exited || st->code != SANITIZE_EXIT) return false;
    sanitize_report rep;
    if (!sanitize_parse(sb_str(&s->san_tail), l->file, &rep)) return false;
    if (rep.in_learner) {
        r->verdict = V_CRASH;
        r->summary = xasprintf("%s: %s%s%s%s", rep.tool, rep.kind, at, rep.where ? " at " : "", rep.where ? rep.where : "");
    } else {
        r->verdict = V_GRADER_ERROR;
        r->summary = xasprintf("grader error in lesson %s (not your fault): %s reported %s%s%s%s in the lesson's or "
                               "kdojo's own code, not in %s", l->id, rep.tool, rep.kind, at, rep.where ? " at " : "",
                               rep.where ? rep.where : "", l->file);
    }
    r->sanitizer = rep.report;
    rep.report = NULL;
    for (int i = 0; i < r->n_tests; i++) cut_report(r->tests[i].output);
    cut_report(r->stray_output);
    sanitize_report_done(&rep);
    return true;
}

static void decide(run_state *s, const sandbox_status *st, const kd_lesson *l) {
    check_result *r = s->r;
    char *at = where(r);
    int reported = 0, failed = 0, errors = 0;
    for (int i = 0; i < r->n_tests; i++) {
        const char *status = r->tests[i].status;
        reported += strcmp(status, "pending") && strcmp(status, "running");
        failed += !strcmp(status, "fail");
        errors += !strcmp(status, "error");
    }
    if (s->dec.corrupt) {
        r->verdict = V_FAIL;
        r->summary = xasprintf("the grader's result stream was corrupted%s (%s): did the code write to or close "
                               "file descriptor 3?", at, s->dec.why);
    } else if (st->cancelled && s->output_total > OUTPUT_LIMIT) {
        r->verdict = V_FAIL;
        r->summary = xasprintf("stopped%s: the code printed more than %u MiB of output (is a print inside an "
                               "endless loop?)", at, OUTPUT_LIMIT >> 20);
    } else if (st->cancelled) {
        r->verdict = V_CANCELLED;
        r->summary = xstrdup("check cancelled");
    } else if (st->timed_out || st->signal == SIGXCPU) {
        r->verdict = V_TIMEOUT;
        bool deadlock = r->hang && !strncmp(r->hang, "deadlock", 8);
        r->summary = xasprintf("%s after %g s%s%s", deadlock ? "deadlock: timed out" : "timed out", l->timeout, at,
                               st->signal == SIGXCPU ? " (CPU time limit)" : "");
    } else if (s->hello && !r->compiled && s->done) {
        r->verdict = V_COMPILE_ERROR;
        r->summary = xasprintf("%s does not compile", l->file);
    } else if (decide_sanitizer(s, st, l, at)) {
        /* decided */
    } else if (st->signal) {
        r->verdict = V_CRASH;
        r->summary = xasprintf("crashed with %s%s%s%s", signal_name(st->signal), at, r->crash ? ": " : "",
                               r->crash ? r->crash
                               : st->signal == SIGKILL && st->memory_oom ? " (killed: memory ran out, the limit is the "
                                                                          "lesson's memory_mb)"
                               : st->signal == SIGKILL ? " (killed: the code killed its own process group, or memory "
                                                         "ran out)"
                                                       : "");
    } else if (!s->done || reported < r->n_tests || !s->planned || (st->exited && st->code != 0)) {
        r->verdict = r->notes && !s->planned ? V_GRADER_ERROR : V_FAIL;
        if (r->verdict == V_GRADER_ERROR)
            r->summary = xasprintf("grader error in lesson %s: %s", l->id, r->notes);
        else if (!r->n_tests) /* `at` already says "before any test started" */
            r->summary = xasprintf("the program exited with status %d%s: did the code call exit()?", st->code, at);
        else
            r->summary = xasprintf("the program exited with status %d%s before the grader finished (%d of %d tests "
                                   "reported): did the code call exit()?", st->code, at, reported, r->n_tests);
    } else if (!r->n_tests) {
        /* A complete stream that planned no tests proves nothing: never a pass. */
        r->verdict = V_GRADER_ERROR;
        r->summary = xasprintf("grader error in lesson %s (not your fault): grade.lua ran no tests", l->id);
    } else if (errors) {
        r->verdict = V_GRADER_ERROR;
        r->summary = xasprintf("grader error in lesson %s (not your fault): see the test marked 'error'", l->id);
    } else if (failed) {
        r->verdict = V_FAIL;
        r->summary = xasprintf("%d of %d tests failed", failed, r->n_tests);
    } else {
        r->verdict = V_PASS;
        r->summary = r->n_tests == 1 ? xasprintf("the test passed") : xasprintf("all %d tests passed", r->n_tests);
    }
    free(at);
}

/* ---------------------------------------------------------------- running */

static void child_body(void *arg, int result_fd) {
    grade_job *job = arg;
    job->result_fd = result_fd;
    if (job->sanitize) grader_exec_sanitized(job);
    grader_child_main(job);
}

static uint64_t pick_seed(void) {
    uint64_t s = 0;
    if (getrandom(&s, sizeof s, 0) != sizeof s) s = (uint64_t)now_seconds() * 1000003u ^ (uint64_t)getpid();
    return s % 1000000000u + 1; /* short enough to type after --seed */
}

/* Timing lessons hold a machine-wide lock for the whole check, taken before the child starts,
   so time spent waiting for another kdojo's timing never counts against this check's
   deadline. Returns the locked descriptor, -1 when there is no lock file to be had (timing
   then runs unserialised), or -2 when cancelled while waiting. */
static int take_timing_lock(const check_options *opt) {
    /* Machine-wide: one file in the temporary directory for every user's kdojo (a lock in each
       user's data directory would let two users' timings overlap). flock works on a read-only
       descriptor, so a file another user created still serves. */
    const char *tmp = getenv("TMPDIR");
    char *p = path_join(tmp && *tmp ? tmp : "/tmp", "kdojo-timing.lock");
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd >= 0) fchmod(fd, 0666);
    else fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    free(p);
    if (fd < 0) return -1;
    bool told = false;
    while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) break;
        if (opt->cancel && __atomic_load_n(opt->cancel, __ATOMIC_RELAXED)) {
            close(fd);
            return -2;
        }
        if (!told && opt->waiting) opt->waiting(opt->progress_ctx);
        told = true;
        usleep(20000);
    }
    return fd;
}

/* As root, the grading child drops to an unprivileged uid, which cannot read a data directory
   inside a private tree (a checkout under /root, say). Then the graders and learner headers it
   needs are staged in a world-readable temporary directory, owned by root so the child cannot
   change them. Returns the staging directory (caller removes it) or NULL when not needed. */
static char *stage_data(const kd_paths *paths, kd_paths *staged) {
    *staged = *paths;
    char *probe = path_join(paths->graders_dir, "kdojo.lua");
    bool readable = getuid() != 0 || (world_readable(probe) && world_readable(paths->include_dir));
    free(probe);
    if (readable) return NULL;
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/kdojo-stage-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        free(dir);
        return NULL;
    }
    chmod(dir, 0755);
    staged->graders_dir = path_join(dir, "graders");
    staged->include_dir = path_join(dir, "include");
    copy_tree(paths->graders_dir, staged->graders_dir);
    copy_tree(paths->include_dir, staged->include_dir);
    return dir;
}

static void unstage_data(char *dir, kd_paths *staged) {
    if (!dir) return;
    remove_tree(dir);
    free(dir);
    free(staged->graders_dir);
    free(staged->include_dir);
}

/* --sanitize: the runtime to preload (NULL + *err when it cannot be had), and the lesson as the
   sanitized run sees it: instrumented code runs several times slower. */
static char *sanitize_setup(const kd_lesson *lesson, const char *kind, kd_lesson *as_run, char **err) {
    if (!sanitize_kind_valid(kind)) {
        *err = xasprintf("--sanitize wants address, undefined or thread, not '%s'", kind);
        return NULL;
    }
    if (strcmp(lesson->engine, "c") && strcmp(lesson->engine, "cc")) {
        *err = xasprintf("--sanitize works for C lessons; %s is a %s lesson", lesson->id, lesson->engine);
        return NULL;
    }
    char *rt = sanitize_runtime(kind, err);
    if (!rt) return NULL;
    *as_run = *lesson;
    as_run->timeout = lesson->timeout * 4 + 5;
    return rt;
}

/* The directory of the running kdojo binary, which the sanitized grader re-executes. */
static char *exe_dir(void) {
    char *exe = realpath("/proc/self/exe", NULL);
    if (!exe) return NULL;
    char *dir = xstrdup(dirname(exe));
    free(exe);
    return dir;
}

/* The sandbox a lesson's checks run in; a worker's differs only in its life and memory. */
static sandbox_limits lesson_limits(const kd_paths *paths, const kd_lesson *lesson, const char *const *readable) {
    bool cuda = !strcmp(lesson->engine, "cuda");
    return (sandbox_limits){
        .readable = readable,
        .wall_seconds = lesson->timeout,
        .memory_mb = lesson->memory_mb,
        .max_processes = 128, /* threads count too: a conc grader may run 60 at once */
        .max_file_mb = 256,
        .hidden_dir = paths->lessons_dir,
        .own_proc = cuda,
        .loopback = lesson->network || cuda, /* the CUDA driver may talk to its daemons over sockets */
    };
}

/* ---------------------------------------------------------------- the GPU worker */

#define WORKER_LIFE 1800.0  /* seconds of CPU time a worker may spend over its life, per core */
#define WORKER_READY_WAIT 30.0

struct check_worker {
    sandbox_worker *sb;
    kd_paths staged;         /* the worker's own copy of the graders and headers (as root) */
    char *stage_dir;
    long memory_mb;
    bool ready;              /* its W_READY was read: it waits for a job */
    int starts, served;
};

check_worker *check_worker_new(void) { return xcalloc(1, sizeof(check_worker)); }

static void worker_stop(check_worker *w) {
    sandbox_worker_stop(w->sb);
    w->sb = NULL;
    w->ready = false;
    unstage_data(w->stage_dir, &w->staged);
    w->stage_dir = NULL;
}

void check_worker_free(check_worker *w) {
    if (!w) return;
    worker_stop(w);
    free(w);
}

void check_worker_stats(const check_worker *w, int *starts, int *served) {
    *starts = w ? w->starts : 0;
    *served = w ? w->served : 0;
}

/* KDOJO_CHECK_WORKER=never keeps every check one-off; =always lets a worker serve CUDA lessons
   on the simulator too (the tests of the worker itself run where there is no GPU). */
static bool worker_serves(const check_worker *w, const check_options *opt, const kd_lesson *lesson) {
    const char *force = getenv("KDOJO_CHECK_WORKER");
    if (!w || strcmp(lesson->engine, "cuda") || (opt && (opt->sanitize || opt->repro))) return false;
    if (force && !strcmp(force, "never")) return false;
    if (force && !strcmp(force, "always")) return true;
    return cuda_gpu_in_use();
}

/* A running worker whose limits cover the lesson, started if need be; NULL + *err if none. */
static sandbox_worker *worker_for(check_worker *w, const kd_paths *paths, const kd_lesson *lesson, char **err) {
    if (w->sb && (!sandbox_worker_alive(w->sb) || w->memory_mb < lesson->memory_mb ||
                  sandbox_worker_age(w->sb) > WORKER_LIFE / 2))
        worker_stop(w);
    if (w->sb) return w->sb;
    w->stage_dir = stage_data(paths, &w->staged);
    const char *readable[] = {w->staged.graders_dir, w->staged.include_dir, w->staged.tcc_dir, NULL};
    w->memory_mb = lesson->memory_mb > 4096 ? lesson->memory_mb : 4096;
    sandbox_limits lim = lesson_limits(paths, lesson, readable);
    lim.wall_seconds = WORKER_LIFE;
    lim.memory_mb = w->memory_mb;
    w->sb = sandbox_worker_start(&lim, grader_worker_main, NULL, err);
    if (!w->sb) {
        unstage_data(w->stage_dir, &w->staged);
        w->stage_dir = NULL;
        return NULL;
    }
    w->starts++;
    return w->sb;
}

/* Waits for the worker's W_READY; false when it ended (or never said it) instead. */
static bool worker_wait_ready(check_worker *w) {
    if (w->ready) return true;
    wire_decoder dec;
    wire_decoder_init(&dec);
    double until = now_seconds() + WORKER_READY_WAIT;
    bool ready = false;
    while (!ready && !dec.corrupt) {
        char buf[256];
        double left = until - now_seconds();
        int n = left > 0 ? sandbox_worker_read(w->sb, buf, sizeof buf, left) : 0;
        if (n <= 0) break;
        wire_feed(&dec, buf, (size_t)n);
        wire_record rec;
        while (wire_next(&dec, &rec) == 1) {
            ready |= rec.type == W_READY;
            wire_record_done(&rec);
        }
    }
    wire_decoder_done(&dec);
    return w->ready = ready;
}

void check_worker_prepare(check_worker *w, const kd_paths *paths, const kd_lesson *lesson) {
    char *err = NULL;
    if (worker_serves(w, NULL, lesson) && !worker_for(w, paths, lesson, &err)) free(err);
}

/* Sends the job to the worker and supervises it like a one-off run. -1 + *err when no worker
   could take it (the caller then runs it one-off). */
static int worker_run(check_worker *w, const kd_paths *paths, const kd_lesson *lesson, grade_job *job,
                      const sandbox_io *io, sandbox_status *st, char **err) {
    strbuf req = {0};
    uint64_t len = 0;
    sb_append(&req, (const char *)&len, sizeof len);
    grade_job_encode(job, &req);
    len = req.len - sizeof len;
    memcpy(req.data, &len, sizeof len);
    int rc = -1;
    for (int attempt = 0; attempt < 2 && rc < 0; attempt++) {
        if (!worker_for(w, paths, lesson, err)) break;
        if (!worker_wait_ready(w)) {
            worker_stop(w);
            continue;
        }
        w->ready = false;
        rc = sandbox_worker_serve(w->sb, req.data, req.len, lesson->timeout, io, st);
        if (rc < 0) worker_stop(w);
    }
    sb_done(&req);
    if (rc < 0 && !*err) *err = xstrdup("the GPU worker could not be started");
    return rc;
}

int check_run(const kd_paths *paths, const kd_lesson *lesson, const char *learner_path, const check_options *opt,
              check_result *out, char **err) {
    memset(out, 0, sizeof *out);
    out->running = -1;
    out->lesson_id = xstrdup(lesson->id);
    if (lesson->error) {
        *err = xasprintf("lesson %s is broken: %s", lesson->id, lesson->error);
        return -1;
    }
    kd_lesson sanitized;
    char *san_runtime = NULL;
    if (opt->sanitize) {
        if (!(san_runtime = sanitize_setup(lesson, opt->sanitize, &sanitized, err))) return -1;
        lesson = &sanitized;
    }
    char *missing = lesson_missing_feature(lesson);
    if (missing) {
        *err = xasprintf("lesson %s needs a CPU with %s, and this machine's has none (see the flags in /proc/cpuinfo)",
                         lesson->id, missing);
        free(missing);
        return -1;
    }
    grade_job job;
    kd_paths staged;
    check_worker *w = worker_serves(opt->worker, opt, lesson) ? opt->worker : NULL;
    char *ignored = NULL;
    if (w && !worker_for(w, paths, lesson, &ignored)) w = NULL; /* then one-off, as without a worker */
    free(ignored);
    /* A worker reads the graders from where it was started (its own staged copy as root). */
    char *stage_dir = w ? NULL : stage_data(paths, &staged);
    if (w) staged = w->staged;
    if (grade_job_load(&job, &staged, lesson, learner_path, err) < 0) {
        unstage_data(stage_dir, &staged);
        free(san_runtime);
        return -1;
    }
    job.sanitize = out->sanitize = opt->sanitize;
    job.san_runtime = san_runtime;
    trace_mark("job loaded");
    job.seed = out->seed = opt->seed ? opt->seed : pick_seed();
    out->source = xstrdup(job.learner_src);
    job.only_test = opt->only_test;
    job.repro = opt->repro;
    job.quick_timing = opt->quick_timing;
    int lock_fd = lesson->n_bars ? take_timing_lock(opt) : -1;
    if (lock_fd == -2) {
        out->verdict = V_CANCELLED;
        out->summary = xstrdup("check cancelled while waiting for another kdojo's timing run");
        grade_job_done(&job);
        unstage_data(stage_dir, &staged);
        free(san_runtime);
        return 0;
    }
    char *bin_dir = opt->sanitize ? exe_dir() : NULL;
    const char *readable[] = {job.paths->graders_dir, job.paths->include_dir, job.paths->tcc_dir, bin_dir, NULL};
    sandbox_limits lim = lesson_limits(paths, lesson, readable);
    /* sanitizers reserve terabytes of shadow memory, which RLIMIT_DATA counts */
    lim.memory_cgroup = opt->sanitize != NULL;
    run_state s = {.r = out, .opt = opt, .output_test = -1};
    if (getrandom(&s.nonce, sizeof s.nonce, 0) != sizeof s.nonce) s.nonce = job.seed * 0x9e3779b97f4a7c15ULL + 1;
    job.output_nonce = s.nonce;
    wire_decoder_init(&s.dec);
    sandbox_io io = {.ctx = &s, .on_result = on_result_bytes, .on_output = on_output_bytes, .cancel = opt->cancel,
                     .stop = output_flood, .complete = stream_complete};
    sandbox_status st;
    int rc = -1;
    if (w) {
        char *werr = NULL;
        rc = worker_run(w, paths, lesson, &job, &io, &st, &werr);
        free(werr);
        if (rc == 0) {
            w->served++;
            w->ready = s.worker_ready;
            if (!st.completed) worker_stop(w); /* timed out, cancelled, crashed: a fresh one next time */
        }
    }
    if (rc < 0) rc = sandbox_run(&lim, child_body, &job, &io, &st, err);
    trace_mark("sandbox returned");
    if (lock_fd >= 0) close(lock_fd);
    settle_output(&s);
    if (rc == 0) {
        out->seconds = st.seconds;
        decide(&s, &st, lesson);
        if (st.memory_unenforced) {
            char *note = xasprintf("the memory limit (%ld MiB) was not enforced under --sanitize: that needs a cgroup v1 "
                                   "memory cgroup (as root), and none could be made", lesson->memory_mb);
            append_note(&out->notes, note);
            free(note);
        }
    }
    wire_decoder_done(&s.dec);
    sb_done(&s.san_tail);
    grade_job_done(&job);
    unstage_data(stage_dir, &staged);
    free(san_runtime);
    free(bin_dir);
    return rc;
}

int check_tests_passed(const check_result *r) {
    int n = 0;
    for (int i = 0; i < r->n_tests; i++) n += !strcmp(r->tests[i].status, "pass");
    return n;
}

void check_result_done(check_result *r) {
    for (int i = 0; i < r->n_tests; i++) {
        test_result *t = &r->tests[i];
        free(t->name); free(t->status); free(t->message); free(t->detail); free(t->output);
    }
    free(r->tests);
    for (int i = 0; i < r->n_timings; i++) {
        free(r->timings[i].bar);
        free(r->timings[i].against);
    }
    free(r->timings);
    free(r->lesson_id); free(r->summary); free(r->diagnostics); free(r->crash); free(r->hang);
    free(r->notes); free(r->repro); free(r->stray_output); free(r->source); free(r->sanitizer);
    memset(r, 0, sizeof *r);
}
