/* markdown: lesson text rendered into styled, wrapped lines; the styled-text builder. */
#include "markdown.h"
#include "util.h"

#include <md4c.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <wchar.h>

/* ---------------------------------------------------------------- widths */

static int utf8_decode(const char *s, int len, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    int n = u[0] < 0x80 ? 1 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;
    if (u[0] >= 0x80 && u[0] < 0xc0) n = 1;
    if (n > len) n = len;
    uint32_t c = n == 1 ? u[0] : n == 2 ? u[0] & 0x1f : n == 3 ? u[0] & 0x0f : u[0] & 0x07;
    for (int i = 1; i < n; i++) c = c << 6 | (u[i] & 0x3f);
    *cp = c;
    return n;
}

static int cp_width(uint32_t c) {
    if (c < 0x80) return c >= 0x20 && c != 0x7f;
    int w = wcwidth((wchar_t)c);
    return w < 0 ? 1 : w;
}

int mdoc_width(const char *text, int len) {
    if (len < 0) len = (int)strlen(text);
    int w = 0;
    for (int i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(text + i, len - i, &c);
        w += c == '\t' ? 4 : cp_width(c);
    }
    return w;
}

int mdoc_fit(const char *text, int len, int cols) {
    if (len < 0) len = (int)strlen(text);
    int w = 0, i = 0;
    while (i < len) {
        uint32_t c;
        int n = utf8_decode(text + i, len - i, &c);
        int cw = c == '\t' ? 4 : cp_width(c);
        if (w + cw > cols) break;
        w += cw;
        i += n;
    }
    return i;
}

/* ---------------------------------------------------------------- builder */

/* ASCII stand-ins for the characters lessons and the TUI use, for non-UTF-8 terminals. */
static const char *ascii_for(uint32_t c) {
    switch (c) {
    case 0x2500: case 0x2501: case 0x2550: case 0x2014: case 0x2013: return "-";
    case 0x2502: case 0x2503: case 0x2551: return "|";
    case 0x250c: case 0x2510: case 0x2514: case 0x2518: case 0x253c: case 0x251c: case 0x2524:
    case 0x252c: case 0x2534: return "+";
    case 0x25ba: case 0x25b6: case 0x2192: case 0x21aa: return ">";
    case 0x25c4: case 0x2190: return "<";
    case 0x2191: return "^";
    case 0x2193: return "v";
    case 0x2022: case 0x00b7: return "*";
    case 0x00d7: return "x";
    case 0x2026: return "...";
    case 0x2713: case 0x2714: return "ok";
    case 0x2717: case 0x2718: return "XX";
    case 0x2018: case 0x2019: return "'";
    case 0x201c: case 0x201d: return "\"";
    case 0x2264: return "<=";
    case 0x2265: return ">=";
    case 0x2248: return "~";
    case 0x00b5: case 0x03bc: return "u";
    case 0x2588: return "#";
    case 0x2591: return ".";
    case 0x00a0: return " ";
    default: return "?";
    }
}

static void line_append(mline *l, mstyle st, const char *text, int len) {
    if (len <= 0) return;
    l->text = xrealloc(l->text, (size_t)l->len + (size_t)len + 1);
    memcpy(l->text + l->len, text, (size_t)len);
    if (l->n_spans && l->spans[l->n_spans - 1].style == st &&
        l->spans[l->n_spans - 1].off + l->spans[l->n_spans - 1].len == l->len) {
        l->spans[l->n_spans - 1].len += len;
    } else {
        if (l->n_spans == l->cap_spans) {
            l->cap_spans = l->cap_spans ? l->cap_spans * 2 : 4;
            l->spans = xrealloc(l->spans, sizeof *l->spans * (size_t)l->cap_spans);
        }
        l->spans[l->n_spans++] = (mspan){l->len, len, (unsigned char)st};
    }
    l->len += len;
    l->text[l->len] = 0;
}

void mdoc_line(mdoc *d) {
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->lines = xrealloc(d->lines, sizeof *d->lines * (size_t)d->cap);
    }
    d->lines[d->n++] = (mline){.text = xstrdup("")};
}

void mdoc_add(mdoc *d, mstyle st, const char *text, int len) {
    if (len < 0) len = (int)strlen(text);
    if (!d->n) mdoc_line(d);
    mline *l = &d->lines[d->n - 1];
    int start = 0;
    for (int i = 0; i < len;) {
        uint32_t c;
        int n = utf8_decode(text + i, len - i, &c);
        if ((c >= 0x80 && d->ascii) || c == '\t' || (c < 0x20)) {
            line_append(l, st, text + start, i - start);
            const char *rep = c == '\t' ? "    " : c < 0x20 ? "" : ascii_for(c);
            line_append(l, st, rep, (int)strlen(rep));
            start = i + n;
        }
        i += n;
    }
    line_append(l, st, text + start, len - start);
}

