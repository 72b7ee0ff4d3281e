/* results: check results as styled lines. */
#include "results.h"
#include "result.h"
#include "theme.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static mstyle verdict_style(verdict v) { return v == V_PASS ? MS_PASS : v == V_CANCELLED ? MS_WARN : MS_FAIL; }

static const char *verdict_word(verdict v) {
    switch (v) {
    case V_PASS: return "PASS";
    case V_COMPILE_ERROR: return "COMPILE ERROR";
    case V_CRASH: return "CRASH";
    case V_TIMEOUT: return "TIMEOUT";
    case V_CANCELLED: return "CANCELLED";
    case V_GRADER_ERROR: return "GRADER ERROR";
    default: return "FAIL";
    }
}

static const char *test_mark(const char *status, mstyle *st) {
    if (!strcmp(status, "pass")) return *st = MS_PASS, theme_glyph(G_PASS);
    if (!strcmp(status, "fail")) return *st = MS_FAIL, theme_glyph(G_FAIL);
    if (!strcmp(status, "error")) return *st = MS_WARN, "!!";
    if (!strcmp(status, "running")) return *st = MS_WARN, theme_glyph(G_ARROW);
    return *st = MS_DIM, theme_glyph(G_UNTOUCHED);
}

/* Lines of compiler output: the source line in code colours, the caret line in red. */
static void diagnostics(mdoc *d, const check_result *r, const kd_lesson *l, const char *source, int width) {
    char *text = format_diagnostics(r->diagnostics, l->file, source ? source : "");
    mdoc_line(d);
    mdoc_add(d, r->compiled ? MS_WARN : MS_FAIL, r->compiled ? "compiler warnings:" : "compile error:", -1);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        const char *bar = memchr(p, '|', (size_t)n);
        if (bar && bar - p <= 7 && memchr(bar, '^', (size_t)(n - (bar - p)))) {
            mdoc_line(d);
            mdoc_add(d, MS_DIM, p, (int)(bar - p) + 1);
            mdoc_add(d, MS_CARET, bar + 1, n - (int)(bar - p) - 1);
        } else if (bar && bar - p <= 7) {
            bool comment = false;
            mdoc_line(d);
            mdoc_add(d, MS_DIM, p, (int)(bar - p) + 1);
            markdown_code_line(d, bar + 1, n - (int)(bar - p) - 1, &comment);
        } else {
            char *line = strndup(p, (size_t)n);
            mdoc_wrap(d, strstr(line, "error") ? MS_FAIL : MS_TEXT, line, width, "");
            free(line);
        }
        p = nl ? nl + 1 : p + n;
    }
    free(text);
}

static void test_line(mdoc *d, const test_result *t, int width) {
    mstyle st;
    const char *mark = test_mark(t->status, &st);
    mdoc_line(d);
    mdoc_add(d, st, mark, -1);
    mdoc_add(d, MS_TEXT, " ", 1);
    mdoc_add(d, !strcmp(t->status, "pass") ? MS_TEXT : MS_STRONG, t->name, -1);
    if (!strcmp(t->status, "pass")) return;
    if (t->message && *t->message) mdoc_wrap(d, MS_TEXT, t->message, width, "    ");
    if (t->detail && *t->detail) mdoc_wrap(d, MS_DIM, t->detail, width, "    | ");
    if (t->output && *t->output) {
        mdoc_line(d);
        mdoc_add(d, MS_DIM, "    output:", -1);
        mdoc_wrap(d, MS_CODEBLOCK, t->output, width, "    > ");
        if (t->output_dropped) mdoc_printf(d, MS_DIM, " (%zu more bytes not shown)", t->output_dropped);
    }
}

