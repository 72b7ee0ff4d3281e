/* markdown: a lesson's README.md (CommonMark plus tables, through md4c) rendered into styled,
   wrapped lines for a terminal, and that styled text (mdoc) as a builder the TUI uses for its
   other panes too. Nothing here knows about curses: a style is a role, the screen picks colours. */
#ifndef KDOJO_MARKDOWN_H
#define KDOJO_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    MS_TEXT, MS_H1, MS_H2, MS_H3, MS_EM, MS_STRONG, MS_CODE, MS_CODEBLOCK,
    MS_KEYWORD, MS_TYPE, MS_COMMENT, MS_STRING, MS_NUMBER, MS_PREPROC,
    MS_QUOTE, MS_LINK, MS_RULE, MS_BULLET, MS_DIM, MS_PASS, MS_FAIL, MS_WARN, MS_TITLE,
    MS_ADD, MS_DEL, MS_SELECT, MS_CARET,
    MS_COUNT
} mstyle;

typedef struct {
    int off, len;          /* bytes of the line's text */
    unsigned char style;   /* an mstyle */
} mspan;

typedef struct {
    char *text;            /* UTF-8 (ASCII only when the doc is ascii) */
    int len;
    mspan *spans;
    int n_spans, cap_spans;
} mline;

typedef struct {
    mline *lines;
    int n, cap;
    bool ascii;            /* transliterate everything added to ASCII (non-UTF-8 terminals) */
} mdoc;

/* Renders markdown into d (appending), wrapped to `width` columns. */
void markdown_render(mdoc *d, const char *src, size_t len, int width);

/* Colours one line of C/CUDA source into the current line of d, continuing a block comment
   across lines through *in_comment. */
void markdown_code_line(mdoc *d, const char *text, int len, bool *in_comment);

/* ---- the styled-text builder */
void mdoc_line(mdoc *d);                                        /* starts a new, empty line */
void mdoc_add(mdoc *d, mstyle st, const char *text, int len);  /* to the current line; len -1: strlen */
void mdoc_printf(mdoc *d, mstyle st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Word-wraps text (which may hold newlines) to width, each line starting with prefix. */
void mdoc_wrap(mdoc *d, mstyle st, const char *text, int width, const char *prefix);
void mdoc_clear(mdoc *d);                                       /* keeps d->ascii */
void mdoc_done(mdoc *d);

/* Display width of UTF-8 text in terminal cells (len -1: strlen). */
int mdoc_width(const char *text, int len);
/* Bytes of text that fit in `cols` cells. */
int mdoc_fit(const char *text, int len, int cols);

#endif
