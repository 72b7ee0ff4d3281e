/* signature: parses a C function declaration into kinds the FFI can marshal. */
#include "signature.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    sig_kind kind;
} typedefs[] = {
    {"int8_t", K_I8},     {"uint8_t", K_U8},     {"int16_t", K_I16},   {"uint16_t", K_U16},
    {"int32_t", K_I32},   {"uint32_t", K_U32},   {"int64_t", K_I64},   {"uint64_t", K_U64},
    {"size_t", K_U64},    {"ssize_t", K_I64},    {"ptrdiff_t", K_I64}, {"intptr_t", K_I64},
    {"uintptr_t", K_U64}, {"bool", K_BOOL},      {"_Bool", K_BOOL},    {"float", K_F32},
    {"double", K_F64},    {"void", K_VOID},
};

static int is_qualifier(const char *w) {
    return !strcmp(w, "const") || !strcmp(w, "volatile") || !strcmp(w, "restrict") || !strcmp(w, "__restrict") ||
           !strcmp(w, "static") || !strcmp(w, "extern") || !strcmp(w, "inline");
}

static int is_builtin_word(const char *w) {
    static const char *words[] = {"char", "short", "int", "long", "signed", "unsigned", NULL};
    for (const char **p = words; *p; p++)
        if (!strcmp(*p, w)) return 1;
    for (size_t i = 0; i < sizeof typedefs / sizeof *typedefs; i++)
        if (!strcmp(typedefs[i].name, w)) return 1;
    return 0;
}

/* Kind of a base type from its words (after qualifiers are removed). -1 when unknown. */
static int base_kind(char words[][32], int n) {
    int is_unsigned = 0, longs = 0, shorts = 0, chars = 0, ints = 0;
    for (int i = 0; i < n; i++) {
        for (size_t t = 0; t < sizeof typedefs / sizeof *typedefs; t++)
            if (!strcmp(words[i], typedefs[t].name)) return n == 1 ? (int)typedefs[t].kind : -1;
        if (!strcmp(words[i], "unsigned")) is_unsigned = 1;
        else if (!strcmp(words[i], "signed")) ;
        else if (!strcmp(words[i], "long")) longs++;
        else if (!strcmp(words[i], "short")) shorts++;
        else if (!strcmp(words[i], "char")) chars++;
        else if (!strcmp(words[i], "int")) ints++;
        else return -1;
    }
    if (chars) return is_unsigned ? K_U8 : K_I8;
    if (shorts) return is_unsigned ? K_U16 : K_I16;
    if (longs) return is_unsigned ? K_U64 : K_I64;
    if (ints || is_unsigned || n) return is_unsigned ? K_U32 : K_I32;
    return -1;
}

