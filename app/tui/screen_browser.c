/* screen_browser: tracks with completion bars and their lessons with status, best time and
   attempts; / filters by name; the last opened lesson is selected on start. */
#include "screen.h"
#include "theme.h"
#include "util.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int track;          /* index into catalog tracks */
    int lesson;         /* index into catalog lessons, -1 for a track header */
} row;

typedef struct {
    screen base;
    kd_catalog *cat;
    lesson_progress *prog;   /* per lesson, refreshed on resume */
    row *rows;
    int n_rows, sel, top;
    char filter[64];
    bool filtering;          /* typing into the filter */
} browser;

/* ---------------------------------------------------------------- model */

static bool matches(const browser *b, const kd_lesson *l) {
    if (!b->filter[0]) return true;
    return strcasestr(l->id, b->filter) || (l->title && strcasestr(l->title, b->filter));
}

static void build_rows(browser *b) {
    int keep = b->sel >= 0 && b->sel < b->n_rows ? b->rows[b->sel].lesson : -1;
    b->n_rows = 0;
    b->rows = xrealloc(b->rows, sizeof *b->rows * (size_t)(b->cat->n + b->cat->n_tracks + 1));
    for (int t = 0; t < b->cat->n_tracks; t++) {
        int header = b->n_rows;
        b->rows[b->n_rows++] = (row){t, -1};
        for (int i = 0; i < b->cat->n; i++)
            if (!strcmp(b->cat->lessons[i].track, b->cat->tracks[t].id) && matches(b, &b->cat->lessons[i]))
                b->rows[b->n_rows++] = (row){t, i};
        if (b->n_rows == header + 1 && b->filter[0]) b->n_rows--;  /* no match in this track */
    }
    b->sel = -1;
    for (int i = 0; i < b->n_rows; i++)
        if (b->rows[i].lesson >= 0 && (b->sel < 0 || b->rows[i].lesson == keep)) b->sel = i;
}

static void load_progress(browser *b) {
    kd_store *s = tui_store();
    for (int i = 0; i < b->cat->n; i++) {
        memset(&b->prog[i], 0, sizeof b->prog[i]);
        if (s && !b->cat->lessons[i].error) store_lesson_progress(s, &b->cat->lessons[i], &b->prog[i]);
    }
}

static void select_lesson(browser *b, const char *id) {
    for (int i = 0; id && i < b->n_rows; i++)
        if (b->rows[i].lesson >= 0 && !strcmp(b->cat->lessons[b->rows[i].lesson].id, id)) b->sel = i;
}

static void move_sel(browser *b, int delta) {
    int i = b->sel;
    for (int step = delta > 0 ? 1 : -1; delta; delta -= step) {
        int j = i + step;
        while (j >= 0 && j < b->n_rows && b->rows[j].lesson < 0) j += step;
        if (j < 0 || j >= b->n_rows) break;
        i = j;
    }
    b->sel = i;
}

/* ---------------------------------------------------------------- drawing */

static void track_counts(const browser *b, int t, int *passed, int *total) {
    *passed = *total = 0;
    for (int i = 0; i < b->cat->n; i++) {
        if (strcmp(b->cat->lessons[i].track, b->cat->tracks[t].id) || b->cat->lessons[i].error) continue;
        (*total)++;
        *passed += lesson_progress_done(&b->prog[i]);
    }
}

static void draw_track(const browser *b, int t, mdoc *d) {
    int passed, total;
    track_counts(b, t, &passed, &total);
    mdoc_add(d, MS_H2, b->cat->tracks[t].title ? b->cat->tracks[t].title : b->cat->tracks[t].id, -1);
    int w = mdoc_width(d->lines[d->n - 1].text, -1);
    mdoc_printf(d, MS_TEXT, "%*s", w < 34 ? 34 - w : 1, "");
    theme_bar(d, passed == total && total ? MS_PASS : MS_H2, passed, total, 20);
    mdoc_printf(d, MS_TEXT, " %3d%%  %d/%d done", total ? passed * 100 / total : 0, passed, total);
}

static const char *status_of(const kd_lesson *l, const lesson_progress *p, mstyle *st) {
    if (l->error) return *st = MS_WARN, "!";
    if (lesson_progress_done(p)) return *st = MS_PASS, theme_glyph(G_PASS);
    if (p->passed) return *st = MS_WARN, theme_glyph(G_CHANGED);
    if (p->attempts) return *st = MS_FAIL, theme_glyph(G_FAIL);
    return *st = MS_DIM, theme_glyph(G_UNTOUCHED);
}