void mdoc_printf(mdoc *d, mstyle st, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    strbuf sb = {0};
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    mdoc_add(d, st, sb_str(&sb), (int)sb.len);
    sb_done(&sb);
}

void mdoc_clear(mdoc *d) {
    for (int i = 0; i < d->n; i++) {
        free(d->lines[i].text);
        free(d->lines[i].spans);
    }
    d->n = 0;
}

void mdoc_done(mdoc *d) {
    mdoc_clear(d);
    free(d->lines);
    d->lines = NULL;
    d->cap = 0;
}

/* ---------------------------------------------------------------- wrapping */

/* Text with a style per byte: what a paragraph collects before it is wrapped. */
typedef struct {
    char *text;
    unsigned char *style;
    int len, cap;
} flat;

static void flat_add(flat *f, mstyle st, const char *s, int n) {
    if (f->len + n + 1 > f->cap) {
        f->cap = (f->len + n + 1) * 2;
        f->text = xrealloc(f->text, (size_t)f->cap);
        f->style = xrealloc(f->style, (size_t)f->cap);
    }
    memcpy(f->text + f->len, s, (size_t)n);
    memset(f->style + f->len, st, (size_t)n);
    f->len += n;
    f->text[f->len] = 0;
}

static void flat_done(flat *f) {
    free(f->text);
    free(f->style);
    memset(f, 0, sizeof *f);
}

static void emit_range(mdoc *d, const flat *f, int from, int to) {
    while (from < to) {
        int end = from;
        while (end < to && f->style[end] == f->style[from]) end++;
        mdoc_add(d, f->style[from], f->text + from, end - from);
        from = end;
    }
}

/* Greedy word wrap of f into lines of `width` cells; the first line starts with `first`, the
   others with `rest` (both in prefix_style). A word longer than a line is cut. */
static void wrap_flat(mdoc *d, const flat *f, int width, const char *first, const char *rest, mstyle prefix_style) {
    int i = 0, lineno = 0;
    while (i < f->len || lineno == 0) {
        const char *prefix = lineno ? rest : first;
        mdoc_line(d);
        mdoc_add(d, prefix_style, prefix, -1);
        int room = width - mdoc_width(prefix, -1);
        if (room < 8) room = 8;
        int used = 0;
        while (i < f->len && f->text[i] == ' ') i++;
        while (i < f->len && f->text[i] != '\n') {
            int ws = i;
            while (ws < f->len && f->text[ws] == ' ') ws++;
            int we = ws;
            while (we < f->len && f->text[we] != ' ' && f->text[we] != '\n') we++;
            int gap = used ? mdoc_width(f->text + i, ws - i) : 0;
            int w = mdoc_width(f->text + ws, we - ws);
            if (used && used + gap + w > room) break;
            if (!used && w > room) {  /* cut a word that cannot fit any line */
                int fit = mdoc_fit(f->text + ws, we - ws, room);
                if (fit <= 0) fit = 1;
                emit_range(d, f, ws, ws + fit);
                i = ws + fit;
                used = room;
                break;
            }
            emit_range(d, f, used ? i : ws, we);
            used += gap + w;
            i = we;
        }
        if (i < f->len && f->text[i] == '\n') i++;
        lineno++;
        if (i >= f->len) break;
    }
}

void mdoc_wrap(mdoc *d, mstyle st, const char *text, int width, const char *prefix) {
    flat f = {0};
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        f.len = 0;
        flat_add(&f, st, p, n);
        int lead = 0;
        while (lead < n && p[lead] == ' ') lead++;
        char *pre = xasprintf("%s%*s", prefix, lead, "");
        wrap_flat(d, &f, width, pre, pre, st);
        free(pre);
        p = nl ? nl + 1 : NULL;
    }
    flat_done(&f);
}

/* ---------------------------------------------------------------- C/CUDA colouring */

