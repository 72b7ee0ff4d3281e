/* verify: proves a lesson is sound (see verify.h). */
#include "verify.h"
#include "check.h"
#include "cuda_gpu.h"
#include "cuda_nvrtc.h"
#include "mutate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void step(verify_report *rep, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void step(verify_report *rep, bool ok, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sb_puts(&rep->log, ok ? "  ok   " : "  FAIL ");
    sb_vprintf(&rep->log, fmt, ap);
    sb_puts(&rep->log, "\n");
    va_end(ap);
    if (!ok) rep->ok = false;
}

static bool run_checked(const kd_paths *p, const kd_lesson *l, const char *path, bool quick, check_result *r,
                        verify_report *rep) {
    char *err = NULL;
    check_options opt = {.worker = rep->worker, .quick_timing = quick};
    if (check_run(p, l, path, &opt, r, &err) < 0) {
        step(rep, false, "cannot run a check: %s", err);
        free(err);
        return false;
    }
    return true;
}

static bool run_file(const kd_paths *p, const kd_lesson *l, const char *path, check_result *r, verify_report *rep) {
    return run_checked(p, l, path, false, r, rep);
}

static const char *first_problem(const check_result *r) {
    for (int i = 0; i < r->n_tests; i++)
        if (strcmp(r->tests[i].status, "pass")) return r->tests[i].message;
    return "";
}

static void verify_starter(const kd_paths *p, const kd_lesson *l, verify_report *rep) {
    char *path = lesson_variant_path(l, "starter");
    check_result r;
    if (run_file(p, l, path, &r, rep)) {
        bool ok = r.verdict == V_FAIL && r.compiled && check_tests_passed(&r) < r.n_tests;
        step(rep, ok, "starter compiles and fails a test%s%s", ok ? "" : ": got ", ok ? "" : r.summary);
    }
    check_result_done(&r);
    free(path);
}

static bool timing_within(const check_result *r, double factor, bool below, char *why, size_t len) {
    for (int i = 0; i < r->n_timings; i++) {
        const timing_result *t = &r->timings[i];
        double limit = below ? t->max_ratio / factor : t->max_ratio * factor;
        if (below ? t->ratio > limit : t->ratio < limit) {
            snprintf(why, len, "bar '%s': ratio %.2fx, needs %s %.2fx (bar %.2fx, margin %.0f%%)", t->bar, t->ratio,
                     below ? "at most" : "at least", limit, t->max_ratio, (factor - 1) * 100);
            return false;
        }
    }
    return true;
}

/* Runs a variant with speed bars; while its timings miss the margin (below the bar for the
   reference, above it for the slow variant), measures again, up to VERIFY_TIMING_RUNS runs. */
static bool run_timed(const kd_paths *p, const kd_lesson *l, const char *path, bool below, check_result *r,
                      verify_report *rep) {
    char why[256];
    for (int run = 1;; run++) {
        if (!run_file(p, l, path, r, rep)) return false;
        bool met = r->n_timings > 0 && timing_within(r, VERIFY_MARGIN, below, why, sizeof why);
        if (met || r->n_timings == 0 || run == VERIFY_TIMING_RUNS) return true;
        sb_printf(&rep->log, "  ..   timing run %d of %s missed the margin (%s): measuring again\n", run,
                  below ? "the reference" : "the slow variant", why);
        check_result_done(r);
    }
}

/* cuda: speed bars are measured on a GPU only; on the simulator a check says so and passes. */
static bool bars_measured(const kd_lesson *l) { return strcmp(l->engine, "cuda") || cuda_gpu_in_use(); }

/* The reference's own figures, where a check reported them (GB/s, TFLOP/s, cuBLAS, GPU
   resources): a GPU verify run then records what the lesson's bars stand on. */
static void log_measured_notes(const check_result *r, verify_report *rep) {
    static const char *keys[] = {"GB/s", "TFLOP/s", "cuBLAS", "GPU resources", NULL};
    const char *p = r->notes;
    while (p && *p) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        for (const char **k = keys; *k; k++)
            if (strstr(line, *k)) {
                sb_printf(&rep->log, "         %s\n", line);
                break;
            }
        p = end ? end + 1 : NULL;
    }
}