static void draw_lesson(const browser *b, int i, mdoc *d, int cols) {
    const kd_lesson *l = &b->cat->lessons[i];
    const lesson_progress *p = &b->prog[i];
    mstyle st;
    const char *mark = status_of(l, p, &st);
    const char *slug = strrchr(l->id, '/') ? strrchr(l->id, '/') + 1 : l->id;
    mdoc_add(d, MS_TEXT, "   ", 3);
    mdoc_add(d, st, mark, -1);
    mdoc_printf(d, MS_TEXT, "%*s", 3 - mdoc_width(mark, -1), "");
    int titlew = cols - 3 - 3 - 24 - 26;
    char title[256];
    snprintf(title, sizeof title, "%s", l->error ? "(broken: see kdojo list)" : l->title);
    int fit = mdoc_fit(title, -1, titlew);
    title[fit] = 0;
    mdoc_printf(d, MS_TEXT, "%-23.23s ", slug);
    mdoc_add(d, l->error ? MS_WARN : MS_TEXT, title, -1);
    mdoc_printf(d, MS_TEXT, "%*s", titlew - mdoc_width(title, -1), "");
    char best[32] = "", tries[32] = "";
    if (p->best_ratio > 0 && l->n_bars) snprintf(best, sizeof best, "%.2fx/%.2fx", p->best_ratio, l->bars[0].max_ratio);
    else if (p->best_seconds > 0) snprintf(best, sizeof best, "%.2f ms", p->best_seconds * 1e3);
    if (p->attempts) snprintf(tries, sizeof tries, "%d tr%s", p->attempts, p->attempts == 1 ? "y" : "ies");
    mdoc_printf(d, p->best_ratio > 0 && l->n_bars && p->best_ratio <= l->bars[0].max_ratio ? MS_PASS : MS_DIM,
                " %12s", best);
    mdoc_printf(d, MS_DIM, " %11s", tries);
}

static void draw_details(const browser *b, int y, int rows, int cols) {
    mdoc d = {.ascii = !theme_unicode()};
    if (b->sel >= 0) {
        const kd_lesson *l = &b->cat->lessons[b->rows[b->sel].lesson];
        mdoc_line(&d);
        mdoc_add(&d, MS_STRONG, l->id, -1);
        mdoc_add(&d, MS_TEXT, "  ", 2);
        mdoc_add(&d, MS_TEXT, l->title, -1);
        mdoc_wrap(&d, l->error ? MS_WARN : MS_DIM, l->error ? l->error : l->summary ? l->summary : "", cols - 2, "");
    } else {
        mdoc_line(&d);
        mdoc_printf(&d, MS_WARN, "no lesson matches '%s' (Esc clears the filter)", b->filter);
    }
    theme_doc(&d, 0, y, 1, rows, cols - 1);
    mdoc_done(&d);
}

static void draw(screen *s, int top, int rows, int cols) {
    browser *b = (browser *)s;
    int list_rows = rows - 5;
    if (b->sel >= 0 && b->sel < b->top + 1) b->top = b->sel > 0 && b->rows[b->sel - 1].lesson < 0 ? b->sel - 1 : b->sel;
    if (b->sel >= b->top + list_rows) b->top = b->sel - list_rows + 1;
    if (b->top < 0) b->top = 0;
    for (int r = 0; r < list_rows; r++) {
        int k = b->top + r;
        mdoc d = {.ascii = !theme_unicode()};
        mdoc_line(&d);
        mdoc_add(&d, MS_TEXT, " ", 1);
        if (k < b->n_rows && b->rows[k].lesson < 0) draw_track(b, b->rows[k].track, &d);
        else if (k < b->n_rows) draw_lesson(b, b->rows[k].lesson, &d, cols - 1);
        if (k == b->sel) {
            for (int i = 0; i < d.lines[0].n_spans; i++)
                if (d.lines[0].spans[i].style == MS_TEXT || d.lines[0].spans[i].style == MS_DIM) d.lines[0].spans[i].style = MS_SELECT;
            theme_fill(top + r, 0, cols, MS_SELECT);
            theme_doc(&d, 0, top + r, 0, 1, cols);
            int used = mdoc_width(d.lines[0].text, -1);
            if (used < cols) theme_fill(top + r, used, cols - used, MS_SELECT);
        } else {
            theme_doc(&d, 0, top + r, 0, 1, cols);
        }
        mdoc_done(&d);
    }
    theme_hline(top + list_rows, 0, cols);
    if (b->filtering || b->filter[0]) {
        char f[96];
        snprintf(f, sizeof f, " /%s%s ", b->filter, b->filtering ? "_" : "");
        theme_print(top + list_rows, 2, b->filtering ? MS_WARN : MS_H2, f, cols - 4);
    }
    draw_details(b, top + list_rows + 1, 4, cols);
}

