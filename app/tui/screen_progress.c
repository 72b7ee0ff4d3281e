/* screen_progress: per-track completion, best times against the bars, recent attempts and a
   day-by-day activity strip. */
#include "screen.h"
#include "theme.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ACTIVITY_DAYS 28

typedef struct {
    screen base;
    mdoc doc;
    int width, scroll;
} progress;

static void tracks(mdoc *d, kd_catalog *c, kd_store *s, int width) {
    mdoc_line(d);
    mdoc_add(d, MS_H2, "Tracks", -1);
    for (int t = 0; t < c->n_tracks; t++) {
        int total, passed;
        store_track_counts(s, c, c->tracks[t].id, &passed, &total);
        mdoc_line(d);
        mdoc_printf(d, MS_TEXT, "  %-30.30s ", c->tracks[t].title ? c->tracks[t].title : c->tracks[t].id);
        theme_bar(d, passed == total && total ? MS_PASS : MS_H2, passed, total, width > 90 ? 30 : 20);
        mdoc_printf(d, MS_STRONG, " %3d%%", total ? passed * 100 / total : 0);
        mdoc_printf(d, MS_DIM, "  %d of %d lessons", passed, total);
    }
}

/* Lessons with a timed pass, one line each; the others only counted, so that the dashboard's
   first screen still reaches the recent attempts however many lessons have bars. */
static void best_times(mdoc *d, kd_catalog *c, kd_store *s) {
    mdoc_line(d);
    mdoc_line(d);
    mdoc_add(d, MS_H2, "Best times against the bars", -1);
    int timed = 0, untimed = 0;
    for (int i = 0; i < c->n; i++) {
        kd_lesson *l = &c->lessons[i];
        if (l->error || !l->n_bars) continue;
        lesson_progress p;
        store_lesson_progress(s, l, &p);
        if (p.best_ratio <= 0) {
            untimed++;
            continue;
        }
        timed++;
        mdoc_line(d);
        mdoc_printf(d, MS_TEXT, "  %-30.30s ", l->id);
        double scale = (p.best_ratio > l->bars[0].max_ratio ? p.best_ratio : l->bars[0].max_ratio) * 1.1;
        bool ok = p.best_ratio <= l->bars[0].max_ratio;
        theme_bar(d, ok ? MS_PASS : MS_FAIL, p.best_ratio, scale, 20);
        mdoc_printf(d, ok ? MS_PASS : MS_FAIL, " %.2fx", p.best_ratio);
        mdoc_printf(d, MS_DIM, " (bar %.2fx)  %.3f ms", l->bars[0].max_ratio, p.best_seconds * 1e3);
    }
    if (!timed || untimed) mdoc_line(d);
    if (!timed && !untimed) mdoc_add(d, MS_DIM, "  (no timed lessons)", -1);
    else if (untimed)
        mdoc_printf(d, MS_DIM, "  %s%d lesson%s with a speed bar %s no timed pass yet", timed ? "and " : "", untimed,
                    untimed == 1 ? "" : "s", untimed == 1 ? "has" : "have");
}

static void recent(mdoc *d, kd_store *s) {
    attempt_row rows[10];
    int n = store_recent(s, rows, 10);
    mdoc_line(d);
    mdoc_line(d);
    mdoc_add(d, MS_H2, "Recent attempts", -1);
    if (!n) {
        mdoc_line(d);
        mdoc_add(d, MS_DIM, "  none yet: open a lesson, press e, save", -1);
    }
    for (int i = 0; i < n; i++) {
        char when[32];
        time_t t = (time_t)rows[i].at;
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
        bool pass = !strcmp(rows[i].verdict, "pass");
        mdoc_line(d);
        mdoc_printf(d, MS_DIM, "  %s  ", when);
        mdoc_printf(d, MS_TEXT, "%-30.30s ", rows[i].lesson_id);
        mdoc_printf(d, pass ? MS_PASS : MS_FAIL, "%-14s", rows[i].verdict);
        mdoc_printf(d, MS_DIM, " %8.1f ms", rows[i].seconds * 1e3);
    }
}

