/* screen_lesson: one lesson open: its README on one side, the results panel on the other (or
   below, on narrow terminals). Every save of the learner's file is graded on the worker
   thread; the panel shows progress while it runs and the results when it ends. */
#include "editor.h"
#include "results.h"
#include "screen.h"
#include "theme.h"
#include "util.h"
#include "watch.h"
#include "worker.h"
#include "workspace.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEBOUNCE_SECONDS 0.02   /* editors write in bursts; grade once the burst is over */
#define SPIN_SECONDS 0.1

typedef struct {
    int y, x, h, w;
} pane;

typedef struct {
    screen base;
    kd_lesson *l;
    char *path, *dir;
    char *readme;
    size_t readme_len;
    mdoc text;                  /* the README, rendered for text_width */
    int text_width, scroll, saved_scroll;
    mdoc panel;                 /* results, progress, hints; rebuilt when anything changes */
    int panel_width, panel_scroll, hint_line;
    bool panel_stale, focus_panel, zoom;
    worker *w;
    watch *wt;
    char *watch_problem;        /* why saves are not watched, or NULL */
    worker_progress prog;
    check_result result;
    bool have_result, passed;
    int64_t result_stored_at;   /* the result is the last stored attempt, from then (0: this session's) */
    char *result_source, *run_error;
    int frame;
    double next_frame, pending; /* spinner tick; when a save's check starts (0: none) */
    int hints_shown;
} lesson;

/* ---------------------------------------------------------------- state */

static char *key_for(const lesson *ls, const char *what) { return xasprintf("%s:%s", what, ls->l->id); }

static int get_int(const lesson *ls, const char *what) {
    kd_store *s = tui_store();
    char *k = key_for(ls, what);
    char *v = s ? store_get(s, k) : NULL;
    int n = v ? atoi(v) : 0;
    free(v);
    free(k);
    return n;
}

static void set_int(const lesson *ls, const char *what, int n) {
    kd_store *s = tui_store();
    if (!s) return;
    char *k = key_for(ls, what);
    char v[16];
    snprintf(v, sizeof v, "%d", n);
    store_set(s, k, v);
    free(k);
}

static void start_check(lesson *ls) {
    ls->pending = 0;
    free(ls->run_error);
    ls->run_error = NULL;
    worker_check(ls->w);
    worker_progress_get(ls->w, &ls->prog);
    ls->next_frame = now_seconds() + SPIN_SECONDS;
    ls->panel_stale = true;
    ls->panel_scroll = 0;
    tui_redraw();
}

static void record(lesson *ls, check_result *r, const char *source) {
    char *err = NULL;
    kd_store *s = tui_store();
    if (r->verdict == V_CANCELLED) {
        tui_message("check cancelled");
    } else if (s && store_add_attempt(s, ls->l, r, source, &err) < 0) {
        tui_message("progress not saved: %s", err);
        free(err);
    } else if (r->verdict == V_PASS) {
        ls->passed = true;
        tui_message("PASS: %s. s shows the reference solution.", r->summary);
    }
}

static void finish(lesson *ls, check_result *r, char *source, char *err) {
    if (err) {
        free(ls->run_error);
        ls->run_error = err;
        free(source);
        return;
    }
    record(ls, r, source);
    if (r->verdict == V_CANCELLED && ls->have_result) {  /* keep showing the last real result */
        check_result_done(r);
        free(source);
        return;
    }
    if (ls->have_result) check_result_done(&ls->result);
    free(ls->result_source);
    ls->result = *r;
    ls->result_source = source;
    ls->have_result = true;
    ls->result_stored_at = 0;
}

/* On opening: the lesson's last recorded attempt, so a learner coming back sees where they were. */
static void load_last_result(lesson *ls) {
    check_result r;
    char *source;
    int64_t at;
    if (!tui_store() || !store_last_result(tui_store(), ls->l->id, &r, &source, &at)) return;
    ls->result = r;
    ls->result_source = source;
    ls->have_result = true;
    ls->result_stored_at = at;
}

static void on_worker(void *ctx) {
    lesson *ls = ctx;
    worker_drain(ls->w);
    check_result r;
    char *source, *err;
    if (worker_take(ls->w, &r, &source, &err)) finish(ls, &r, source, err);
    check_result_done(&ls->prog.partial);
    worker_progress_get(ls->w, &ls->prog);
    ls->panel_stale = true;
    tui_redraw();
}

static double next_deadline(void *ctx) {
    lesson *ls = ctx;
    double d = ls->pending;
    if (ls->prog.running && (d == 0 || ls->next_frame < d)) d = ls->next_frame;
    return d;
}