static const char *const keywords[] = {
    "if", "else", "for", "while", "do", "return", "break", "continue", "switch", "case", "default", "goto",
    "sizeof", "typedef", "struct", "union", "enum", "static", "const", "volatile", "extern", "inline",
    "restrict", "__restrict__", "__global__", "__device__", "__host__", "__shared__", "__constant__",
    "__syncthreads", "__forceinline__", "register", "_Alignas", "_Atomic", NULL,
};
static const char *const types[] = {
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool", "_Bool",
    "size_t", "ssize_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
    "uint64_t", "uintptr_t", "dim3", "float2", "float4", "int2", "int4", "threadIdx", "blockIdx", "blockDim",
    "gridDim", "warpSize", "NULL", "true", "false", NULL,
};

static bool in_list(const char *const *list, const char *w, int n) {
    for (; *list; list++)
        if ((int)strlen(*list) == n && !memcmp(*list, w, (size_t)n)) return true;
    return false;
}

static int scan_string(const char *t, int i, int len) {
    char q = t[i++];
    while (i < len && t[i] != q) i += t[i] == '\\' ? 2 : 1;
    return i < len ? i + 1 : len;
}

static int comment_end(const char *t, int i, int len, bool *in_comment) {
    const char *end = memmem(t + i, (size_t)(len - i), "*/", 2);
    *in_comment = !end;
    return end ? (int)(end - t) + 2 : len;
}

/* One token from t[i]; returns its end and sets its style. */
static int code_token(const char *t, int i, int len, bool *in_comment, mstyle *st) {
    int s = i;
    *st = MS_CODEBLOCK;
    if (*in_comment || (t[i] == '/' && i + 1 < len && t[i + 1] == '*')) {
        *st = MS_COMMENT;
        return comment_end(t, *in_comment ? i : i + 2, len, in_comment);
    }
    if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
        *st = MS_COMMENT;
        return len;
    }
    if (t[i] == '"' || t[i] == '\'') {
        *st = MS_STRING;
        return scan_string(t, i, len);
    }
    if (isdigit((unsigned char)t[i])) {
        while (i < len && (isalnum((unsigned char)t[i]) || t[i] == '.')) i++;
        *st = MS_NUMBER;
        return i;
    }
    if (isalpha((unsigned char)t[i]) || t[i] == '_') {
        while (i < len && (isalnum((unsigned char)t[i]) || t[i] == '_')) i++;
        *st = in_list(keywords, t + s, i - s) ? MS_KEYWORD : in_list(types, t + s, i - s) ? MS_TYPE : MS_CODEBLOCK;
        return i;
    }
    return i + 1;
}

void markdown_code_line(mdoc *d, const char *t, int len, bool *in_comment) {
    int i = 0;
    while (i < len && t[i] == ' ') i++;
    if (!*in_comment && i < len && t[i] == '#') {
        mdoc_add(d, MS_PREPROC, t, len);
        return;
    }
    for (i = 0; i < len;) {
        mstyle st;
        int end = code_token(t, i, len, in_comment, &st);
        mdoc_add(d, st, t + i, end - i);
        i = end;
    }
}

/* ---------------------------------------------------------------- md4c rendering */

typedef struct {
    MD_BLOCKTYPE type;
    bool tight;
    unsigned number;    /* ordered lists: the next item's number */
} container;

typedef struct {
    mdoc *d;
    int width;
    container stack[32];
    int depth;
    char bullet[16];    /* the list marker still to print on the next line, "" once printed */
    bool in_li_first;   /* the next block is the first of a list item */
    flat para;          /* inline text of the current leaf block */
    int span_style[8];
    int n_span;
    MD_BLOCKTYPE leaf;
    unsigned heading;
    bool code_colour;
    /* tables */
    char ***cells;      /* rows x cols of plain text */
    int rows, cols;
    bool in_table;
} renderer;

static const char *glyph(const renderer *r, const char *utf8, const char *ascii) { return r->d->ascii ? ascii : utf8; }

/* The prefix of continuation lines: quote bars and list indentation. */
static void build_prefix(renderer *r, strbuf *sb, bool first) {
    for (int i = 0; i < r->depth; i++) {
        const container *c = &r->stack[i];
        if (c->type == MD_BLOCK_QUOTE) sb_puts(sb, glyph(r, "\u2502 ", "| "));
        else if (c->type == MD_BLOCK_LI) {
            bool last_li = true;
            for (int j = i + 1; j < r->depth; j++) last_li &= r->stack[j].type != MD_BLOCK_LI;
            if (first && last_li && r->bullet[0]) sb_puts(sb, r->bullet);
            else sb_puts(sb, "    ");
        }
    }
}

static bool in_tight_list(const renderer *r) {
    for (int i = r->depth - 1; i >= 0; i--)
        if (r->stack[i].type == MD_BLOCK_UL || r->stack[i].type == MD_BLOCK_OL) return r->stack[i].tight;
    return false;
}