static void activity(mdoc *d, kd_store *s) {
    static const char *const utf8[] = {"\u00b7", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
    static const char *const ascii[] = {".", "_", "-", "=", "+", "*", "#", "%", "@"};
    int counts[ACTIVITY_DAYS] = {0}, max = 0, total = 0;
    store_activity(s, counts, ACTIVITY_DAYS);
    for (int i = 0; i < ACTIVITY_DAYS; i++) {
        if (counts[i] > max) max = counts[i];
        total += counts[i];
    }
    mdoc_line(d);
    mdoc_line(d);
    mdoc_printf(d, MS_H2, "Activity, last %d days", ACTIVITY_DAYS);
    mdoc_line(d);
    mdoc_add(d, MS_TEXT, "  ", 2);
    for (int i = ACTIVITY_DAYS - 1; i >= 0; i--) {
        int level = counts[i] && max ? 1 + (counts[i] * 7 + max - 1) / max : 0;
        if (level > 8) level = 8;
        mdoc_add(d, counts[i] ? MS_PASS : MS_DIM, theme_unicode() ? utf8[level] : ascii[level], -1);
    }
    mdoc_printf(d, MS_DIM, "  today %d, %d in all (most in a day: %d)", counts[0], total, max);
    mdoc_line(d);
    mdoc_printf(d, MS_DIM, "  %-*s%s", ACTIVITY_DAYS - 5, "4 weeks ago", "today");
}

static void build(progress *p, int width) {
    mdoc_clear(&p->doc);
    p->doc.ascii = !theme_unicode();
    p->width = width;
    kd_store *s = tui_store();
    if (!s) {
        mdoc_line(&p->doc);
        mdoc_add(&p->doc, MS_WARN, "progress cannot be read: the store did not open", -1);
        return;
    }
    kd_catalog *c = cli_catalog(tui_ctx());
    /* The short sections first: the list of bars grows with the lessons and may scroll. */
    tracks(&p->doc, c, s, width);
    activity(&p->doc, s);
    recent(&p->doc, s);
    best_times(&p->doc, c, s);
}

static void draw(screen *s, int top, int rows, int cols) {
    progress *p = (progress *)s;
    if (cols - 2 != p->width) build(p, cols - 2);
    if (p->scroll > p->doc.n - rows) p->scroll = p->doc.n - rows;
    if (p->scroll < 0) p->scroll = 0;
    theme_doc(&p->doc, p->scroll, top, 1, rows, cols - 1);
}

static int key(screen *s, int ch) {
    progress *p = (progress *)s;
    switch (ch) {
    case 'j': case KEY_DOWN: p->scroll++; break;
    case 'k': case KEY_UP: p->scroll--; break;
    case ' ': case KEY_NPAGE: p->scroll += LINES - 4; break;
    case 'b': case KEY_PPAGE: p->scroll -= LINES - 4; break;
    case 'g': case KEY_HOME: p->scroll = 0; break;
    case 'G': case KEY_END: p->scroll = 1 << 20; break;
    case 'p': return K_CLOSE;
    default: return K_UNHANDLED;
    }
    return K_REDRAW;
}

static void done(screen *s) {
    progress *p = (progress *)s;
    mdoc_done(&p->doc);
    free(p);
}

static const screen_key keys[] = {
    {"j k  \u2193 \u2191  Space b", "scroll"},
    {"q  Esc  p", "close the dashboard"},
    {NULL, NULL},
};

const screen_ops progress_ops = {
    .name = "Progress", .draw = draw, .key = key, .done = done, .keys = keys, .hint = "j k scroll  ? help  q close",
};

screen *progress_open(void) {
    progress *p = xcalloc(1, sizeof *p);
    p->base.ops = &progress_ops;
    snprintf(p->base.title, sizeof p->base.title, "progress");
    return &p->base;
}