static void on_deadline(void *ctx) {
    lesson *ls = ctx;
    double now = now_seconds();
    if (ls->pending && ls->pending <= now) start_check(ls);
    if (ls->prog.running && ls->next_frame <= now) {
        ls->frame++;
        ls->next_frame = now + SPIN_SECONDS;
        check_result_done(&ls->prog.partial);
        worker_progress_get(ls->w, &ls->prog);
        ls->panel_stale = true;
        tui_redraw();
    }
}

static void on_watch(void *ctx) {
    lesson *ls = ctx;
    bool gone;
    if (watch_read(ls->wt, &gone)) ls->pending = now_seconds() + DEBOUNCE_SECONDS;
    if (gone) {
        tui_remove_sources(ls);
        watch_delete(ls->wt);
        ls->wt = NULL;
        ls->watch_problem = xasprintf("the workspace directory %s went away", ls->dir);
        tui_add_source(&(tui_source){worker_fd(ls->w), on_worker, next_deadline, on_deadline, ls});
        ls->panel_stale = true;
        tui_redraw();
    }
}

/* ---------------------------------------------------------------- panel */

static void panel_intro(lesson *ls, int width) {
    mdoc_wrap(&ls->panel, MS_TEXT, "Not checked yet in this session.", width, "");
    mdoc_line(&ls->panel);
    mdoc_wrap(&ls->panel, MS_DIM, "e edits your file; every save is graded here. c checks now, h shows a hint.", width, "");
    mdoc_wrap(&ls->panel, MS_DIM, ls->path, width, "your file: ");
}

static void panel_hints(lesson *ls, int width) {
    if (!ls->hints_shown) return;
    mdoc_line(&ls->panel);
    ls->hint_line = ls->panel.n;
    for (int i = 0; i < ls->hints_shown && i < ls->l->n_hints; i++) {
        mdoc_line(&ls->panel);
        mdoc_printf(&ls->panel, MS_BULLET, "hint %d/%d", i + 1, ls->l->n_hints);
        mdoc_wrap(&ls->panel, MS_TEXT, ls->l->hints[i], width, "  ");
    }
    if (ls->hints_shown >= ls->l->n_hints) mdoc_wrap(&ls->panel, MS_DIM, "(that was the last hint)", width, "");
}

static void build_panel(lesson *ls, int width) {
    mdoc_clear(&ls->panel);
    ls->panel.ascii = !theme_unicode();
    ls->panel_width = width;
    ls->hint_line = 0;
    if (ls->prog.running) results_progress(&ls->panel, &ls->prog, ls->frame, width);
    else if (ls->run_error) mdoc_wrap(&ls->panel, MS_FAIL, ls->run_error, width, "could not check: ");
    else if (ls->have_result) {
        if (ls->result_stored_at) {
            char when[64], head[160];
            time_t t = (time_t)ls->result_stored_at;
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
            snprintf(head, sizeof head, "Your last check, %s (save or press c to check again):", when);
            mdoc_wrap(&ls->panel, MS_DIM, head, width, "");
        }
        results_render(&ls->panel, &ls->result, ls->l, ls->result_source, width);
    }
    else panel_intro(ls, width);
    panel_hints(ls, width);
    ls->panel_stale = false;
}

/* ---------------------------------------------------------------- drawing */

static void layout(const lesson *ls, int top, int rows, int cols, pane *reader, pane *panel) {
    bool wide = cols >= 120;
    if (ls->zoom) {
        *reader = *panel = (pane){top, 0, rows, cols};
        if (ls->focus_panel) reader->h = 0;
        else panel->h = 0;
        return;
    }
    if (wide) {
        int rw = cols * 55 / 100;
        *reader = (pane){top, 0, rows, rw};
        *panel = (pane){top, rw + 1, rows, cols - rw - 1};
    } else {
        int ph = rows * 45 / 100;
        *reader = (pane){top, 0, rows - ph, cols};
        *panel = (pane){top + rows - ph, 0, ph, cols};
    }
}

static int clamp(int v, int lo, int hi) { return v > hi ? (hi > lo ? hi : lo) : v < lo ? lo : v; }

static void draw_reader(lesson *ls, pane b) {
    if (b.h <= 0) return;
    int width = b.w - 2;
    if (width != ls->text_width) {
        mdoc_clear(&ls->text);
        ls->text.ascii = !theme_unicode();
        markdown_render(&ls->text, ls->readme, ls->readme_len, width);
        ls->text_width = width;
        if (ls->saved_scroll >= 0) {
            ls->scroll = ls->saved_scroll;
            ls->saved_scroll = -1;
        }
    }
    ls->scroll = clamp(ls->scroll, 0, ls->text.n - b.h);
    theme_fill(b.y, 0, 1, MS_TEXT);
    theme_doc(&ls->text, ls->scroll, b.y, b.x + 1, b.h, width + 1);
}