static bool last_line_blank(const renderer *r) {
    if (!r->d->n) return true;
    const mline *l = &r->d->lines[r->d->n - 1];
    for (int i = 0; i < l->len; i++)
        if (l->text[i] != ' ' && strncmp(l->text + i, "\u2502", 3) && l->text[i] != '|') return false;
    return true;
}

static void blank_before_block(renderer *r) {
    if (r->in_li_first && in_tight_list(r)) return;
    if (r->bullet[0] && in_tight_list(r)) return;
    if (last_line_blank(r)) return;
    strbuf sb = {0};
    build_prefix(r, &sb, false);
    mdoc_line(r->d);
    mdoc_add(r->d, MS_QUOTE, sb_str(&sb), (int)sb.len);
    sb_done(&sb);
}

static void flush_para(renderer *r, mstyle prefix_style) {
    strbuf first = {0}, rest = {0};
    build_prefix(r, &first, true);
    build_prefix(r, &rest, false);
    wrap_flat(r->d, &r->para, r->width, sb_str(&first), sb_str(&rest), prefix_style);
    r->bullet[0] = 0;
    r->in_li_first = false;
    sb_done(&first);
    sb_done(&rest);
    r->para.len = 0;
}

static void flush_heading(renderer *r) {
    mstyle st = r->heading == 1 ? MS_H1 : r->heading == 2 ? MS_H2 : MS_H3;
    if (r->para.len) memset(r->para.style, st, (size_t)r->para.len);
    int w = mdoc_width(r->para.text, r->para.len);
    flush_para(r, MS_QUOTE);
    if (r->heading <= 2) {
        mdoc_line(r->d);
        const char *g = r->heading == 1 ? glyph(r, "\u2550", "=") : glyph(r, "\u2500", "-");
        if (w > r->width) w = r->width;
        for (int i = 0; i < w; i++) mdoc_add(r->d, MS_RULE, g, -1);
    }
}

static void flush_code(renderer *r) {
    strbuf pre = {0};
    build_prefix(r, &pre, false);
    sb_puts(&pre, "  ");
    int room = r->width - mdoc_width(sb_str(&pre), -1);
    if (room < 10) room = 10;
    bool comment = false;
    const char *t = r->para.text ? r->para.text : "";
    int len = r->para.len;
    if (len && t[len - 1] == '\n') len--;
    for (int i = 0; i <= len;) {
        const char *nl = memchr(t + i, '\n', (size_t)(len - i));
        int n = nl ? (int)(nl - (t + i)) : len - i;
        /* Long lines are cut into pieces of the pane's width rather than hidden. */
        int done = 0;
        do {
            int take = mdoc_fit(t + i + done, n - done, room);
            if (take <= 0) take = n - done;
            mdoc_line(r->d);
            mdoc_add(r->d, MS_QUOTE, sb_str(&pre), (int)pre.len);
            if (r->code_colour) markdown_code_line(r->d, t + i + done, take, &comment);
            else mdoc_add(r->d, MS_CODEBLOCK, t + i + done, take);
            done += take;
        } while (done < n);
        i += n + 1;
        if (!nl) break;
    }
    sb_done(&pre);
    r->para.len = 0;
}

/* ---- tables: cells are collected as plain text, then laid out to the pane's width */

static void table_row(renderer *r) {
    r->cells = xrealloc(r->cells, sizeof *r->cells * (size_t)(r->rows + 1));
    r->cells[r->rows++] = xcalloc((size_t)r->cols, sizeof(char *));
}

static void table_cell_end(renderer *r) {
    if (!r->rows) return;
    char **row = r->cells[r->rows - 1];
    int c = 0;
    while (c < r->cols && row[c]) c++;
    if (c < r->cols) row[c] = xstrdup(r->para.text ? r->para.text : "");
    r->para.len = 0;
}

/* Column widths that fit `room` cells: shrink the widest column until the table fits. */
static void table_widths(renderer *r, int *w, int room) {
    for (int c = 0; c < r->cols; c++) {
        w[c] = 1;
        for (int i = 0; i < r->rows; i++)
            if (r->cells[i][c] && mdoc_width(r->cells[i][c], -1) > w[c]) w[c] = mdoc_width(r->cells[i][c], -1);
    }
    for (;;) {
        int total = 0, widest = 0;
        for (int c = 0; c < r->cols; c++) {
            total += w[c] + 3;
            if (w[c] > w[widest]) widest = c;
        }
        if (total <= room || w[widest] <= 4) break;
        w[widest]--;
    }
}

