/* kdojo reset <id> [--yes]: put the starter back, keeping the old file as a backup. */
#include "cli.h"
#include "util.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(cli_ctx *ctx, int argc, char **argv) {
    if (argc < 2 || argc > 3) return cli_usage(&cmd_reset);
    bool yes = argc == 3 && !strcmp(argv[2], "--yes");
    if (argc == 3 && !yes) return cli_usage(&cmd_reset);
    kd_lesson *l = cli_lesson(ctx, argv[1]);
    if (!l) return 2;
    char *file = workspace_file(&ctx->paths, l);
    if (!yes) {
        if (!isatty(0)) {
            fprintf(stderr, "kdojo: reset replaces %s; pass --yes to confirm\n", file);
            free(file);
            return 2;
        }
        printf("Replace %s with the starter? The current file is kept as a backup. [y/N] ", file);
        fflush(stdout);
        char line[16];
        if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y')) {
            printf("nothing changed\n");
            free(file);
            return 0;
        }
    }
    char *backup = NULL, *err = NULL;
    int rc = 0;
    if (workspace_reset(&ctx->paths, l, &backup, &err) < 0) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
        rc = 2;
    } else {
        printf("%s is the starter again; your previous file is %s\n", file, backup);
    }
    free(backup);
    free(file);
    return rc;
}

const cli_command cmd_reset = {"reset", "reset <lesson> [--yes]", "start a lesson over (keeps a backup)", run};
