/* kdojo progress: per-track completion, best times against the bars, recent attempts. */
#include "cli.h"
#include "result.h"
#include "util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int run(cli_ctx *ctx, int argc, char **argv) {
    (void)argv;
    if (argc != 1) return cli_usage(&cmd_progress);
    kd_catalog *c = cli_catalog(ctx);
    kd_store *s = cli_store(ctx);
    if (!s) return 2;
    result_style st = result_style_for(stdout);
    for (int t = 0; t < c->n_tracks; t++) {
        int total, passed;
        store_track_counts(s, c, c->tracks[t].id, &passed, &total);
        strbuf best = {0};
        for (int i = 0; i < c->n; i++) {
            kd_lesson *l = &c->lessons[i];
            if (strcmp(l->track, c->tracks[t].id) || l->error || !l->n_bars) continue;
            lesson_progress p;
            store_lesson_progress(s, l, &p);
            if (p.best_ratio > 0)
                sb_printf(&best, "    %-32s best %.2fx (bar %.2fx)\n", l->id, p.best_ratio, l->bars[0].max_ratio);
        }
        strbuf bar = {0};
        result_bar(&bar, passed, total, 20, st.unicode);
        printf("%-28s %s %3d%%  %d/%d\n", c->tracks[t].title, sb_str(&bar), total ? passed * 100 / total : 0, passed, total);
        fputs(sb_str(&best), stdout);
        sb_done(&bar);
        sb_done(&best);
    }
    attempt_row rows[10];
    int n = store_recent(s, rows, 10);
    if (n) printf("\nrecent attempts:\n");
    for (int i = 0; i < n; i++) {
        char when[32];
        time_t t = (time_t)rows[i].at;
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
        printf("  %s  %-32s %-14s %.1f ms\n", when, rows[i].lesson_id, rows[i].verdict, rows[i].seconds * 1e3);
    }
    return 0;
}

const cli_command cmd_progress = {"progress", "progress", "completion per track, best times, recent attempts", run};
