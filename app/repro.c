/* repro: records learner calls and writes them out as a standalone C program. */
#include "repro.h"
#include "buffer.h"
#include "ffi.h"
#include "signature.h"
#include "util.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_ELEMENTS (1 << 16)   /* larger buffers would make an unreadable program */

static strbuf body;
static int calls;
static const char *learner_file, *harness;
static void (*publisher)(const char *source);

static char *program(void) {
    strbuf sb = {0};
    sb_puts(&sb, "#define _GNU_SOURCE\n#include <math.h>\n#include <stdio.h>\n");
    sb_printf(&sb, "#include \"%s\"\n", learner_file);
    if (harness) sb_printf(&sb, "\n/* ---- the lesson's test harness ---- */\n#line 1 \"harness.c\"\n%s\n", harness);
    sb_puts(&sb, "\nint main(void) {\n");
    sb_puts(&sb, sb_str(&body));
    if (!calls) sb_puts(&sb, "    /* this test made no direct calls to your functions (it drives them through the lesson's harness) */\n");
    sb_puts(&sb, "    return 0;\n}\n");
    return sb_steal(&sb);
}

static void emit_number(strbuf *sb, lua_State *L, int idx, sig_kind k) {
    if (k == K_F32 || k == K_F64) {
        double d = lua_tonumber(L, idx);
        if (isnan(d)) sb_puts(sb, "NAN");
        else if (isinf(d)) sb_puts(sb, d > 0 ? "INFINITY" : "-INFINITY");
        else sb_printf(sb, "%.17g%s", d, k == K_F32 ? "f" : "");
    } else if (lua_isboolean(L, idx)) {
        sb_puts(sb, lua_toboolean(L, idx) ? "1" : "0");
    } else {
        sb_printf(sb, "%lldLL", (long long)lua_tointeger(L, idx));
    }
}

/* A C string literal with octal escapes for control and non-ASCII bytes: the JSON escape
   \u00XX for a control character is not valid C (a universal character name cannot name one),
   so a repro of a test that passed one did not compile. */
static void emit_c_string(strbuf *sb, const char *s, size_t n) {
    sb_puts(sb, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') sb_printf(sb, "\\%c", ch);
        else if (ch == '\n') sb_puts(sb, "\\n");
        else if (ch < 0x20 || ch >= 0x7f || ch == '?') sb_printf(sb, "\\%03o", ch); /* '?': no trigraphs */
        else sb_append(sb, (const char *)&ch, 1);
    }
    sb_puts(sb, "\"");
}

static void emit_buffer(lua_State *L, kd_buffer *b, int call, int arg, const sig_type *t) {
    size_t n = b->n < MAX_ELEMENTS ? b->n : MAX_ELEMENTS;
    sb_printf(&body, "    static %s a%d_%d[%zu] = {", sig_kind_ctype(b->kind), call, arg, b->n ? b->n : 1);
    for (size_t i = 0; i < n; i++) {
        if (i % 8 == 0) sb_puts(&body, "\n        ");
        buffer_push_element(L, b, i);
        emit_number(&body, L, -1, b->kind);
        lua_pop(L, 1);
        sb_puts(&body, ", ");
    }
    sb_puts(&body, "\n    };\n");
    if (n < b->n) sb_printf(&body, "    /* only the first %zu of %zu elements are reproduced */\n", n, b->n);
    (void)t;
}

static void observe(lua_State *L, const char *side, const char *decl, int first, int nargs) {
    if (strcmp(side, "learner")) return;
    signature sig;
    char err[128];
    if (signature_parse(decl, &sig, err, sizeof err) < 0) return;
    int c = ++calls;
    sb_printf(&body, "\n    /* call %d: %s */\n", c, decl);
    for (int i = 0; i < nargs; i++) {
        kd_buffer *b = buffer_test(L, first + i);
        if (b) emit_buffer(L, b, c, i, &sig.params[i]);
    }
    sb_puts(&body, "    ");
    if (sig.ret.kind != K_VOID) sb_printf(&body, "%s r%d = ", sig_kind_ctype(sig.ret.kind), c);
    sb_printf(&body, "%s(", sig.name);
    for (int i = 0; i < nargs; i++) {
        int idx = first + i;
        if (i) sb_puts(&body, ", ");
        if (buffer_test(L, idx)) sb_printf(&body, "a%d_%d", c, i);
        else if (lua_type(L, idx) == LUA_TSTRING) {
            size_t n;
            const char *s = lua_tolstring(L, idx, &n);
            emit_c_string(&body, s, n);
        } else if (lua_type(L, idx) == LUA_TNUMBER || lua_isboolean(L, idx)) emit_number(&body, L, idx, sig.params[i].kind);
        else sb_puts(&body, "NULL");
    }
    sb_puts(&body, ");\n");
    switch (sig.ret.kind) {
    case K_VOID: sb_printf(&body, "    printf(\"call %d returned\\n\");\n", c); break;
    case K_F32: case K_F64: sb_printf(&body, "    printf(\"call %d returned %%.9g\\n\", (double)r%d);\n", c, c); break;
    case K_PTR: sb_printf(&body, "    printf(\"call %d returned %%p\\n\", r%d);\n", c, c); break;
    default: sb_printf(&body, "    printf(\"call %d returned %%lld\\n\", (long long)r%d);\n", c, c);
    }
    char *src = program();
    publisher(src);
    free(src);
}

void repro_enable(const char *file, const char *harness_src, void (*publish)(const char *source)) {
    learner_file = file;
    harness = harness_src;
    publisher = publish;
    ffi_set_observer(observe);
    char *src = program();
    publish(src);
    free(src);
}