static void panel_header(lesson *ls, pane b, bool stacked) {
    char h[256];
    snprintf(h, sizeof h, " %s %s %s ", ls->l->file, theme_glyph(G_SEP),
             ls->watch_problem ? "not watched: press c to check" : "graded on every save");
    if (stacked) theme_hline(b.y, b.x, b.w);
    else theme_fill(b.y, b.x, b.w, MS_TEXT);
    theme_print(b.y, b.x + 1, ls->focus_panel ? MS_H2 : MS_DIM, h, b.w - 12);
    if (stacked && ls->text.n > 0 && !ls->focus_panel) {  /* how far into the text, on the rule below it */
        char pct[16];
        int p = ls->text.n ? (ls->scroll + 1) * 100 / ls->text.n : 100;
        snprintf(pct, sizeof pct, " %d%% ", p > 100 ? 100 : p);
        theme_print(b.y, b.x + b.w - 7, MS_DIM, pct, 6);
    }
}

static void draw_panel(lesson *ls, pane b, bool stacked) {
    if (b.h <= 0) return;
    int width = b.w - 2;
    if (ls->panel_stale || width != ls->panel_width) build_panel(ls, width);
    panel_header(ls, b, stacked);
    int rows = b.h - 1;
    if (ls->watch_problem && rows > 2) {
        char m[512];
        snprintf(m, sizeof m, "%s", ls->watch_problem);
        theme_fill(b.y + 1, b.x, b.w, MS_TEXT);
        theme_print(b.y + 1, b.x + 1, MS_WARN, m, width);
        b.y++;
        rows--;
    }
    ls->panel_scroll = clamp(ls->panel_scroll, 0, ls->panel.n - rows);
    theme_doc(&ls->panel, ls->panel_scroll, b.y + 1, b.x + 1, rows, width + 1);
}

static void draw(screen *s, int top, int rows, int cols) {
    lesson *ls = (lesson *)s;
    pane reader, panel;
    layout(ls, top, rows, cols, &reader, &panel);
    draw_reader(ls, reader);
    bool stacked = !ls->zoom && cols < 120;
    if (!ls->zoom && !stacked) theme_vline(top, reader.w, rows);
    draw_panel(ls, panel, stacked);
}

/* ---------------------------------------------------------------- keys */

static void on_reset(void *ctx) {
    lesson *ls = ctx;
    char *backup = NULL, *err = NULL;
    if (workspace_reset(&tui_ctx()->paths, ls->l, &backup, &err) < 0) {
        tui_message("reset failed: %s", err);
        free(err);
        return;
    }
    tui_message("%s is the starter again; your previous file is %s", ls->l->file, backup);
    free(backup);
    if (!ls->wt) start_check(ls);
}

static int edit(lesson *ls) {
    char *err = NULL;
    char *before = read_file(ls->path, NULL);
    if (editor_run(ls->path, &err) < 0) {
        tui_message("%s", err);
        free(err);
    } else if (!ls->wt) {  /* no watch: grade what the editor left, if it changed */
        char *after = read_file(ls->path, NULL);
        if (!before || !after || strcmp(before, after)) start_check(ls);
        free(after);
    }
    free(before);
    return K_REDRAW;
}

static int hint(lesson *ls) {
    if (!ls->l->n_hints) {
        tui_message("this lesson has no hints");
        return K_REDRAW;
    }
    if (ls->hints_shown < ls->l->n_hints) {
        ls->hints_shown++;
        set_int(ls, "hints", ls->hints_shown);
    } else {
        tui_message("that was the last hint");
    }
    ls->panel_stale = true;
    build_panel(ls, ls->panel_width > 0 ? ls->panel_width : 40);
    ls->panel_scroll = ls->hint_line;
    ls->focus_panel = true;
    return K_REDRAW;
}

static int solution(lesson *ls) {
    if (!ls->passed) {
        tui_message("the reference solution unlocks once your file passes");
        return K_REDRAW;
    }
    tui_push(solution_open(ls->l, ls->path));
    return K_REDRAW;
}

static int scroll_by(lesson *ls, int delta) {
    if (ls->focus_panel) ls->panel_scroll += delta;
    else ls->scroll += delta;
    return K_REDRAW;
}

