/* cli: dispatches subcommands and holds the helpers they share. */
#include "cli.h"
#include "grader.h"
#include "tui/tui.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const cli_command *const cli_commands[] = {
    &cmd_list, &cmd_show, &cmd_check, &cmd_hint, &cmd_progress, &cmd_reset, &cmd_repro, &cmd_doctor, &cmd_verify, NULL,
};

kd_catalog *cli_catalog(cli_ctx *ctx) {
    if (ctx->catalog_scanned) { /* only scanned so far: read every lesson now */
        catalog_done(&ctx->catalog);
        ctx->catalog_loaded = ctx->catalog_scanned = false;
    }
    if (!ctx->catalog_loaded) {
        catalog_load(&ctx->catalog, ctx->paths.lessons_dir);
        ctx->catalog_loaded = true;
    }
    return &ctx->catalog;
}

kd_lesson *cli_lesson(cli_ctx *ctx, const char *query) {
    char *err = NULL;
    /* One lesson needs only the directory names and its own files. */
    if (!ctx->catalog_loaded) {
        catalog_scan(&ctx->catalog, ctx->paths.lessons_dir);
        ctx->catalog_loaded = ctx->catalog_scanned = true;
    }
    kd_lesson *l = catalog_find(&ctx->catalog, query, &err);
    if (l) lesson_load(l);
    if (!l) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
        return NULL;
    }
    if (l->error) {
        fprintf(stderr, "kdojo: lesson %s is broken: %s\n", l->id, l->error);
        return NULL;
    }
    return l;
}

kd_store *cli_store(cli_ctx *ctx) {
    if (ctx->store) return ctx->store;
    char *warning = NULL, *err = NULL;
    ctx->store = store_open(ctx->paths.state_dir, &warning, &err);
    if (warning) {
        fprintf(stderr, "kdojo: warning: %s\n", warning);
        free(warning);
    }
    if (!ctx->store) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
    }
    return ctx->store;
}

int cli_usage(const cli_command *cmd) {
    fprintf(stderr, "usage: kdojo %s\n", cmd->usage);
    return 2;
}

bool cli_parse_u64(const char *s, uint64_t *out) {
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end) return false;
    *out = v;
    return true;
}

static void print_help(void) {
    printf("kdojo %s: a terminal dojo for systems and GPU programming\n\n", KDOJO_VERSION);
    printf("usage: kdojo                 open the tutor\n");
    for (const cli_command *const *c = cli_commands; *c; c++) printf("       kdojo %-48s %s\n", (*c)->usage, (*c)->summary);
    printf("\nenvironment: KDOJO_WORKSPACE (your files, default ~/kdojo), XDG_DATA_HOME (progress),\n"
           "             KDOJO_DATA (lessons), NO_COLOR, KDOJO_NO_WATCH=1 (the tutor checks only on c),\n"
           "             KDOJO_TRACE=1 (where a check spends its time)\n");
}

int cli_main(int argc, char **argv) {
    cli_ctx ctx = {0};
    char *err = NULL;
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
        print_help();
        return 0;
    }
    /* Hidden: the grading child of `check --sanitize`, re-executed inside the sandbox. */
    if (argc > 1 && !strcmp(argv[1], "__grade")) return grader_exec_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "--version")) {
        printf("kdojo %s\n", KDOJO_VERSION);
        return 0;
    }
    if (paths_init(&ctx.paths, &err) < 0) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
        return 2;
    }
    int rc = 2;
    if (argc < 2) {
        rc = tui_main(&ctx);
    } else {
        const cli_command *cmd = NULL;
        for (const cli_command *const *c = cli_commands; *c && !cmd; c++)
            if (!strcmp((*c)->name, argv[1])) cmd = *c;
        if (cmd) rc = cmd->run(&ctx, argc - 1, argv + 1);
        else fprintf(stderr, "kdojo: unknown command '%s' (kdojo --help lists them)\n", argv[1]);
    }
    store_close(ctx.store);
    if (ctx.catalog_loaded) catalog_done(&ctx.catalog);
    paths_done(&ctx.paths);
    return rc;
}
