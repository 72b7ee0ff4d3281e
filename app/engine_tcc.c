/* engine_tcc: compiles C sources in memory with libtcc and resolves their symbols. */
#include "engine_tcc.h"
#include "util.h"

#include <dlfcn.h>
#include <libtcc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uintptr_t addr;
    char *name;
} named_address;

struct tcc_program {
    TCCState *s;   /* TinyCC state, or NULL for a dlopen'ed shared object */
    void *dl;
    named_address *syms;  /* sorted by address, built on first use */
    int nsyms;
};

static void index_symbols(tcc_program *p);

static void collect_diagnostic(void *opaque, const char *msg) {
    strbuf *sb = opaque;
    sb_puts(sb, msg);
    sb_puts(sb, "\n");
}

/* Learner programs link against what this process has loaded; make sure libm is among it. */
static void load_runtime_libraries(void) {
    static int done;
    if (done++) return;
    dlopen("libm.so.6", RTLD_NOW | RTLD_GLOBAL);
}

tcc_program *tcc_program_build(const tcc_options *o, const tcc_unit *units, int n, char **diagnostics) {
    strbuf diag = {0};
    load_runtime_libraries();
    TCCState *s = tcc_new();
    if (!s) {
        *diagnostics = xstrdup("TinyCC could not start");
        return NULL;
    }
    tcc_set_error_func(s, &diag, collect_diagnostic);
    if (o->tcc_dir) tcc_set_lib_path(s, o->tcc_dir);
    /* Undefined symbols of in-memory programs resolve against the libraries this process has
       loaded (TinyCC falls back to dlsym), so libm only needs to be loaded here once. A
       self-contained unit (a call shim) skips the C library setup altogether. */
    tcc_set_options(s, o->freestanding ? "-Wall -nostdlib" : "-std=c11 -Wall -Wno-unused-function");
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    if (o->include_dir) tcc_add_include_path(s, o->include_dir);
    tcc_define_symbol(s, "KDOJO", "1");
    int ok = 1;
    for (int i = 0; i < n && ok; i++) {
        char *text = xasprintf("#line 1 \"%s\"\n%s\n", units[i].name, units[i].source);
        ok = tcc_compile_string(s, text) == 0;
        free(text);
    }
    if (ok) {
        for (const tcc_symbol *sym = o->symbols; sym && sym->name; sym++) tcc_add_symbol(s, sym->name, sym->addr);
        ok = tcc_relocate(s, TCC_RELOCATE_AUTO) >= 0;
    }
    /* TinyCC only warns about a call to an undeclared function, then assumes it returns int:
       a pointer from aligned_alloc would be cut to 32 bits and crash far from the cause. */
    if (ok && strstr(sb_str(&diag), "implicit declaration of function")) {
        sb_puts(&diag, "note: kdojo treats a call to an undeclared function as an error: include the header "
                       "that declares it, or declare the function before its first use\n");
        ok = 0;
    }
    *diagnostics = sb_steal(&diag);
    if (!ok) {
        tcc_delete(s);
        return NULL;
    }
    tcc_program *p = xcalloc(1, sizeof *p);
    p->s = s;
    /* Now, not on first use: the first use is the hang report, in a signal handler that may
       have interrupted malloc. */
    index_symbols(p);
    return p;
}

void *tcc_program_symbol(tcc_program *p, const char *name) {
    return p->s ? tcc_get_symbol(p->s, name) : dlsym(p->dl, name);
}

tcc_program *tcc_program_from_handle(void *dl_handle) {
    tcc_program *p = xcalloc(1, sizeof *p);
    p->dl = dl_handle;
    return p;
}

static void collect_symbol(void *ctx, const char *name, const void *val) {
    tcc_program *p = ctx;
    if (!val || !name || !strncmp(name, "kd_", 3) || strchr(name, '@')) return;
    p->syms = xrealloc(p->syms, sizeof *p->syms * (size_t)(p->nsyms + 1));
    p->syms[p->nsyms++] = (named_address){(uintptr_t)val, xstrdup(name)};
}

static int by_address(const void *a, const void *b) {
    uintptr_t x = ((const named_address *)a)->addr, y = ((const named_address *)b)->addr;
    return x < y ? -1 : x > y;
}

static void index_symbols(tcc_program *p) {
    tcc_list_symbols(p->s, p, collect_symbol);
    if (p->nsyms) qsort(p->syms, (size_t)p->nsyms, sizeof *p->syms, by_address);
}

int tcc_program_name_address(tcc_program *p, const void *addr, char *out, size_t len) {
    if (!p->s) {
        Dl_info info;
        if (!dladdr(addr, &info) || !info.dli_sname) return 0;
        size_t off = (size_t)((uintptr_t)addr - (uintptr_t)info.dli_saddr);
        snprintf(out, len, off ? "%s+%zu" : "%s", info.dli_sname, off);
        return 1;
    }
    uintptr_t a = (uintptr_t)addr;
    int lo = 0, hi = p->nsyms - 1, best = -1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (p->syms[mid].addr <= a) best = mid, lo = mid + 1;
        else hi = mid - 1;
    }
    /* Symbols carry no sizes (and static ones are not listed): accept only offsets small
       enough to be inside one function or object rather than name the wrong thing. */
    if (best < 0 || a - p->syms[best].addr > 4096) return 0;
    if (best + 1 < p->nsyms && a >= p->syms[best + 1].addr) return 0;
    size_t off = a - p->syms[best].addr;
    snprintf(out, len, off ? "%s+%zu" : "%s", p->syms[best].name, off);
    return 1;
}

void tcc_program_free(tcc_program *p) {
    if (!p) return;
    for (int i = 0; i < p->nsyms; i++) free(p->syms[i].name);
    free(p->syms);
    if (p->s) tcc_delete(p->s);
    if (p->dl) dlclose(p->dl);
    free(p);
}

char *tcc_check_includes(const char *name, const char *source) {
    int line = 1;
    for (const char *p = source; *p; line++) {
        const char *s = p;
        while (*s == ' ' || *s == '\t') s++;
        if (*s == '#') {
            s++;
            while (*s == ' ' || *s == '\t') s++;
            if (!strncmp(s, "include", 7)) {
                s += 7;
                while (*s == ' ' || *s == '\t') s++;
                if (*s == '"' || *s == '<') {
                    const char *path = s + 1;
                    if (*path == '/' || !strncmp(path, "..", 2) || strstr(path, "/../"))
                        return xasprintf("%s:%d: error: only system headers and kdojo's headers can be included "
                                         "(no absolute or ../ paths)", name, line);
                }
            }
        }
        const char *nl = strchr(p, '\n');
        if (!nl) break;
        p = nl + 1;
    }
    return NULL;
}
