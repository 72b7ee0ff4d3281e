/* result: renders a check_result for people (text, optionally coloured) and for tools (JSON),
   and maps compiler diagnostics onto the learner's source lines. */
#ifndef KDOJO_RESULT_H
#define KDOJO_RESULT_H

#include "check.h"
#include "lesson.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    bool color;
    bool unicode;
    bool verbose;    /* show passing tests' output and every detail */
} result_style;

/* Style for a stream: colour only on a terminal without NO_COLOR, unicode on UTF-8 locales. */
result_style result_style_for(FILE *f);

void result_print(FILE *f, const check_result *r, const kd_lesson *l, const char *source, const result_style *st);
void result_json(const check_result *r, strbuf *out);

/* Rewrites compiler output: each "file:line[:col]: error: msg" gains the source line, a caret
   where the column is known, and a note where TinyCC blames the line after the mistake. */
char *format_diagnostics(const char *diagnostics, const char *file, const char *source);

/* A horizontal bar of `width` cells, filled to value/scale. */
void result_bar(strbuf *sb, double value, double scale, int width, bool unicode);

#endif
