/* screen_confirm: a yes/no question drawn over the screen below it. */
#include "screen.h"
#include "theme.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    screen base;
    char *question;
    void (*on_yes)(void *ctx);
    void *ctx;
} confirm;

static void draw(screen *s, int top, int rows, int cols) {
    confirm *c = (confirm *)s;
    if (s->below) {
        snprintf(s->title, sizeof s->title, "%s", s->below->title);
        s->below->ops->draw(s->below, top, rows, cols);
    }
    int w = cols - 10 < 76 ? cols - 10 : 76;
    mdoc d = {.ascii = !theme_unicode()};
    mdoc_wrap(&d, MS_STRONG, c->question, w - 4, "");
    mdoc_line(&d);
    mdoc_line(&d);
    mdoc_add(&d, MS_PASS, "y", 1);
    mdoc_add(&d, MS_TEXT, " yes    ", -1);
    mdoc_add(&d, MS_FAIL, "n", 1);
    mdoc_add(&d, MS_TEXT, " no (or Esc)", -1);
    int h = d.n + 2, y = top + (rows - h) / 2, x = (cols - w) / 2;
    theme_box(y, x, h, w);
    theme_doc(&d, 0, y + 1, x + 2, d.n, w - 4);
    mdoc_done(&d);
}

static int key(screen *s, int ch) {
    confirm *c = (confirm *)s;
    if (ch == 'y' || ch == 'Y') {
        c->on_yes(c->ctx);
        return K_CLOSE | K_REDRAW;
    }
    if (ch == 'n' || ch == 'N' || ch == 27 || ch == 'q') {
        tui_message("nothing changed");
        return K_CLOSE | K_REDRAW;
    }
    if (ch == 'Q') return K_UNHANDLED;
    return K_HANDLED;
}

static void done(screen *s) {
    confirm *c = (confirm *)s;
    free(c->question);
    free(c);
}

static const screen_key keys[] = {{"y", "yes"}, {"n  Esc", "no"}, {NULL, NULL}};

const screen_ops confirm_ops = {
    .name = "Question", .draw = draw, .key = key, .done = done, .keys = keys, .hint = "y yes  n no",
};

screen *confirm_open(const char *question, void (*on_yes)(void *ctx), void *ctx) {
    confirm *c = xcalloc(1, sizeof *c);
    c->base.ops = &confirm_ops;
    c->question = xstrdup(question);
    c->on_yes = on_yes;
    c->ctx = ctx;
    snprintf(c->base.title, sizeof c->base.title, "are you sure?");
    return &c->base;
}