static void table_rule(renderer *r, const int *w, const char *pre) {
    mdoc_line(r->d);
    mdoc_add(r->d, MS_QUOTE, pre, -1);
    for (int c = 0; c < r->cols; c++) {
        for (int i = 0; i < w[c] + 2; i++) mdoc_add(r->d, MS_RULE, glyph(r, "\u2500", "-"), -1);
        if (c + 1 < r->cols) mdoc_add(r->d, MS_RULE, glyph(r, "\u253c", "+"), -1);
    }
}

/* One table row; a cell too wide for its column wraps onto more lines. */
static void table_print_row(renderer *r, char **row, const int *w, const char *pre, bool head) {
    mdoc cells[32] = {{0}};
    int n = r->cols < 32 ? r->cols : 32, height = 1;
    for (int c = 0; c < n; c++) {
        cells[c].ascii = r->d->ascii;
        mdoc_wrap(&cells[c], head ? MS_STRONG : MS_TEXT, row[c] ? row[c] : "", w[c], "");
        if (cells[c].n > height) height = cells[c].n;
    }
    for (int k = 0; k < height; k++) {
        mdoc_line(r->d);
        mdoc_add(r->d, MS_QUOTE, pre, -1);
        for (int c = 0; c < n; c++) {
            const char *t = k < cells[c].n ? cells[c].lines[k].text : "";
            mdoc_add(r->d, MS_TEXT, " ", 1);
            mdoc_add(r->d, head ? MS_STRONG : MS_TEXT, t, -1);
            mdoc_printf(r->d, MS_TEXT, "%*s", w[c] - mdoc_width(t, -1) + 1, "");
            if (c + 1 < n) mdoc_add(r->d, MS_RULE, glyph(r, "\u2502", "|"), -1);
        }
    }
    for (int c = 0; c < n; c++) mdoc_done(&cells[c]);
}

static void flush_table(renderer *r) {
    strbuf pre = {0};
    build_prefix(r, &pre, false);
    int *w = xcalloc((size_t)r->cols + 1, sizeof *w);
    table_widths(r, w, r->width - mdoc_width(sb_str(&pre), -1));
    for (int i = 0; i < r->rows; i++) {
        table_print_row(r, r->cells[i], w, sb_str(&pre), i == 0);
        if (i == 0) table_rule(r, w, sb_str(&pre));
    }
    for (int i = 0; i < r->rows; i++) {
        for (int c = 0; c < r->cols; c++) free(r->cells[i][c]);
        free(r->cells[i]);
    }
    free(r->cells);
    r->cells = NULL;
    r->rows = 0;
    free(w);
    sb_done(&pre);
}

/* ---- md4c callbacks */

static void push(renderer *r, MD_BLOCKTYPE type, bool tight, unsigned number) {
    if (r->depth < (int)(sizeof r->stack / sizeof r->stack[0])) r->stack[r->depth++] = (container){type, tight, number};
}

static void start_item(renderer *r) {
    container *list = r->depth ? &r->stack[r->depth - 1] : NULL;
    if (list && list->type == MD_BLOCK_OL) snprintf(r->bullet, sizeof r->bullet, "%2u. ", list->number++);
    else snprintf(r->bullet, sizeof r->bullet, "  %s ", glyph(r, "\u2022", "*"));
    r->in_li_first = true;
    push(r, MD_BLOCK_LI, false, 0);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud) {
    renderer *r = ud;
    if (r->para.len && !r->in_table) flush_para(r, MS_QUOTE); /* tight list items hold text without a P */
    switch (type) {
    case MD_BLOCK_QUOTE: blank_before_block(r); push(r, type, false, 0); break;
    case MD_BLOCK_UL: push(r, type, ((MD_BLOCK_UL_DETAIL *)detail)->is_tight, 0); break;
    case MD_BLOCK_OL: push(r, type, ((MD_BLOCK_OL_DETAIL *)detail)->is_tight, ((MD_BLOCK_OL_DETAIL *)detail)->start); break;
    case MD_BLOCK_LI: start_item(r); break;
    case MD_BLOCK_H: r->heading = ((MD_BLOCK_H_DETAIL *)detail)->level; /* fall through */
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HR:
        blank_before_block(r);
        r->leaf = type;
        r->para.len = 0;
        if (type == MD_BLOCK_CODE) {
            const MD_ATTRIBUTE *lang = &((MD_BLOCK_CODE_DETAIL *)detail)->lang;
            char l[16] = "";
            if (lang->text && lang->size < sizeof l) memcpy(l, lang->text, lang->size);
            r->code_colour = !strcmp(l, "c") || !strcmp(l, "cu") || !strcmp(l, "cuda") || !strcmp(l, "cpp") ||
                             !strcmp(l, "h") || !strcmp(l, "c++");
        }
        break;
    case MD_BLOCK_TABLE:
        blank_before_block(r);
        r->in_table = true;
        r->cols = (int)((MD_BLOCK_TABLE_DETAIL *)detail)->col_count;
        break;
    case MD_BLOCK_TR: table_row(r); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: r->para.len = 0; break;
    default: break;
    }
    return 0;
}

