/* screen_help: every key, for the screen the learner came from first, then the others. */
#include "screen.h"
#include "theme.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    screen base;
    const screen_ops *from;
    mdoc doc;
    int width, scroll;
} help;

static const screen_key global_keys[] = {
    {"?  F1", "this help"},
    {"p", "progress: completion per track, best times, recent attempts, activity"},
    {"q  Esc", "back (quits from the lesson list)"},
    {"Q  Ctrl-C", "quit kdojo from anywhere"},
    {"Ctrl-L", "repaint the screen"},
    {NULL, NULL},
};

#define KEY_COLUMN 24

/* One key per line; a long description wraps under itself. */
static void key_line(mdoc *d, const screen_key *k, int width) {
    mdoc what = {.ascii = d->ascii};
    mdoc_wrap(&what, MS_TEXT, k->what, width - KEY_COLUMN, "");
    mdoc_line(d);
    mdoc_add(d, MS_TEXT, "  ", 2);
    mdoc_add(d, MS_CODE, k->key, -1);
    int w = mdoc_width(d->lines[d->n - 1].text, -1);
    mdoc_printf(d, MS_TEXT, "%*s", w < KEY_COLUMN ? KEY_COLUMN - w : 1, "");
    for (int i = 0; i < what.n; i++) {
        if (i) mdoc_printf(d, MS_TEXT, "%*s", KEY_COLUMN, "");
        mdoc_add(d, MS_TEXT, what.lines[i].text, what.lines[i].len);
        if (i + 1 < what.n) mdoc_line(d);
    }
    mdoc_done(&what);
}

static void section(mdoc *d, const char *title, const screen_key *k, int width) {
    mdoc_line(d);
    mdoc_line(d);
    mdoc_add(d, MS_H2, title, -1);
    for (; k && k->key; k++) key_line(d, k, width);
}

static void build(help *h, int width) {
    static const screen_ops *const all[] = {&browser_ops, &lesson_ops, &solution_ops, &progress_ops, NULL};
    mdoc_clear(&h->doc);
    h->doc.ascii = !theme_unicode();
    h->width = width;
    mdoc_line(&h->doc);
    mdoc_add(&h->doc, MS_H1, "kdojo keys", -1);
    mdoc_wrap(&h->doc, MS_DIM, "Arrows and vi keys both work. Saves of your file are graded as soon as they land.", width, "");
    if (h->from && h->from->keys) {
        char t[64];
        snprintf(t, sizeof t, "%s (where you were)", h->from->name);
        section(&h->doc, t, h->from->keys, width);
    }
    section(&h->doc, "Everywhere", global_keys, width);
    for (int i = 0; all[i]; i++)
        if (all[i] != h->from) section(&h->doc, all[i]->name, all[i]->keys, width);
}

static void draw(screen *s, int top, int rows, int cols) {
    help *h = (help *)s;
    if (cols - 4 != h->width) build(h, cols - 4);
    if (h->scroll > h->doc.n - rows) h->scroll = h->doc.n - rows;
    if (h->scroll < 0) h->scroll = 0;
    theme_doc(&h->doc, h->scroll, top, 2, rows, cols - 2);
}

static int key(screen *s, int ch) {
    help *h = (help *)s;
    switch (ch) {
    case 'j': case KEY_DOWN: h->scroll++; break;
    case 'k': case KEY_UP: h->scroll--; break;
    case ' ': case KEY_NPAGE: h->scroll += LINES - 4; break;
    case 'b': case KEY_PPAGE: h->scroll -= LINES - 4; break;
    case 'g': case KEY_HOME: h->scroll = 0; break;
    case 'G': case KEY_END: h->scroll = 1 << 20; break;
    case '?': return K_CLOSE;
    default: return K_UNHANDLED;
    }
    return K_REDRAW;
}

static void done(screen *s) {
    help *h = (help *)s;
    mdoc_done(&h->doc);
    free(h);
}

static const screen_key keys[] = {
    {"j k  \u2193 \u2191  Space b", "scroll"},
    {"q  Esc  ?", "close the help"},
    {NULL, NULL},
};

const screen_ops help_ops = {
    .name = "Help", .draw = draw, .key = key, .done = done, .keys = keys, .hint = "j k scroll  q close",
};

screen *help_open(const screen *from) {
    help *h = xcalloc(1, sizeof *h);
    h->base.ops = &help_ops;
    h->from = from ? from->ops : NULL;
    snprintf(h->base.title, sizeof h->base.title, "help");
    return &h->base;
}