/* Parses "const float *a" (or a return type with the function name) into t. */
static int parse_type(const char *s, const char *end, sig_type *t, int want_name, char *err, int errlen) {
    char words[8][32];
    int nw = 0, stars = 0, is_const = 0, is_struct = 0;
    memset(t, 0, sizeof *t);
    int tl = (int)(end - s);
    while (tl > 0 && isspace((unsigned char)*s)) s++, tl--;
    while (tl > 0 && isspace((unsigned char)s[tl - 1])) tl--;
    snprintf(t->text, sizeof t->text, "%.*s", tl, s);
    for (const char *p = s; p < end;) {
        if (isspace((unsigned char)*p)) { p++; continue; }
        if (*p == '*') { stars++; p++; continue; }
        if (isalpha((unsigned char)*p) || *p == '_') {
            char w[32];
            int n = 0;
            while (p < end && (isalnum((unsigned char)*p) || *p == '_')) {
                if (n < 31) w[n++] = *p;
                p++;
            }
            w[n] = 0;
            if (!strcmp(w, "const")) is_const = 1;
            if (!strcmp(w, "struct") || !strcmp(w, "union") || !strcmp(w, "enum")) { is_struct = 1; continue; }
            if (is_qualifier(w)) continue;
            if (nw == 8) { snprintf(err, (size_t)errlen, "type too long: '%s'", t->text); return -1; }
            snprintf(words[nw++], 32, "%s", w);
            continue;
        }
        if (*p == '[') { stars++; while (p < end && *p != ']') p++; if (p < end) p++; continue; }
        snprintf(err, (size_t)errlen, "cannot read '%s': unexpected '%c'", t->text, *p);
        return -1;
    }
    /* The last word is a name when it is not a type word and a type precedes it. */
    if (nw >= 2 && !is_builtin_word(words[nw - 1])) {
        snprintf(t->name, sizeof t->name, "%s", words[nw - 1]);
        nw--;
    } else if (want_name) {
        snprintf(err, (size_t)errlen, "no function name in '%s'", t->text);
        return -1;
    }
    int k = (is_struct || nw == 0) ? -1 : base_kind(words, nw);
    if (stars) {
        t->kind = K_PTR;
        t->pointee = (k < 0 || stars > 1) ? K_VOID : (sig_kind)k;
        t->is_const = is_const;
        return 0;
    }
    if (k < 0) {
        snprintf(err, (size_t)errlen, "type '%s' cannot be passed from Lua (use scalars and pointers)", t->text);
        return -1;
    }
    t->kind = (sig_kind)k;
    return 0;
}

int signature_parse(const char *text, signature *sig, char *err, int errlen) {
    memset(sig, 0, sizeof *sig);
    const char *open = strchr(text, '('), *close = strrchr(text, ')');
    if (!open || !close || close < open) {
        snprintf(err, (size_t)errlen, "not a function declaration: '%s'", text);
        return -1;
    }
    sig_type head;
    if (parse_type(text, open, &head, 1, err, errlen) < 0) return -1;
    snprintf(sig->name, sizeof sig->name, "%s", head.name);
    sig->ret = head;
    sig->ret.name[0] = 0;
    const char *p = open + 1;
    while (p < close && isspace((unsigned char)*p)) p++;
    if (p == close || (!strncmp(p, "void", 4) && (p + 4 == close || isspace((unsigned char)p[4]) || p[4] == ')')) ) {
        const char *q = p + (p == close ? 0 : 4);
        while (q < close && isspace((unsigned char)*q)) q++;
        if (q == close) return 0;
    }
    while (p < close) {
        const char *comma = memchr(p, ',', (size_t)(close - p));
        const char *end = comma ? comma : close;
        if (sig->nparams == SIG_MAX_PARAMS) {
            snprintf(err, (size_t)errlen, "too many parameters (at most %d)", SIG_MAX_PARAMS);
            return -1;
        }
        sig_type *t = &sig->params[sig->nparams++];
        if (parse_type(p, end, t, 0, err, errlen) < 0) return -1;
        if (t->kind == K_VOID) {
            snprintf(err, (size_t)errlen, "parameter %d cannot be void", sig->nparams);
            return -1;
        }
        p = end + 1;
    }
    return 0;
}

const char *sig_kind_ctype(sig_kind k) {
    switch (k) {
    case K_VOID: return "void";
    case K_BOOL: return "_Bool";
    case K_I8: return "signed char";
    case K_U8: return "unsigned char";
    case K_I16: return "short";
    case K_U16: return "unsigned short";
    case K_I32: return "int";
    case K_U32: return "unsigned int";
    case K_I64: return "long long";
    case K_U64: return "unsigned long long";
    case K_F32: return "float";
    case K_F64: return "double";
    case K_PTR: return "void *";
    }
    return "void";
}

int sig_kind_size(sig_kind k) {
    switch (k) {
    case K_VOID: return 0;
    case K_BOOL: case K_I8: case K_U8: return 1;
    case K_I16: case K_U16: return 2;
    case K_I32: case K_U32: case K_F32: return 4;
    default: return 8;
    }
}

const char *sig_kind_name(sig_kind k) {
    static const char *names[] = {"void", "bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64", "ptr"};
    return names[k];
}
