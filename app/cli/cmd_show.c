/* kdojo show <id>: the lesson text, where your file is, and what is measured. */
#include "cli.h"
#include "util.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>

static int run(cli_ctx *ctx, int argc, char **argv) {
    if (argc != 2) return cli_usage(&cmd_show);
    kd_lesson *l = cli_lesson(ctx, argv[1]);
    if (!l) return 2;
    char *readme = lesson_path(l, "README.md");
    char *text = read_file(readme, NULL);
    char *err = NULL;
    if (workspace_seed(&ctx->paths, l, &err) < 0) {
        fprintf(stderr, "kdojo: %s\n", err);
        free(err);
    }
    char *file = workspace_file(&ctx->paths, l);
    printf("%s  %s\n\n%s\n", l->id, l->title, text ? text : "(no README)");
    printf("your file: %s\n", file);
    for (int i = 0; i < l->n_bars; i++)
        printf("speed bar '%s': at most %.2fx the time of the %s%s%s\n", l->bars[i].name, l->bars[i].max_ratio,
               l->bars[i].against, *l->bars[i].what ? " - " : "", l->bars[i].what);
    printf("check it:  kdojo check %s\n", l->id);
    free(file);
    free(text);
    free(readme);
    return 0;
}

const cli_command cmd_show = {"show", "show <lesson>", "print the lesson and where your file is", run};