/* Returns the learner-side median of the first timing (0 if none). */
static double verify_reference(const kd_paths *p, const kd_lesson *l, verify_report *rep) {
    char *path = lesson_variant_path(l, "solution");
    check_result r;
    double t = 0;
    bool timed = l->n_bars && bars_measured(l);
    if (timed ? run_timed(p, l, path, true, &r, rep) : run_file(p, l, path, &r, rep)) {
        char why[256] = "";
        bool pass = r.verdict == V_PASS;
        step(rep, pass, "reference passes (%d tests)%s%s%s", r.n_tests, pass ? "" : ": ", pass ? "" : r.summary,
             pass ? "" : "");
        if (!pass && r.n_tests) step(rep, false, "  first problem: %s", first_problem(&r));
        if (timed) {
            bool ok = r.n_timings > 0 && timing_within(&r, VERIFY_MARGIN, true, why, sizeof why);
            step(rep, ok, "reference beats every bar by %.0f%%%s%s", (VERIFY_MARGIN - 1) * 100, ok ? "" : ": ",
                 ok ? "" : (r.n_timings ? why : "no timing was measured"));
            for (int i = 0; i < r.n_timings; i++)
                sb_printf(&rep->log, "         bar '%s': reference %.2fx (bar %.2fx)\n", r.timings[i].bar,
                          r.timings[i].ratio, r.timings[i].max_ratio);
            if (r.n_timings) t = r.timings[0].learner;
            log_measured_notes(&r, rep);
        }
    }
    check_result_done(&r);
    free(path);
    return t;
}

static void verify_mutants(const kd_paths *p, const kd_lesson *l, verify_report *rep) {
    char *ref = lesson_variant_path(l, "solution");
    char *src = read_file(ref, NULL);
    free(ref);
    if (!src) return;
    mutant *m;
    int n = mutants_make(src, &m), caught = 0, tried = 0;
    char tmpl[] = "/tmp/kdojo-mutant-XXXXXX";
    char *dir = mkdtemp(tmpl);
    for (int i = 0; i < n && dir; i++) {
        char *path = xasprintf("%s/%s", dir, l->file);
        check_result r = {0}; /* check_run fills some of it even when it cannot run: always done */
        if (write_file_atomic(path, m[i].source, strlen(m[i].source)) == 0 && run_checked(p, l, path, true, &r, rep)) {
            if (r.verdict != V_COMPILE_ERROR) {
                tried++;
                /* Like the starter, a mutant must fail a test cleanly: a crash or a hang means the
                   grader lets a plausible wrong answer take the harness down with it. The one
                   exception: an emptied function that should return a value returns whatever
                   was in a register, and using a garbage pointer may crash in learner code. */
                bool ok = r.verdict == V_FAIL || (m[i].garbage && r.verdict == V_CRASH);
                caught += ok;
                if (!ok) step(rep, false, "mutant '%s' of %s() is not caught: %s", m[i].kind, m[i].function, r.summary);
            }
        }
        check_result_done(&r);
        unlink(path);
        free(path);
    }
    if (dir) rmdir(dir);
    if (tried) step(rep, caught == tried, "%d of %d mutants of the reference fail a test", caught, tried);
    mutants_free(m, n);
    free(src);
}

static bool sleeps(const char *src) {
    static const char *calls[] = {"sleep(", "usleep(", "nanosleep(", "clock_nanosleep(", NULL};
    for (const char **c = calls; *c; c++)
        if (strstr(src, *c)) return true;
    return false;
}

