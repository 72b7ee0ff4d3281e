/* kdojo check <id> [file] [--json] [--seed N] [--verbose] [--sanitize=KIND] [--repeat N]: grade,
   print, record. */
#include "check.h"
#include "cli.h"
#include "result.h"
#include "sanitize.h"
#include "util.h"
#include "workspace.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The progress store is opened on a thread of its own while the check runs (0.5-1 ms of a
   few-millisecond check on a machine with a core to spare); the attempt is written after. */
static void *open_store(void *ctx) {
    cli_store(ctx);
    return NULL;
}

static void say_waiting(void *ctx) {
    (void)ctx;
    fprintf(stderr, "kdojo: waiting for another kdojo's timing run to finish...\n");
}

static int run(cli_ctx *ctx, int argc, char **argv) {
    const char *id = NULL, *file = NULL;
    bool json = false, verbose = false;
    uint64_t repeat = 1;
    check_options opt = {.waiting = say_waiting};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = true;
        else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) verbose = true;
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            if (!cli_parse_u64(argv[++i], &opt.seed) || !opt.seed) {
                fprintf(stderr, "kdojo: --seed wants a positive whole number, not '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strncmp(argv[i], "--sanitize=", 11) || (!strcmp(argv[i], "--sanitize") && i + 1 < argc)) {
            opt.sanitize = argv[i][10] == '=' ? argv[i] + 11 : argv[++i];
            if (!sanitize_kind_valid(opt.sanitize)) {
                fprintf(stderr, "kdojo: --sanitize wants address, undefined or thread, not '%s'\n", opt.sanitize);
                return 2;
            }
        } else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
            if (!cli_parse_u64(argv[++i], &repeat) || !repeat || repeat > 1000) {
                fprintf(stderr, "kdojo: --repeat wants a number from 1 to 1000, not '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--quick")) {
            opt.quick_timing = true;
        } else if (!strcmp(argv[i], "--test") && i + 1 < argc) {
            opt.only_test = argv[++i];
        } else if (argv[i][0] == '-') return cli_usage(&cmd_check);
        else if (!id) id = argv[i];
        else if (!file) file = argv[i];
        else return cli_usage(&cmd_check);
    }
    if (!id) return cli_usage(&cmd_check);
    kd_lesson *l = cli_lesson(ctx, id);
    trace_mark("catalog loaded");
    if (!l) return 2;
    char *err = NULL, *path = NULL;
    if (file) path = xstrdup(file);
    else if (workspace_seed(&ctx->paths, l, &err) == 0) path = workspace_file(&ctx->paths, l);
    if (!path) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
        return 2;
    }
    check_result r;
    /* --repeat: the earlier runs are summed up in a line each, the last one is shown and
       recorded. A CUDA lesson on a GPU keeps one worker, as the tutor's watch loop does. */
    opt.worker = repeat > 1 ? check_worker_new() : NULL;
    bool partial = opt.sanitize || opt.only_test || opt.quick_timing;
    pthread_t opener;
    bool opening = !partial && pthread_create(&opener, NULL, open_store, ctx) == 0;
    for (uint64_t run = 1;; run++) {
        double t0 = now_seconds();
        if (check_run(&ctx->paths, l, path, &opt, &r, &err) < 0) {
            if (opening) pthread_join(opener, NULL);
            fprintf(stderr, "kdojo: %s\n", err);
            free(err);
            free(path);
            check_result_done(&r);
            check_worker_free(opt.worker);
            return 2;
        }
        if (repeat > 1) {
            int starts, served;
            check_worker_stats(opt.worker, &starts, &served);
            fprintf(stderr, "run %llu of %llu: %s, %.1f ms%s\n", (unsigned long long)run, (unsigned long long)repeat, verdict_name(r.verdict),
                    (now_seconds() - t0) * 1e3, served ? (starts == 1 ? " (GPU worker)" : " (GPU worker, restarted)") : "");
        }
        if (run == repeat) break;
        check_result_done(&r);
        opt.seed = 0;
    }
    check_worker_free(opt.worker);
    const char *source = r.source; /* what was graded, even if the file changed since */
    trace_mark("check done");
    /* Store before printing: a verdict the learner saw is never lost to a kill. A sanitized run
       is a diagnosis, not an attempt: its speed bars are not judged, so it is not recorded. */
    char *store_err = NULL;
    /* A run of one test, under a sanitizer, or with one timing repetition is not an attempt at
       the lesson: not recorded. */
    if (opening) pthread_join(opener, NULL);
    kd_store *s = r.verdict == V_CANCELLED || partial ? NULL : cli_store(ctx);
    trace_mark("store open");
    bool saved = partial || (s && store_add_attempt(s, l, &r, source, &store_err) >= 0);
    trace_mark("stored");
    if (json) {
        strbuf sb = {0};
        result_json(&r, &sb);
        puts(sb_str(&sb));
        sb_done(&sb);
    } else {
        result_style st = result_style_for(stdout);
        st.verbose = verbose;
        result_print(stdout, &r, l, source, &st);
    }
    fflush(stdout);
    trace_mark("printed");
    int rc = r.verdict == V_PASS ? 0 : 1;
    if (s && !saved) fprintf(stderr, "kdojo: progress not saved: %s\n", store_err);
    if (!saved) rc = 2;
    free(store_err);
    free(path);
    check_result_done(&r);
    return rc;
}

const cli_command cmd_check = {
    "check", "check <lesson> [file] [--json] [--seed N] [-v] [--sanitize=address|undefined|thread] [--repeat N] [--quick]",
    "grade your file (exit 0 only on a pass)", run,
};