static void hr(renderer *r) {
    mdoc_line(r->d);
    for (int i = 0; i < r->width && i < 60; i++) mdoc_add(r->d, MS_RULE, glyph(r, "\u2500", "-"), -1);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud) {
    renderer *r = ud;
    (void)detail;
    switch (type) {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
        if (type == MD_BLOCK_LI && r->para.len) flush_para(r, MS_QUOTE);
        if (r->depth) r->depth--;
        if (type == MD_BLOCK_LI) r->bullet[0] = 0;
        break;
    case MD_BLOCK_P: flush_para(r, MS_QUOTE); break;
    case MD_BLOCK_H: flush_heading(r); break;
    case MD_BLOCK_CODE: flush_code(r); break;
    case MD_BLOCK_HR: hr(r); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: table_cell_end(r); break;
    case MD_BLOCK_TABLE: flush_table(r); r->in_table = false; break;
    default: break;
    }
    if (type != MD_BLOCK_TH && type != MD_BLOCK_TD && type != MD_BLOCK_TR) r->leaf = MD_BLOCK_DOC;
    return 0;
}

static mstyle span_style(MD_SPANTYPE t) {
    switch (t) {
    case MD_SPAN_EM: return MS_EM;
    case MD_SPAN_STRONG: return MS_STRONG;
    case MD_SPAN_CODE: return MS_CODE;
    case MD_SPAN_A: return MS_LINK;
    default: return MS_TEXT;
    }
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud) {
    renderer *r = ud;
    (void)detail;
    if (r->n_span < 8) r->span_style[r->n_span++] = span_style(type);
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud) {
    renderer *r = ud;
    (void)type, (void)detail;
    if (r->n_span) r->n_span--;
    return 0;
}

static const char *entity(const char *t, unsigned n) {
    static const struct { const char *name, *text; } map[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", " "}, {"&times;", "\u00d7"},
        {"&hellip;", "\u2026"}, {"&mdash;", "\u2014"}, {"&ndash;", "\u2013"}, {"&rarr;", "\u2192"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].name) == n && !memcmp(map[i].name, t, n)) return map[i].text;
    return NULL;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *ud) {
    renderer *r = ud;
    mstyle st = r->n_span ? (mstyle)r->span_style[r->n_span - 1] : MS_TEXT;
    if (r->leaf == MD_BLOCK_CODE && !r->in_table) st = MS_CODEBLOCK;
    switch (type) {
    case MD_TEXT_SOFTBR: flat_add(&r->para, st, " ", 1); break;
    case MD_TEXT_BR: flat_add(&r->para, st, "\n", 1); break;
    case MD_TEXT_NULLCHAR: flat_add(&r->para, st, "\xef\xbf\xbd", 3); break;
    case MD_TEXT_ENTITY: {
        const char *e = entity(t, n);
        flat_add(&r->para, st, e ? e : t, e ? (int)strlen(e) : (int)n);
        break;
    }
    case MD_TEXT_HTML: break;
    default: flat_add(&r->para, st, t, (int)n); break;
    }
    return 0;
}

void markdown_render(mdoc *d, const char *src, size_t len, int width) {
    renderer r = {.d = d, .width = width < 20 ? 20 : width, .leaf = MD_BLOCK_DOC};
    MD_PARSER p = {
        .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML,
        .enter_block = enter_block, .leave_block = leave_block,
        .enter_span = enter_span, .leave_span = leave_span, .text = text,
    };
    md_parse(src, (MD_SIZE)len, &p, &r);
    for (int i = 0; i < r.rows; i++) {
        for (int c = 0; c < r.cols; c++) free(r.cells[i][c]);
        free(r.cells[i]);
    }
    free(r.cells);
    flat_done(&r.para);
}
