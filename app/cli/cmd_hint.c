/* kdojo hint <id> [--all]: the next hint step (hints go from a nudge to nearly the answer). */
#include "cli.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run(cli_ctx *ctx, int argc, char **argv) {
    if (argc < 2 || argc > 3) return cli_usage(&cmd_hint);
    bool all = argc == 3 && !strcmp(argv[2], "--all");
    if (argc == 3 && !all) return cli_usage(&cmd_hint);
    kd_lesson *l = cli_lesson(ctx, argv[1]);
    if (!l) return 2;
    if (!l->n_hints) {
        printf("%s has no hints.\n", l->id);
        return 0;
    }
    kd_store *s = cli_store(ctx);
    char *key = xasprintf("hints:%s", l->id);
    char *v = s ? store_get(s, key) : NULL;
    int shown = v ? atoi(v) : 0;
    int upto = all ? l->n_hints : shown + 1;
    if (upto > l->n_hints) upto = l->n_hints;
    for (int i = 0; i < upto; i++) printf("hint %d/%d: %s\n", i + 1, l->n_hints, l->hints[i]);
    if (upto == l->n_hints) printf("(that was the last hint)\n");
    char num[16];
    snprintf(num, sizeof num, "%d", upto > shown ? upto : shown);
    if (s) store_set(s, key, num);
    free(v);
    free(key);
    return 0;
}

const cli_command cmd_hint = {"hint", "hint <lesson> [--all]", "show the next hint", run};