static int key(screen *s, int ch) {
    lesson *ls = (lesson *)s;
    int page = ls->focus_panel && LINES - 2 < 40 && !ls->zoom ? (LINES - 2) * 45 / 100 - 2 : LINES - 4;
    if (!ls->focus_panel && COLS < 120 && !ls->zoom) page = (LINES - 2) * 55 / 100 - 1;
    switch (ch) {
    case 'j': case KEY_DOWN: return scroll_by(ls, 1);
    case 'k': case KEY_UP: return scroll_by(ls, -1);
    case ' ': case 'f': case 6: case KEY_NPAGE: return scroll_by(ls, page);
    case 'b': case 2: case KEY_PPAGE: return scroll_by(ls, -page);
    case 'd': case 4: return scroll_by(ls, page / 2);
    case 'u': case 21: return scroll_by(ls, -page / 2);
    case 'g': case KEY_HOME: return scroll_by(ls, -1000000);
    case 'G': case KEY_END: return scroll_by(ls, 1000000);
    case '\t': case KEY_BTAB: ls->focus_panel = !ls->focus_panel; return K_REDRAW;
    case 'z': ls->zoom = !ls->zoom; return K_REDRAW;
    case 'e': return edit(ls);
    case 'c': start_check(ls); return K_REDRAW;
    case 'h': return hint(ls);
    case 's': return solution(ls);
    case 'r':
        tui_push(confirm_open("Reset your file to the starter? The current file is kept as a backup.", on_reset, ls));
        return K_REDRAW;
    case 27:
        if (!worker_cancel(ls->w)) return K_UNHANDLED;
        tui_message("cancelling the check");
        return K_REDRAW;
    default: return K_UNHANDLED;
    }
}

static void done(screen *s) {
    lesson *ls = (lesson *)s;
    set_int(ls, "scroll", ls->scroll);
    tui_remove_sources(ls);
    worker_delete(ls->w);
    watch_delete(ls->wt);
    check_result_done(&ls->prog.partial);
    if (ls->have_result) check_result_done(&ls->result);
    mdoc_done(&ls->text);
    mdoc_done(&ls->panel);
    free(ls->result_source);
    free(ls->run_error);
    free(ls->watch_problem);
    free(ls->readme);
    free(ls->path);
    free(ls->dir);
    free(ls);
}

static const screen_key keys[] = {
    {"e", "edit your file in $VISUAL or $EDITOR (vi if neither is set)"},
    {"c", "check now (saves are checked by themselves)"},
    {"Esc", "cancel a check in progress (else: back to the lessons)"},
    {"h", "show the next hint"},
    {"s", "after a pass: the reference solution beside yours"},
    {"r", "reset your file to the starter (asks first, keeps a backup)"},
    {"Tab", "move between the text and the results"},
    {"z", "zoom the text or the results to the whole window"},
    {"j k  \u2193 \u2191", "scroll a line"},
    {"Space f  b  PgDn PgUp", "scroll a page"},
    {"d u", "scroll half a page"},
    {"g G  Home End", "top / bottom"},
    {"q", "back to the lessons"},
    {NULL, NULL},
};

const screen_ops lesson_ops = {
    .name = "Lesson",
    .draw = draw,
    .key = key,
    .done = done,
    .keys = keys,
    .hint = "e edit  c check  h hint  s solution  r reset  Tab switch  ? help  q back",
};

static void start_watch(lesson *ls) {
    char *err = NULL;
    ls->wt = getenv("KDOJO_NO_WATCH") ? NULL : watch_new(ls->dir, ls->l->file, &err);
    if (!ls->wt) ls->watch_problem = err ? err : xstrdup("watching is off (KDOJO_NO_WATCH): press c to check");
    else tui_add_source(&(tui_source){watch_fd(ls->wt), on_watch, NULL, NULL, ls});
}

screen *lesson_open(kd_lesson *l) {
    lesson *ls = xcalloc(1, sizeof *ls);
    ls->base.ops = &lesson_ops;
    ls->l = l;
    ls->prog.partial.running = -1;
    snprintf(ls->base.title, sizeof ls->base.title, "%s %s %s", l->id, theme_glyph(G_SEP), l->title);
    char *err = NULL;
    if (workspace_seed(&tui_ctx()->paths, l, &err) < 0) {
        tui_message("%s", err);
        free(err);
    }
    ls->path = workspace_file(&tui_ctx()->paths, l);
    ls->dir = workspace_dir(&tui_ctx()->paths, l);
    char *readme = lesson_path(l, "README.md");
    ls->readme = read_file(readme, &ls->readme_len);
    if (!ls->readme) ls->readme = xasprintf("# %s\n\n(%s could not be read)\n", l->title, readme), ls->readme_len = strlen(ls->readme);
    free(readme);
    ls->saved_scroll = get_int(ls, "scroll");
    ls->hints_shown = get_int(ls, "hints");
    if (ls->hints_shown > l->n_hints) ls->hints_shown = l->n_hints;
    lesson_progress p = {0};
    if (tui_store()) {
        store_lesson_progress(tui_store(), l, &p);
        store_set(tui_store(), "last_lesson", l->id);
    }
    ls->passed = p.passed;
    load_last_result(ls);
    ls->w = worker_new(&tui_ctx()->paths, l, ls->path, &err);
    if (!ls->w) tui_fatal("kdojo: %s", err);
    tui_add_source(&(tui_source){worker_fd(ls->w), on_worker, next_deadline, on_deadline, ls});
    start_watch(ls);
    ls->panel_stale = true;
    return &ls->base;
}