static void verify_slow(const kd_paths *p, const kd_lesson *l, double ref_time, verify_report *rep) {
    char *path = lesson_variant_path(l, "slow");
    char *src = read_file(path, NULL);
    step(rep, src && !sleeps(src), "slow variant does not sleep");
    check_result r = {0};
    if (src && run_timed(p, l, path, false, &r, rep)) {
        int wrong = 0;
        for (int i = 0; i < r.n_tests; i++) {
            bool timed_fail = false;
            for (int k = 0; k < r.n_timings; k++) timed_fail |= r.timings[k].test == i && !r.timings[k].pass;
            wrong += strcmp(r.tests[i].status, "pass") && !timed_fail;
        }
        bool correct = r.compiled && r.verdict != V_CRASH && r.verdict != V_TIMEOUT && wrong == 0 && r.n_tests > 0;
        step(rep, correct, "slow variant is correct%s%s", correct ? "" : ": ", correct ? "" : r.summary);
        if (!correct && r.n_tests) step(rep, false, "  first problem: %s", first_problem(&r));
        char why[256] = "";
        bool misses = r.n_timings > 0 && timing_within(&r, VERIFY_MARGIN, false, why, sizeof why);
        step(rep, misses, "slow variant misses every bar by %.0f%%%s%s", (VERIFY_MARGIN - 1) * 100, misses ? "" : ": ",
             misses ? "" : (r.n_timings ? why : "no timing was measured"));
        for (int i = 0; i < r.n_timings; i++)
            sb_printf(&rep->log, "         bar '%s': slow %.2fx (bar %.2fx)\n", r.timings[i].bar, r.timings[i].ratio,
                      r.timings[i].max_ratio);
        /* Against the reference, the same run's ratio is the slowdown; otherwise compare with
           the reference's own run. */
        double slowdown = 0;
        if (r.n_timings && !strcmp(r.timings[0].against, "reference")) slowdown = r.timings[0].ratio;
        else if (r.n_timings && ref_time > 0) slowdown = r.timings[0].learner / ref_time;
        if (slowdown > 0) {
            step(rep, slowdown <= VERIFY_MAX_SLOWDOWN, "slow variant is %.1fx the reference's time (at most %.0fx)",
                 slowdown, VERIFY_MAX_SLOWDOWN);
        }
    }
    check_result_done(&r);
    free(src);
    free(path);
}

/* NVRTC in a child process of its own: once the verifying process has loaded it (and the
   threads it starts), the grading children it forks later can no longer start CUDA, so every
   lesson after the first would fall back to the simulator on a GPU machine. */
static int nvrtc_check_isolated(const char *name, const char *src, char **log) {
    int p[2];
    *log = NULL;
    if (pipe(p) < 0) return cuda_nvrtc_check(name, src, log);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        char *l = NULL;
        int rc = cuda_nvrtc_check(name, src, &l);
        if (write(p[1], &rc, sizeof rc) < 0 || (l && write(p[1], l, strlen(l)) < 0)) {}
        _exit(0);
    }
    close(p[1]);
    int rc = -1;
    strbuf out = {0};
    if (pid > 0 && read(p[0], &rc, sizeof rc) == (ssize_t)sizeof rc) {
        char buf[4096];
        ssize_t n;
        while ((n = read(p[0], buf, sizeof buf)) > 0) sb_append(&out, buf, (size_t)n);
    } else {
        rc = -1;
    }
    close(p[0]);
    if (pid > 0) waitpid(pid, NULL, 0);
    *log = sb_steal(&out);
    return rc;
}

/* cuda: every .cu variant must also be CUDA C++ (NVRTC), wherever NVRTC is installed */
static void verify_nvrtc(const kd_lesson *l, verify_report *rep) {
    static const char *variants[] = {"starter", "solution", "slow"};
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) {
        char *path = lesson_variant_path(l, variants[i]);
        char *src = read_file(path, NULL), *log = NULL;
        int rc = src ? nvrtc_check_isolated(strrchr(path, '/') + 1, src, &log) : 1;
        if (rc < 0) sb_printf(&rep->log, "  skip NVRTC is not installed: .cu files were not compiled as CUDA C++\n");
        else if (src) step(rep, rc == 1, "%s compiles with NVRTC%s%s", strrchr(path, '/') + 1, rc ? "" : ":\n", rc ? "" : log);
        free(log);
        free(src);
        free(path);
        if (rc < 0) break;
    }
}

void verify_lesson(const kd_paths *paths, const kd_lesson *l, check_worker *worker, verify_report *rep) {
    memset(rep, 0, sizeof *rep);
    rep->ok = true;
    rep->worker = worker;
    if (l->error) {
        step(rep, false, "lesson loads: %s", l->error);
        return;
    }
    char *missing = lesson_missing_feature(l);
    if (missing) {
        sb_printf(&rep->log, "  skip this CPU lacks %s, which the lesson requires\n", missing);
        free(missing);
        return;
    }
    verify_starter(paths, l, rep);
    double ref_time = verify_reference(paths, l, rep);
    verify_mutants(paths, l, rep);
    if (l->n_bars && bars_measured(l)) verify_slow(paths, l, ref_time, rep);
    else if (l->n_bars) sb_printf(&rep->log, "  skip speed bars: timing needs a GPU (the simulator checked correctness)\n");
    if (!strcmp(l->engine, "cuda")) verify_nvrtc(l, rep);
}

void verify_report_done(verify_report *rep) { sb_done(&rep->log); }
