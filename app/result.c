/* result: renders check results for people and tools; maps diagnostics to source lines. */
#include "result.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

result_style result_style_for(FILE *f) {
    result_style s = {0};
    const char *nc = getenv("NO_COLOR");
    s.color = isatty(fileno(f)) && !(nc && *nc);
    setlocale(LC_CTYPE, "");
    s.unicode = !strcmp(nl_langinfo(CODESET), "UTF-8");
    return s;
}

static const char *c(const result_style *st, const char *code) { return st->color ? code : ""; }

/* ---------------------------------------------------------------- diagnostics */

static const char *nth_line(const char *src, int line, int *len) {
    const char *p = src;
    for (int i = 1; i < line && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p || !*p) return NULL;
    const char *nl = strchr(p, '\n');
    *len = nl ? (int)(nl - p) : (int)strlen(p);
    return p;
}

static void show_source_line(strbuf *sb, const char *source, int line, int col) {
    int len;
    const char *text = nth_line(source, line, &len);
    if (!text) return;
    sb_printf(sb, "  %4d | %.*s\n", line, len, text);
    if (col > 0) {
        sb_puts(sb, "       | ");
        for (int i = 1; i < col && i <= len; i++) sb_puts(sb, text[i - 1] == '\t' ? "\t" : " ");
        sb_puts(sb, "^\n");
    }
}

char *format_diagnostics(const char *diag, const char *file, const char *source) {
    strbuf sb = {0};
    size_t flen = strlen(file);
    for (const char *p = diag; p && *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        sb_printf(&sb, "%.*s\n", n, p);
        if (!strncmp(p, file, flen) && p[flen] == ':') {
            int line = 0, col = 0;
            const char *q = p + flen + 1;
            line = atoi(q);
            while (*q >= '0' && *q <= '9') q++;
            if (*q == ':' && q[1] >= '0' && q[1] <= '9') col = atoi(q + 1);
            bool semicolon = strstr(p, "';' expected") && strstr(p, "';' expected") < p + n;
            if (semicolon && line > 1) {
                sb_puts(&sb, "  note: TinyCC reports lines only, and blames a missing ';' on the line after it:"
                             " check the end of the previous line too\n");
                show_source_line(&sb, source, line - 1, 0);
            }
            if (line > 0) show_source_line(&sb, source, line, col);
        }
        p = nl ? nl + 1 : NULL;
    }
    return sb_steal(&sb);
}

/* ---------------------------------------------------------------- text */

void result_bar(strbuf *sb, double value, double scale, int width, bool unicode) {
    int filled = scale > 0 ? (int)(value / scale * width + 0.5) : 0;
    if (filled > width) filled = width;
    if (filled < 0) filled = 0;
    for (int i = 0; i < width; i++) sb_puts(sb, i < filled ? (unicode ? "\u2588" : "#") : (unicode ? "\u2591" : "."));
}

static void indent_block(strbuf *sb, const char *text, const char *prefix) {
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        sb_printf(sb, "%s%.*s\n", prefix, n, p);
        p = nl ? nl + 1 : NULL;
    }
}

static void print_test(strbuf *sb, const test_result *t, const result_style *st) {
    bool pass = !strcmp(t->status, "pass");
    const char *mark = pass ? (st->unicode ? "\u2713" : "ok") : !strcmp(t->status, "error") ? "!!"
                       : (st->unicode ? "\u2717" : "XX");
    const char *col = pass ? GREEN : !strcmp(t->status, "fail") ? RED : YELLOW;
    sb_printf(sb, "  %s%s%s %s", c(st, col), mark, c(st, RESET), t->name);
    if (!strcmp(t->status, "running")) sb_printf(sb, " %s(running when the check stopped)%s", c(st, DIM), c(st, RESET));
    else if (strcmp(t->status, "pass") && strcmp(t->status, "fail")) sb_printf(sb, " %s(%s)%s", c(st, DIM), t->status, c(st, RESET));
    sb_puts(sb, "\n");
    if (t->message && *t->message) indent_block(sb, t->message, "      ");
    if (!strcmp(t->status, "error") && t->detail && *t->detail) indent_block(sb, t->detail, "      | ");
    if (t->output && *t->output && (!pass || st->verbose)) {
        sb_printf(sb, "      %soutput:%s\n", c(st, DIM), c(st, RESET));
        indent_block(sb, t->output, "      > ");
        if (t->output_dropped) sb_printf(sb, "      > ... (output truncated: %zu more bytes)\n", t->output_dropped);
    }
}

static void print_timing(strbuf *sb, const timing_result *t, const kd_lesson *l, const result_style *st) {
    const kd_bar *bar = l ? lesson_bar(l, t->bar) : NULL;
    double scale = t->ratio > t->max_ratio ? t->ratio : t->max_ratio;
    scale *= 1.1;
    sb_printf(sb, "  %sspeed '%s'%s%s%s\n", c(st, BOLD), t->bar, c(st, RESET), bar && *bar->what ? ": " : "",
              bar ? bar->what : "");
    sb_puts(sb, "    you        ");
    sb_puts(sb, c(st, t->pass ? GREEN : RED));
    result_bar(sb, t->ratio, scale, 30, st->unicode);
    sb_printf(sb, "%s %5.2fx  (%.3f ms)\n", c(st, RESET), t->ratio, t->learner * 1e3);
    sb_puts(sb, "    bar        ");
    result_bar(sb, t->max_ratio, scale, 30, st->unicode);
    sb_printf(sb, " %5.2fx  (at most)\n", t->max_ratio);
    sb_printf(sb, "    %-10s ", t->against);
    result_bar(sb, 1.0, scale, 30, st->unicode);
    sb_printf(sb, "  1.00x  (%.3f ms)\n", t->against_s * 1e3);
}

