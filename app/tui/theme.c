/* theme: colours per text role, glyphs, and painting styled text. */
#include "theme.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* The terminal's look: set once by theme_init, read by every paint. */
static attr_t theme_attrs[MS_COUNT];
static int theme_ncolors;
static bool theme_utf8;

typedef struct {
    short fg256, fg8;
    attr_t attr;       /* with colour */
    attr_t plain;      /* without colour (NO_COLOR, monochrome) */
} role;

static const role roles[MS_COUNT] = {
    [MS_TEXT] = {-1, -1, 0, 0},
    [MS_H1] = {214, COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE},
    [MS_H2] = {81, COLOR_CYAN, A_BOLD, A_BOLD},
    [MS_H3] = {117, COLOR_CYAN, 0, A_BOLD},
    [MS_EM] = {-1, -1, A_ITALIC, A_UNDERLINE},
    [MS_STRONG] = {-1, -1, A_BOLD, A_BOLD},
    [MS_CODE] = {180, COLOR_YELLOW, 0, A_BOLD},
    [MS_CODEBLOCK] = {252, -1, 0, 0},
    [MS_KEYWORD] = {204, COLOR_MAGENTA, A_BOLD, A_BOLD},
    [MS_TYPE] = {81, COLOR_CYAN, 0, 0},
    [MS_COMMENT] = {244, COLOR_BLUE, 0, A_DIM},
    [MS_STRING] = {150, COLOR_GREEN, 0, 0},
    [MS_NUMBER] = {141, COLOR_MAGENTA, 0, 0},
    [MS_PREPROC] = {176, COLOR_MAGENTA, 0, 0},
    [MS_QUOTE] = {244, COLOR_BLUE, 0, A_DIM},
    [MS_LINK] = {75, COLOR_BLUE, A_UNDERLINE, A_UNDERLINE},
    [MS_RULE] = {240, COLOR_BLUE, 0, A_DIM},
    [MS_BULLET] = {214, COLOR_YELLOW, 0, 0},
    [MS_DIM] = {245, -1, 0, A_DIM},
    [MS_PASS] = {114, COLOR_GREEN, A_BOLD, A_BOLD},
    [MS_FAIL] = {203, COLOR_RED, A_BOLD, A_BOLD},
    [MS_WARN] = {221, COLOR_YELLOW, 0, A_BOLD},
    [MS_TITLE] = {-1, -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
    [MS_ADD] = {114, COLOR_GREEN, 0, A_BOLD},
    [MS_DEL] = {203, COLOR_RED, 0, A_DIM},
    [MS_SELECT] = {-1, -1, A_REVERSE, A_REVERSE},
    [MS_CARET] = {203, COLOR_RED, A_BOLD, A_BOLD},
};

static bool no_color(void) {
    const char *nc = getenv("NO_COLOR");
    return nc && *nc;
}

void theme_init(bool unicode) {
    theme_utf8 = unicode;
    theme_ncolors = 0;
    if (!no_color() && has_colors() && start_color() == OK) {
        theme_ncolors = COLORS >= 256 ? 256 : 8;
        use_default_colors();
    }
    for (int i = 0; i < MS_COUNT; i++) {
        const role *r = &roles[i];
        short fg = theme_ncolors == 256 ? r->fg256 : r->fg8;
        if (!theme_ncolors) {
            theme_attrs[i] = r->plain;
        } else if (fg >= 0 && COLOR_PAIRS > i + 1) {
            init_pair((short)(i + 1), fg, -1);
            theme_attrs[i] = r->attr | COLOR_PAIR(i + 1);
        } else {
            theme_attrs[i] = r->attr;
        }
    }
}

bool theme_unicode(void) { return theme_utf8; }

const char *theme_glyph(glyph g) {
    static const char *const utf8[G_COUNT] = {
        "\u2500", "\u2502", "\u2022", "\u2713", "\u2717", "\u00b7", "~", "\u2588", "\u2591", "\u203a", "\u2026", "\u2502",
        "\u250c", "\u2510", "\u2514", "\u2518",
    };
    static const char *const ascii[G_COUNT] = {"-", "|", "*", "ok", "XX", ".", "~", "#", ".", ">", "...", "|",
                                                "+", "+", "+", "+"};
    return theme_utf8 ? utf8[g] : ascii[g];
}

const char *theme_spinner(int frame) {
    static const char *const utf8[] = {"\u280b", "\u2819", "\u2839", "\u2838", "\u283c", "\u2834", "\u2826", "\u2827",
                                       "\u2807", "\u280f"};
    static const char *const ascii[] = {"|", "/", "-", "\\"};
    return theme_utf8 ? utf8[frame % 10] : ascii[frame % 4];
}

int theme_print(int y, int x, mstyle st, const char *text, int cols) {
    if (cols <= 0) return 0;
    int n = mdoc_fit(text, -1, cols);
    attrset(theme_attrs[st]);
    mvaddnstr(y, x, text, n);
    attrset(A_NORMAL);
    return mdoc_width(text, n);
}

void theme_fill(int y, int x, int cols, mstyle st) {
    attrset(theme_attrs[st]);
    for (int i = 0; i < cols; i++) mvaddch(y, x + i, ' ');
    attrset(A_NORMAL);
}

static void doc_line(const mline *l, int y, int x, int cols) {
    int used = 0;
    for (int k = 0; k < l->n_spans && used < cols; k++) {
        const mspan *sp = &l->spans[k];
        char *piece = strndup(l->text + sp->off, (size_t)sp->len);
        used += theme_print(y, x + used, sp->style, piece, cols - used);
        free(piece);
    }
    if (used < cols) theme_fill(y, x + used, cols - used, MS_TEXT);
}

void theme_doc(const mdoc *d, int first, int y, int x, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
        int k = first + i;
        if (k >= 0 && k < d->n) doc_line(&d->lines[k], y + i, x, cols);
        else theme_fill(y + i, x, cols, MS_TEXT);
    }
}

void theme_hline(int y, int x, int cols) {
    attrset(theme_attrs[MS_RULE]);
    for (int i = 0; i < cols; i++) mvaddstr(y, x + i, theme_glyph(G_HLINE));
    attrset(A_NORMAL);
}

void theme_vline(int y, int x, int rows) {
    attrset(theme_attrs[MS_RULE]);
    for (int i = 0; i < rows; i++) mvaddstr(y + i, x, theme_glyph(G_VLINE));
    attrset(A_NORMAL);
}

void theme_box(int y, int x, int rows, int cols) {
    for (int i = 0; i < rows; i++) theme_fill(y + i, x, cols, MS_TEXT);
    theme_hline(y, x, cols);
    theme_hline(y + rows - 1, x, cols);
    theme_vline(y, x, rows);
    theme_vline(y, x + cols - 1, rows);
    attrset(theme_attrs[MS_RULE]);
    mvaddstr(y, x, theme_glyph(G_TL));
    mvaddstr(y, x + cols - 1, theme_glyph(G_TR));
    mvaddstr(y + rows - 1, x, theme_glyph(G_BL));
    mvaddstr(y + rows - 1, x + cols - 1, theme_glyph(G_BR));
    attrset(A_NORMAL);
}

void theme_bar(mdoc *d, mstyle st, double value, double scale, int width) {
    int filled = scale > 0 ? (int)(value / scale * width + 0.5) : 0;
    if (filled > width) filled = width;
    if (filled < 0) filled = 0;
    for (int i = 0; i < width; i++) mdoc_add(d, i < filled ? st : MS_RULE, theme_glyph(i < filled ? G_FULL : G_EMPTY), -1);
}