static void timing(mdoc *d, const timing_result *t, const kd_lesson *l, int width) {
    const kd_bar *bar = lesson_bar(l, t->bar);
    double scale = (t->ratio > t->max_ratio ? t->ratio : t->max_ratio) * 1.1;
    int w = width - 34;
    if (w > 30) w = 30;
    if (w < 8) w = 8;
    mdoc_line(d);
    mdoc_line(d);
    mdoc_printf(d, MS_STRONG, "speed '%s'", t->bar);
    if (bar && bar->what && *bar->what) mdoc_wrap(d, MS_DIM, bar->what, width, "  ");
    mdoc_line(d);
    mdoc_add(d, MS_TEXT, "  you        ", -1);
    theme_bar(d, t->pass ? MS_PASS : MS_FAIL, t->ratio, scale, w);
    mdoc_printf(d, t->pass ? MS_PASS : MS_FAIL, " %5.2fx", t->ratio);
    mdoc_printf(d, MS_DIM, " %.3f ms", t->learner * 1e3);
    mdoc_line(d);
    mdoc_add(d, MS_TEXT, "  bar        ", -1);
    theme_bar(d, MS_WARN, t->max_ratio, scale, w);
    mdoc_printf(d, MS_WARN, " %5.2fx", t->max_ratio);
    mdoc_add(d, MS_DIM, " at most", -1);
    mdoc_line(d);
    mdoc_printf(d, MS_TEXT, "  %-10.10s ", t->against);
    theme_bar(d, MS_H2, 1.0, scale, w);
    mdoc_add(d, MS_H2, "  1.00x", -1);
    mdoc_printf(d, MS_DIM, " %.3f ms", t->against_s * 1e3);
}

void results_render(mdoc *d, const check_result *r, const kd_lesson *l, const char *source, int width) {
    mdoc_line(d);
    mdoc_add(d, verdict_style(r->verdict), verdict_word(r->verdict), -1);
    mdoc_add(d, MS_TEXT, "  ", 2);
    mdoc_add(d, MS_TEXT, r->summary ? r->summary : "", -1);
    mdoc_printf(d, MS_DIM, "  (%.1f ms)", r->seconds * 1e3);
    if (r->crash && r->verdict != V_CRASH) mdoc_wrap(d, MS_FAIL, r->crash, width, "  ");
    if (r->diagnostics && *r->diagnostics) diagnostics(d, r, l, source, width);
    for (int i = 0; i < r->n_tests; i++) test_line(d, &r->tests[i], width);
    for (int i = 0; i < r->n_timings; i++) timing(d, &r->timings[i], l, width);
    if (r->stray_output && *r->stray_output) {
        mdoc_line(d);
        mdoc_add(d, MS_DIM, "output outside any test:", -1);
        mdoc_wrap(d, MS_CODEBLOCK, r->stray_output, width, "  > ");
    }
    if (r->notes && r->verdict != V_GRADER_ERROR) mdoc_wrap(d, MS_DIM, r->notes, width, "note: ");
    if (r->verdict != V_PASS && r->verdict != V_COMPILE_ERROR && r->verdict != V_CANCELLED) {
        mdoc_line(d);
        mdoc_printf(d, MS_DIM, "replay: kdojo check %s --seed %llu", r->lesson_id, (unsigned long long)r->seed);
    }
}

void results_progress(mdoc *d, const worker_progress *p, int frame, int width) {
    const check_result *r = &p->partial;
    int done = 0;
    for (int i = 0; i < r->n_tests; i++)
        done += r->tests[i].status && strcmp(r->tests[i].status, "pending") && strcmp(r->tests[i].status, "running");
    mdoc_line(d);
    mdoc_add(d, MS_WARN, theme_spinner(frame), -1);
    mdoc_add(d, MS_WARN, theme_unicode() ? " checking\u2026" : " checking...", -1);
    if (r->n_tests) mdoc_printf(d, MS_TEXT, "  %d/%d tests", done, r->n_tests);
    else mdoc_add(d, MS_DIM, "  compiling", -1);
    mdoc_printf(d, MS_DIM, "  %.1f s  (Esc cancels)", now_seconds() - p->started);
    for (int i = 0; i < r->n_tests; i++) {
        test_result t = r->tests[i];
        if (!t.status) t.status = "pending";
        if (!t.name) t.name = "";
        test_line(d, &t, width);
    }
}
