/* screen_solution: after a pass, the learner's file beside the reference solution, lines
   aligned by a longest-common-subsequence diff; Tab switches to a unified diff. */
#include "screen.h"
#include "theme.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int left, right;    /* line indices, -1 where that side has none */
} pair;

typedef struct {
    screen base;
    char **a, **b;      /* yours, reference */
    int na, nb;
    pair *rows;
    int n_rows, scroll;
    bool unified;
} solution;

static char **split_lines(char *text, int *n) {
    char **v = NULL;
    *n = 0;
    for (char *p = text; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        v = xrealloc(v, sizeof *v * (size_t)(*n + 1));
        v[(*n)++] = xstrdup(p);
        p = nl ? nl + 1 : NULL;
    }
    return v;
}

/* Aligns the two files: equal lines side by side, the rest on their own side. */
static void align(solution *s) {
    int na = s->na, nb = s->nb;
    int *L = xcalloc((size_t)(na + 1) * (size_t)(nb + 1), sizeof *L);
#define AT(i, j) L[(size_t)(i) * (size_t)(nb + 1) + (size_t)(j)]
    for (int i = na - 1; i >= 0; i--)
        for (int j = nb - 1; j >= 0; j--)
            AT(i, j) = !strcmp(s->a[i], s->b[j]) ? AT(i + 1, j + 1) + 1 : AT(i + 1, j) > AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
    s->rows = xcalloc((size_t)(na + nb + 1), sizeof *s->rows);
    int i = 0, j = 0;
    while (i < na || j < nb) {
        if (i < na && j < nb && !strcmp(s->a[i], s->b[j])) s->rows[s->n_rows++] = (pair){i++, j++};
        else if (j >= nb || (i < na && AT(i + 1, j) >= AT(i, j + 1))) s->rows[s->n_rows++] = (pair){i++, -1};
        else s->rows[s->n_rows++] = (pair){-1, j++};
    }
#undef AT
    free(L);
}

static void code_cell(mdoc *d, const char *text, int width, mstyle mark_style, const char *mark) {
    bool comment = false;
    mdoc_add(d, mark_style, mark, -1);
    int start = d->lines[d->n - 1].len;
    markdown_code_line(d, text, mdoc_fit(text, -1, width - 2), &comment);
    int used = mdoc_width(d->lines[d->n - 1].text + start, -1);
    mdoc_printf(d, MS_TEXT, "%*s", width - 1 - used > 0 ? width - 1 - used : 0, "");
}

static void side_by_side(solution *s, mdoc *d, int cols) {
    int half = (cols - 3) / 2;
    mdoc_line(d);
    mdoc_printf(d, MS_H2, "%-*s", half, " yours");
    mdoc_add(d, MS_RULE, theme_glyph(G_VLINE), -1);
    mdoc_add(d, MS_H2, " reference", -1);
    for (int k = 0; k < s->n_rows; k++) {
        pair p = s->rows[k];
        bool same = p.left >= 0 && p.right >= 0;
        mdoc_line(d);
        code_cell(d, p.left >= 0 ? s->a[p.left] : "", half, same ? MS_DIM : MS_DEL, same ? " " : p.left >= 0 ? "-" : " ");
        mdoc_add(d, MS_RULE, theme_glyph(G_VLINE), -1);
        code_cell(d, p.right >= 0 ? s->b[p.right] : "", half, same ? MS_DIM : MS_ADD, same ? " " : p.right >= 0 ? "+" : " ");
    }
}

static void unified(solution *s, mdoc *d, int cols) {
    mdoc_line(d);
    mdoc_add(d, MS_DEL, "- yours  ", -1);
    mdoc_add(d, MS_ADD, "+ reference", -1);
    for (int k = 0; k < s->n_rows; k++) {
        pair p = s->rows[k];
        mdoc_line(d);
        if (p.left >= 0 && p.right >= 0) code_cell(d, s->a[p.left], cols, MS_DIM, " ");
        else if (p.left >= 0) code_cell(d, s->a[p.left], cols, MS_DEL, "-");
        else code_cell(d, s->b[p.right], cols, MS_ADD, "+");
    }
}

static void draw(screen *sc, int top, int rows, int cols) {
    solution *s = (solution *)sc;
    mdoc d = {.ascii = !theme_unicode()};
    if (s->unified) unified(s, &d, cols - 2);
    else side_by_side(s, &d, cols - 2);
    if (s->scroll > d.n - rows) s->scroll = d.n - rows;
    if (s->scroll < 0) s->scroll = 0;
    theme_doc(&d, 0, top, 1, 1, cols - 1);
    theme_doc(&d, s->scroll + 1, top + 1, 1, rows - 1, cols - 1);
    mdoc_done(&d);
}

static int key(screen *sc, int ch) {
    solution *s = (solution *)sc;
    switch (ch) {
    case 'j': case KEY_DOWN: s->scroll++; break;
    case 'k': case KEY_UP: s->scroll--; break;
    case ' ': case 'f': case KEY_NPAGE: s->scroll += LINES - 5; break;
    case 'b': case KEY_PPAGE: s->scroll -= LINES - 5; break;
    case 'g': case KEY_HOME: s->scroll = 0; break;
    case 'G': case KEY_END: s->scroll = 1 << 20; break;
    case '\t': s->unified = !s->unified; break;
    case 's': return K_CLOSE;
    default: return K_UNHANDLED;
    }
    return K_REDRAW;
}

static void done(screen *sc) {
    solution *s = (solution *)sc;
    for (int i = 0; i < s->na; i++) free(s->a[i]);
    for (int i = 0; i < s->nb; i++) free(s->b[i]);
    free(s->a);
    free(s->b);
    free(s->rows);
    free(s);
}

static const screen_key keys[] = {
    {"Tab", "side by side / unified diff"},
    {"j k  Space b  g G", "scroll"},
    {"q  Esc  s", "back to the lesson"},
    {NULL, NULL},
};

const screen_ops solution_ops = {
    .name = "Solution", .draw = draw, .key = key, .done = done, .keys = keys,
    .hint = "Tab side by side / diff  j k scroll  q back",
};

screen *solution_open(const kd_lesson *l, const char *learner_path) {
    solution *s = xcalloc(1, sizeof *s);
    s->base.ops = &solution_ops;
    snprintf(s->base.title, sizeof s->base.title, "%s %s your file and the reference", l->id, theme_glyph(G_SEP));
    char *ref_path = lesson_variant_path(l, "solution");
    char *mine = read_file(learner_path, NULL), *ref = read_file(ref_path, NULL);
    if (!mine) mine = xasprintf("(cannot read %s)\n", learner_path);
    if (!ref) ref = xasprintf("(cannot read %s)\n", ref_path);
    s->a = split_lines(mine, &s->na);
    s->b = split_lines(ref, &s->nb);
    align(s);
    s->unified = COLS < 100;
    free(mine);
    free(ref);
    free(ref_path);
    return &s->base;
}
