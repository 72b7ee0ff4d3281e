/* mutate: simple mutants of a reference solution for kdojo verify. */
#include "mutate.h"
#include "util.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Skips a comment, string or character literal starting at p; returns p unchanged otherwise. */
static const char *skip_literal(const char *p) {
    if (p[0] == '/' && p[1] == '/') {
        const char *e = strchr(p, '\n');
        return e ? e : p + strlen(p);
    }
    if (p[0] == '/' && p[1] == '*') {
        const char *e = strstr(p + 2, "*/");
        return e ? e + 2 : p + strlen(p);
    }
    if (*p == '"' || *p == '\'') {
        char q = *p++;
        while (*p && *p != q) p += (*p == '\\' && p[1]) ? 2 : 1;
        return *p ? p + 1 : p;
    }
    return p;
}

typedef struct {
    size_t head, open, close; /* header start, '{' and '}' offsets */
} func_span;

/* Finds top-level function bodies: a '{' at depth 0 whose previous token is ')'. */
static int find_functions(const char *src, func_span *spans, int max) {
    int n = 0, depth = 0;
    size_t head = 0, open = 0;
    char last = 0;
    bool line_start = true;
    for (const char *p = src; *p;) {
        const char *q = skip_literal(p);
        if (q != p) { p = q; continue; }
        if (line_start && *p == '#') { /* preprocessor line, with continuations */
            while (*p && !(*p == '\n' && p[-1] != '\\')) p++;
            if (depth == 0) head = (size_t)(p - src);
            continue;
        }
        line_start = *p == '\n' || (line_start && isspace((unsigned char)*p));
        if (*p == '{') {
            if (depth == 0 && last == ')') open = (size_t)(p - src);
            else if (depth == 0) open = 0;
            depth++;
        } else if (*p == '}') {
            depth--;
            if (depth == 0 && open && n < max) spans[n++] = (func_span){head, open, (size_t)(p - src)};
            if (depth == 0) { head = (size_t)(p - src) + 1; open = 0; }
        } else if (*p == ';' && depth == 0) {
            head = (size_t)(p - src) + 1;
        }
        if (!isspace((unsigned char)*p)) last = *p;
        p++;
    }
    return n;
}

/* The header text without comments (a '(' in a comment must not look like a parameter list). */
static char *strip_comments(const char *h, size_t len) {
    char *text = xasprintf("%.*s", (int)len, h);
    char *out = text;
    for (const char *p = text; *p;) {
        if ((p[0] == '/' && (p[1] == '/' || p[1] == '*'))) {
            p = skip_literal(p);
            *out++ = ' ';
            continue;
        }
        *out++ = *p++;
    }
    *out = 0;
    return text;
}

/* Name and return kind from a header such as "float dot(const float *a, int n)". */
static bool parse_header(const char *h, size_t len, char *name, size_t name_len, bool *is_void) {
    char *text = strip_comments(h, len);
    char *paren = strchr(text, '(');
    bool ok = false;
    if (paren && !strstr(text, "static")) {
        char *e = paren;
        while (e > text && isspace((unsigned char)e[-1])) e--;
        char *b = e;
        while (b > text && (isalnum((unsigned char)b[-1]) || b[-1] == '_')) b--;
        if (b < e && (size_t)(e - b) < name_len) {
            memcpy(name, b, (size_t)(e - b));
            name[e - b] = 0;
            char *ret = text;
            while (isspace((unsigned char)*ret)) ret++;
            bool star = memchr(ret, '*', (size_t)(b - ret)) != NULL;
            *is_void = !star && !strncmp(ret, "void", 4) && !isalnum((unsigned char)ret[4]);
            ok = strcmp(name, "main") != 0;
        }
    }
    free(text);
    return ok;
}

static mutant make(const char *src, func_span s, const char *name, const char *kind, const char *body) {
    mutant m = {0};
    m.function = xstrdup(name);
    m.kind = xstrdup(kind);
    m.source = xasprintf("%.*s%s%s", (int)s.open, src, body, src + s.close + 1);
    return m;
}

int mutants_make(const char *src, mutant **out) {
    func_span spans[64];
    int nf = find_functions(src, spans, 64), n = 0;
    *out = xcalloc((size_t)nf * 2 + 1, sizeof(mutant));
    for (int i = 0; i < nf; i++) {
        char name[128];
        bool is_void;
        if (!parse_header(src + spans[i].head, spans[i].open - spans[i].head, name, sizeof name, &is_void)) continue;
        (*out)[n] = make(src, spans[i], name, "empty body", "{ }");
        (*out)[n++].garbage = !is_void;
        if (!is_void) (*out)[n++] = make(src, spans[i], name, "return 0", "{ return 0; }");
    }
    return n;
}

void mutants_free(mutant *m, int n) {
    for (int i = 0; i < n; i++) {
        free(m[i].function);
        free(m[i].kind);
        free(m[i].source);
    }
    free(m);
}