void result_print(FILE *f, const check_result *r, const kd_lesson *l, const char *source, const result_style *st) {
    strbuf sb = {0};
    sb_printf(&sb, "%s%s%s  %s   %s(seed %llu)%s\n", c(st, BOLD), r->lesson_id, c(st, RESET), l ? l->title : "",
              c(st, DIM), (unsigned long long)r->seed, c(st, RESET));
    if (r->diagnostics && *r->diagnostics) {
        char *d = format_diagnostics(r->diagnostics, l ? l->file : "", source ? source : "");
        sb_printf(&sb, "%s%s%s", c(st, r->compiled ? YELLOW : RED), r->compiled ? "compiler warnings:\n" : "compile error:\n",
                  c(st, RESET));
        sb_puts(&sb, d);
        free(d);
    }
    int not_run = 0;
    for (int i = 0; i < r->n_tests; i++) {
        if (!strcmp(r->tests[i].status, "pending")) not_run++;
        else print_test(&sb, &r->tests[i], st);
    }
    if (not_run) sb_printf(&sb, "  %s%d more test%s not run%s\n", c(st, DIM), not_run, not_run == 1 ? "" : "s", c(st, RESET));
    for (int i = 0; i < r->n_timings; i++) print_timing(&sb, &r->timings[i], l, st);
    if (r->stray_output && *r->stray_output) {
        sb_puts(&sb, "  output outside any test:\n");
        indent_block(&sb, r->stray_output, "  > ");
    }
    if (r->notes && r->verdict != V_GRADER_ERROR) indent_block(&sb, r->notes, "  note: ");
    if (r->hang && r->verdict == V_TIMEOUT) indent_block(&sb, r->hang, "  ");
    if (r->sanitizer && *r->sanitizer) {
        sb_printf(&sb, "  %ssanitizer report:%s\n", c(st, BOLD), c(st, RESET));
        indent_block(&sb, r->sanitizer, "  | ");
    }
    bool pass = r->verdict == V_PASS;
    sb_printf(&sb, "%s%s%s %s  %s(%.1f ms)%s\n", c(st, pass ? GREEN : RED), pass ? "PASS" : "FAIL", c(st, RESET),
              r->summary ? r->summary : "", c(st, DIM), r->seconds * 1e3, c(st, RESET));
    if (!pass && r->verdict != V_COMPILE_ERROR)
        sb_printf(&sb, "%sreplay this run: kdojo check %s --seed %llu%s%s%s\n", c(st, DIM), r->lesson_id,
                  (unsigned long long)r->seed, r->sanitize ? " --sanitize=" : "", r->sanitize ? r->sanitize : "",
                  c(st, RESET));
    fputs(sb_str(&sb), f);
    sb_done(&sb);
}

/* ---------------------------------------------------------------- JSON */

static void kv_str(strbuf *sb, const char *k, const char *v, bool comma) {
    sb_printf(sb, "\"%s\":", k);
    if (v) sb_json_string(sb, v);
    else sb_puts(sb, "null");
    if (comma) sb_puts(sb, ",");
}

/* JSON has no NaN or infinity: a timing that came back as one is null. */
static void kv_num(strbuf *sb, const char *k, double v, int digits, bool comma) {
    if (isfinite(v)) sb_printf(sb, "\"%s\":%.*g%s", k, digits, v, comma ? "," : "");
    else sb_printf(sb, "\"%s\":null%s", k, comma ? "," : "");
}

void result_json(const check_result *r, strbuf *sb) {
    sb_puts(sb, "{");
    kv_str(sb, "lesson", r->lesson_id, true);
    kv_str(sb, "verdict", verdict_name(r->verdict), true);
    sb_printf(sb, "\"passed\":%s,\"seed\":%llu,\"seconds\":%.6f,", r->verdict == V_PASS ? "true" : "false",
              (unsigned long long)r->seed, r->seconds);
    kv_str(sb, "summary", r->summary, true);
    sb_printf(sb, "\"compiled\":%s,", r->compiled ? "true" : "false");
    kv_str(sb, "diagnostics", r->diagnostics, true);
    kv_str(sb, "crash", r->crash, true);
    kv_str(sb, "hang", r->hang, true);
    kv_str(sb, "sanitizer", r->sanitizer, true);
    sb_puts(sb, "\"tests\":[");
    for (int i = 0; i < r->n_tests; i++) {
        const test_result *t = &r->tests[i];
        sb_puts(sb, i ? ",{" : "{");
        kv_str(sb, "name", t->name, true);
        kv_str(sb, "status", t->status, true);
        kv_str(sb, "message", t->message, true);
        kv_str(sb, "detail", t->detail, true);
        kv_str(sb, "output", t->output, false);
        sb_puts(sb, "}");
    }
    sb_puts(sb, "],\"timings\":[");
    for (int i = 0; i < r->n_timings; i++) {
        const timing_result *t = &r->timings[i];
        sb_puts(sb, i ? ",{" : "{");
        kv_str(sb, "bar", t->bar, true);
        kv_str(sb, "against", t->against, true);
        kv_num(sb, "learner_s", t->learner, 9, true);
        kv_num(sb, "against_s", t->against_s, 9, true);
        kv_num(sb, "ratio", t->ratio, 6, true);
        kv_num(sb, "max_ratio", t->max_ratio, 6, true);
        sb_printf(sb, "\"reps\":%d,\"pass\":%s}", t->reps, t->pass ? "true" : "false");
    }
    sb_puts(sb, "]}");
}