/* ---------------------------------------------------------------- keys */

static int open_selected(browser *b) {
    if (b->sel < 0) return K_HANDLED;
    kd_lesson *l = &b->cat->lessons[b->rows[b->sel].lesson];
    if (l->error) {
        tui_message("%s is broken: %s", l->id, l->error);
        return K_REDRAW;
    }
    tui_push(lesson_open(l));
    return K_REDRAW;
}

static int filter_key(browser *b, int ch) {
    size_t n = strlen(b->filter);
    if (ch == 27) {
        b->filter[0] = 0;
        b->filtering = false;
    } else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
        b->filtering = false;
    } else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
        if (n) b->filter[n - 1] = 0;
    } else if (ch == KEY_DOWN || ch == KEY_UP) {
        move_sel(b, ch == KEY_DOWN ? 1 : -1);
        return K_REDRAW;
    } else if (ch >= 32 && ch < 127 && n + 1 < sizeof b->filter) {
        b->filter[n] = (char)ch;
        b->filter[n + 1] = 0;
    }
    build_rows(b);
    return K_REDRAW;
}

static int key(screen *s, int ch) {
    browser *b = (browser *)s;
    if (b->filtering) return filter_key(b, ch);
    int page = LINES - 8;
    switch (ch) {
    case 'j': case KEY_DOWN: move_sel(b, 1); break;
    case 'k': case KEY_UP: move_sel(b, -1); break;
    case KEY_NPAGE: case 6: case ' ': move_sel(b, page); break;
    case KEY_PPAGE: case 2: move_sel(b, -page); break;
    case 'g': case KEY_HOME: move_sel(b, -b->n_rows); break;
    case 'G': case KEY_END: move_sel(b, b->n_rows); break;
    case '\n': case '\r': case KEY_ENTER: case 'l': case KEY_RIGHT: case 'o': return open_selected(b);
    case '/': b->filtering = true; break;
    case 27:
        if (!b->filter[0]) return K_UNHANDLED;
        b->filter[0] = 0;
        build_rows(b);
        break;
    default: return K_UNHANDLED;
    }
    return K_REDRAW;
}

/* Back on top (a lesson, the help or the dashboard closed): statuses may have changed. */
static void resume(screen *s) { load_progress((browser *)s); }

static void done(screen *s) {
    browser *b = (browser *)s;
    free(b->rows);
    free(b->prog);
    free(b);
}

static const screen_key keys[] = {
    {"j k  \u2193 \u2191", "move between lessons"},
    {"PgDn PgUp  Space", "a page down / up"},
    {"g G  Home End", "first / last lesson"},
    {"Enter l \u2192", "open the lesson"},
    {"/", "filter lessons by name (Enter keeps it, Esc clears it)"},
    {NULL, NULL},
};

const screen_ops browser_ops = {
    .name = "Lessons",
    .draw = draw,
    .key = key,
    .resume = resume,
    .done = done,
    .keys = keys,
    .hint = "Enter open  / filter  p progress  ? help  q quit",
};

screen *browser_open(void) {
    browser *b = xcalloc(1, sizeof *b);
    b->base.ops = &browser_ops;
    snprintf(b->base.title, sizeof b->base.title, "lessons");
    b->cat = cli_catalog(tui_ctx());
    b->prog = xcalloc((size_t)b->cat->n + 1, sizeof *b->prog);
    b->sel = -1;
    build_rows(b);
    load_progress(b);
    char *last = tui_store() ? store_get(tui_store(), "last_lesson") : NULL;
    select_lesson(b, last);
    free(last);
    return &b->base;
}
