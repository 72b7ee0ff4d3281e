/* theme: how the tutor looks: colours for each text role (none under NO_COLOR, 8 or 256 colour
   palettes), line-drawing glyphs (UTF-8, or ASCII when the locale is not UTF-8), and painting
   of styled text. */
#ifndef KDOJO_TUI_THEME_H
#define KDOJO_TUI_THEME_H

#include "markdown.h"

#include <stdbool.h>

/* Call after initscr(): picks the palette from NO_COLOR, has_colors() and COLORS. */
void theme_init(bool unicode);
bool theme_unicode(void);

typedef enum { G_HLINE, G_VLINE, G_BULLET, G_PASS, G_FAIL, G_UNTOUCHED, G_CHANGED, G_FULL, G_EMPTY,
               G_ARROW, G_ELLIPSIS, G_SEP, G_TL, G_TR, G_BL, G_BR, G_COUNT } glyph;
const char *theme_glyph(glyph g);
const char *theme_spinner(int frame);

/* Paints text at (y, x) in a role, at most `cols` cells; returns the cells used. */
int theme_print(int y, int x, mstyle st, const char *text, int cols);
/* Paints lines [first, first + rows) of d into the box at (y, x), clearing what is left. */
void theme_doc(const mdoc *d, int first, int y, int x, int rows, int cols);
void theme_hline(int y, int x, int cols);
void theme_vline(int y, int x, int rows);
void theme_box(int y, int x, int rows, int cols);   /* a frame, its inside cleared */
/* Fills (y, x .. x + cols) with spaces in a role. */
void theme_fill(int y, int x, int cols, mstyle st);
/* A bar of `width` cells filled to value/scale, appended to d. */
void theme_bar(mdoc *d, mstyle st, double value, double scale, int width);

#endif
