/* kdojo repro <id> [test] [--seed N]: write a standalone C program that replays the calls a
   failing test made to your functions, to debug with gdb. */
#include "check.h"
#include "cli.h"
#include "util.h"
#include "workspace.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *first_failing(const check_result *r) {
    for (int i = 0; i < r->n_tests; i++)
        if (strcmp(r->tests[i].status, "pass")) return xstrdup(r->tests[i].name);
    return NULL;
}

static char *file_name_for(const char *test) {
    strbuf sb = {0};
    sb_puts(&sb, "repro-");
    for (const char *p = test; *p && sb.len < 60; p++) {
        char ch = isalnum((unsigned char)*p) ? *p : '-';
        if (ch != '-' || (sb.len && sb.data[sb.len - 1] != '-')) sb_append(&sb, &ch, 1);
    }
    sb_puts(&sb, ".c");
    return sb_steal(&sb);
}

static int write_repro(cli_ctx *ctx, kd_lesson *l, const check_result *r, const char *test) {
    char *dir = workspace_dir(&ctx->paths, l);
    char *name = file_name_for(test);
    char *path = path_join(dir, name);
    char *text = xasprintf("/* kdojo repro: lesson %s, test '%s', seed %llu.\n"
                           " * It repeats the calls the test made to your functions, with the same inputs.\n"
                           " * Build and debug:\n"
                           " *   cd %s\n"
                           " *   gcc -g -O0 -I%s %s -o repro -lm -lpthread && gdb ./repro\n */\n"
                           "#define KDOJO_ATOMIC_IMPL\n%s",
                           l->id, test, (unsigned long long)r->seed, dir, ctx->paths.include_dir, name, r->repro);
    int rc = 0;
    if (write_file_atomic(path, text, strlen(text)) < 0) {
        fprintf(stderr, "kdojo: cannot write %s\n", path);
        rc = 2;
    } else {
        printf("wrote %s\nbuild and debug it:\n  cd %s && gcc -g -O0 -I%s %s -o repro -lm -lpthread && gdb ./repro\n",
               path, dir, ctx->paths.include_dir, name);
    }
    free(text);
    free(path);
    free(name);
    free(dir);
    return rc;
}

static int run(cli_ctx *ctx, int argc, char **argv) {
    const char *id = NULL, *test = NULL;
    check_options opt = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            if (!cli_parse_u64(argv[++i], &opt.seed)) return cli_usage(&cmd_repro);
        } else if (!id) id = argv[i];
        else if (!test) test = argv[i];
        else return cli_usage(&cmd_repro);
    }
    if (!id) return cli_usage(&cmd_repro);
    kd_lesson *l = cli_lesson(ctx, id);
    if (!l) return 2;
    char *err = NULL;
    if (workspace_seed(&ctx->paths, l, &err) < 0) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
        return 2;
    }
    char *path = workspace_file(&ctx->paths, l);
    check_result r;
    char *chosen = test ? xstrdup(test) : NULL;
    int rc = 2;
    if (!chosen) {
        if (check_run(&ctx->paths, l, path, &opt, &r, &err) < 0) goto fail;
        chosen = first_failing(&r);
        opt.seed = r.seed;
        check_result_done(&r);
        if (!chosen) {
            printf("every test of %s passes with seed %llu: nothing to reproduce\n", l->id, (unsigned long long)opt.seed);
            free(path);
            return 0;
        }
    }
    opt.only_test = chosen;
    opt.repro = true;
    if (check_run(&ctx->paths, l, path, &opt, &r, &err) < 0) goto fail;
    if (!r.repro) fprintf(stderr, "kdojo: the test did not run to its end (%s); nothing recorded\n", r.summary);
    else rc = write_repro(ctx, l, &r, chosen);
    check_result_done(&r);
    free(chosen);
    free(path);
    return rc;
fail: /* check_run fills part of r before it fails */
    fprintf(stderr, "kdojo: %s\n", err);
    check_result_done(&r);
    free(err);
    free(chosen);
    free(path);
    return 2;
}

const cli_command cmd_repro = {"repro", "repro <lesson> [test] [--seed N]", "write a C program that replays a failing test", run};
