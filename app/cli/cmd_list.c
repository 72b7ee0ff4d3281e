/* kdojo list: every track and lesson with its status. */
#include "cli.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char *status_word(const lesson_progress *p) {
    if (p->changed) return "changed";
    if (p->passed) return "passed";
    if (p->attempts) return "failed";
    return "-";
}

static int run(cli_ctx *ctx, int argc, char **argv) {
    bool broken_only = argc > 1 && !strcmp(argv[1], "--broken");
    kd_catalog *c = cli_catalog(ctx);
    kd_store *s = broken_only ? NULL : cli_store(ctx);
    int broken = 0;
    for (int t = 0; t < c->n_tracks; t++) {
        if (!broken_only) printf("%s\n", c->tracks[t].title);
        for (int i = 0; i < c->n; i++) {
            kd_lesson *l = &c->lessons[i];
            if (strcmp(l->track, c->tracks[t].id)) continue;
            if (l->error) {
                broken++;
                fprintf(stderr, "kdojo: broken lesson %s: %s\n", l->id, l->error);
                continue;
            }
            if (broken_only) continue;
            lesson_progress p = {0};
            if (s) store_lesson_progress(s, l, &p);
            printf("  %-32s %-34s %-8s", l->id, l->title, status_word(&p));
            if (p.attempts) printf(" %3d tries", p.attempts);
            if (l->n_bars) printf("  [speed]");
            printf("\n");
        }
    }
    if (broken) fprintf(stderr, "kdojo: %d broken lesson%s (the others work)\n", broken, broken == 1 ? "" : "s");
    return broken_only && broken ? 1 : 0;
}

const cli_command cmd_list = {"list", "list [--broken]", "tracks and lessons with your status", run};
