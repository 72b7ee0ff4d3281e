/* sanitize: sanitizer runtimes, options and reports for `kdojo check --sanitize`. */
#include "sanitize.h"
#include "engine_cc.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool sanitize_kind_valid(const char *kind) {
    return kind && (!strcmp(kind, "address") || !strcmp(kind, "undefined") || !strcmp(kind, "thread"));
}

const char *sanitize_tool_name(const char *kind) {
    if (!strcmp(kind, "address")) return "AddressSanitizer";
    if (!strcmp(kind, "thread")) return "ThreadSanitizer";
    return "UndefinedBehaviorSanitizer";
}

static const char *runtime_soname(const char *kind) {
    if (!strcmp(kind, "address")) return "libasan.so";
    if (!strcmp(kind, "thread")) return "libtsan.so";
    return "libubsan.so";
}

static const char *package_hint(const char *kind) {
    if (!strcmp(kind, "address")) return "libasan8";
    if (!strcmp(kind, "thread")) return "libtsan2";
    return "libubsan1";
}

char *sanitize_runtime(const char *kind, char **err) {
    const char *cc = cc_compiler();
    if (!cc) {
        *err = xasprintf("--sanitize=%s compiles your file with the system C compiler, and none was found: install "
                         "gcc (apt install gcc) or set CC",
                         kind);
        return NULL;
    }
    /* gcc answers the runtime's path; without it, the bare name comes back */
    char *opt = xasprintf("-print-file-name=%s", runtime_soname(kind));
    char *argv[] = {(char *)cc, opt, NULL};
    strbuf out = {0};
    int rc = cc_run_collect(argv, &out);
    free(opt);
    char *path = sb_steal(&out);
    path[strcspn(path, "\r\n")] = 0;
    char *real = rc == 0 && path[0] == '/' ? realpath(path, NULL) : NULL;
    if (!real || access(real, R_OK) != 0) {
        *err = xasprintf("--sanitize=%s needs the %s runtime of the system compiler (%s), which is not installed "
                         "(%s -print-file-name=%s finds no %s): install it (apt install %s, or a gcc that has it) "
                         "and try again",
                         kind, sanitize_tool_name(kind), cc, cc, runtime_soname(kind), runtime_soname(kind),
                         package_hint(kind));
        free(real);
        real = NULL;
    }
    free(path);
    return real;
}

const char *const *sanitize_cc_flags(const char *kind) {
    static const char *const address[] = {"-fsanitize=address", "-g", "-O1", "-fno-omit-frame-pointer", NULL};
    /* -Wno-tsan: kdojo/atomic.h's fence is not modelled by TSan, which the learner need not hear */
    static const char *const thread[] = {"-fsanitize=thread", "-g", "-O1", "-fno-omit-frame-pointer", "-Wno-tsan", NULL};
    static const char *const undefined[] = {"-fsanitize=undefined", "-fno-sanitize-recover=undefined", "-g", "-O1",
                                            "-fno-omit-frame-pointer", NULL};
    if (!strcmp(kind, "address")) return address;
    if (!strcmp(kind, "thread")) return thread;
    return undefined;
}

void sanitize_set_env(const char *kind) {
    /* kdojo's own crash handler names buffers and stack overflows: the runtimes leave the
       fatal signals to it. One error ends the run with a status the parent recognises. */
#define SAN_COMMON "halt_on_error=1:abort_on_error=0:exitcode=86:color=never:handle_segv=0:handle_sigbus=0:" \
                   "handle_sigfpe=0:handle_sigill=0:handle_abort=0:symbolize=1"
    if (!strcmp(kind, "address"))
        setenv("ASAN_OPTIONS", SAN_COMMON ":detect_leaks=0:detect_odr_violation=0:allow_user_segv_handler=1:"
               "quarantine_size_mb=64", 1);
    else if (!strcmp(kind, "thread"))
        setenv("TSAN_OPTIONS", SAN_COMMON ":report_signal_unsafe=0:report_thread_leaks=0:die_after_fork=0", 1);
    else
        setenv("UBSAN_OPTIONS", SAN_COMMON ":print_stacktrace=1:report_error_type=1", 1);
#undef SAN_COMMON
}

/* ---------------------------------------------------------------- reports */

static bool is_start_line(const char *line, size_t n) {
    char buf[512];
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, line, n);
    buf[n] = 0;
    if (!strncmp(buf, "WARNING: ThreadSanitizer: ", 26)) return true;
    if (!strncmp(buf, "==", 2) && strstr(buf, "==ERROR: ") && strstr(buf, "Sanitizer")) return true;
    if (strstr(buf, ": runtime error: ")) return true;
    return false;
}

const char *sanitize_report_start(const char *text) {
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (is_start_line(p, n)) return p;
        p = nl ? nl + 1 : NULL;
    }
    return NULL;
}

/* Drops the scratch directory from paths: "/tmp/kdojo-run-12-abc/sum.c:3" -> "sum.c:3". */
static void strip_scratch(char *line) {
    char *hit;
    while ((hit = strstr(line, "kdojo-run-"))) {
        char *start = hit;
        while (start > line && !strchr(" \t(", start[-1])) start--;
        char *slash = strchr(hit, '/');
        if (!slash) break;
        memmove(start, slash + 1, strlen(slash + 1) + 1);
    }
}

/* Does line mention `file:` as a whole path component ("sum.c:12", "/x/sum.c:12")? */
static const char *file_ref(const char *line, const char *file) {
    size_t fl = strlen(file);
    for (const char *p = strstr(line, file); p; p = strstr(p + 1, file))
        if ((p == line || strchr(" \t(/", p[-1])) && p[fl] == ':' && isdigit((unsigned char)p[fl + 1])) return p;
    return NULL;
}

static char *file_line(const char *ref, const char *file) {
    const char *d = ref + strlen(file) + 1;
    size_t n = strspn(d, "0123456789");
    return xasprintf("%s:%.*s", file, (int)n, d);
}

static bool frame_line(const char *line, long *num) {
    while (*line == ' ' || *line == '\t') line++;
    if (line[0] != '#' || !isdigit((unsigned char)line[1])) return false;
    *num = strtol(line + 1, NULL, 10);
    return true;
}

/* A frame of the learner's program: their file, the lesson's harness linked with it, kdojo's
   atomics (or an unsymbolised address in learner.so). */
static bool learner_frame(const char *line, const char *learner_file) {
    return file_ref(line, learner_file) || file_ref(line, "harness.c") || strstr(line, "(learner.so+") ||
           strstr(line, "/learner.so+") || file_ref(line, "kdojo-runtime.c");
}

static bool reference_frame(const char *line) {
    return strstr(line, "reference.so+") || file_ref(line, "solution.c");
}

static bool runtime_frame(const char *line) {
    static const char *const marks[] = {"libasan", "libtsan", "libubsan", "libsanitizer", "sanitizer_common",
                                        "compiler-rt", "libclang_rt", NULL};
    for (const char *const *m = marks; *m; m++)
        if (strstr(line, *m)) return true;
    return false;
}

/* "heap-buffer-overflow on address 0x..." -> "heap-buffer-overflow" */
static char *kind_of(const char *rest) {
    static const char *const stops[] = {" on address", " on unknown", " on 0x", " (pid=", " at pc", " at 0x", NULL};
    size_t n = strcspn(rest, "\n");
    for (const char *const *s = stops; *s; s++) {
        const char *hit = strstr(rest, *s);
        if (hit && (size_t)(hit - rest) < n) n = (size_t)(hit - rest);
    }
    if (n > 100) n = 100;
    return xasprintf("%.*s", (int)n, rest);
}

static void cut_at(char *s, const char *what) {
    char *p = strstr(s, what);
    if (p) *p = 0;
}

bool sanitize_parse(const char *output, const char *learner_file, sanitize_report *out) {
    memset(out, 0, sizeof *out);
    const char *start = output ? sanitize_report_start(output) : NULL;
    if (!start) return false;
    strbuf rep = {0};
    char *learner_where = NULL, *harness_where = NULL;
    int kept = 0;
    bool blank = false, unsymbolised_learner = false;
    for (const char *p = start; p && *p && kept < 60;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xasprintf("%.*s", (int)n, p);
        p = nl ? nl + 1 : NULL;
        strip_scratch(line);
        long num;
        bool first = !out->tool;
        if (!first && (!strncmp(line, "Shadow bytes around", 19) || !strncmp(line, "==================", 18) ||
                       strstr(line, "==ABORTING"))) {
            free(line);
            break;
        }
        bool summary = !strncmp(line, "SUMMARY: ", 9);
        bool keep = true;
        if (first) {
            char *rt = strstr(line, ": runtime error: ");
            if (!strncmp(line, "WARNING: ThreadSanitizer: ", 26)) {
                out->tool = xstrdup("ThreadSanitizer");
                out->kind = kind_of(line + 26);
                cut_at(line, " (pid=");
            } else if (rt) {
                out->tool = xstrdup("UndefinedBehaviorSanitizer");
                const char *msg = rt + 17;
                size_t k = strcspn(msg, ":");
                if (k > 100) k = 100;
                out->kind = xasprintf("%.*s", (int)k, msg);
            } else {
                char *e = strstr(line, "==ERROR: ");
                char *tool = e ? e + 9 : line;
                char *colon = strstr(tool, ": ");
                out->tool = colon ? xasprintf("%.*s", (int)(colon - tool), tool) : xstrdup("Sanitizer");
                out->kind = kind_of(colon ? colon + 2 : tool);
                if (e) memmove(line, e + 2, strlen(e + 2) + 1); /* "ERROR: ..." without the "==pid==" */
                cut_at(line, " at pc 0x");
            }
        }
        if (first || !frame_line(line, &num)) {
            /* a location on the line itself (UBSan's first line) */
            const char *ref = file_ref(line, learner_file);
            if (ref && !learner_where && !summary) learner_where = file_line(ref, learner_file);
            if (!ref && (ref = file_ref(line, "harness.c")) && !harness_where && !summary)
                harness_where = file_line(ref, "harness.c");
        } else {
            bool learner = learner_frame(line, learner_file);
            keep = learner || reference_frame(line) || (num == 0 && runtime_frame(line));
            if (learner && (strstr(line, "(learner.so+") || strstr(line, "/learner.so+")) && !strchr(line, ':'))
                unsymbolised_learner = true;
            if (learner) {
                const char *ref = file_ref(line, learner_file);
                if (ref && !learner_where) learner_where = file_line(ref, learner_file);
                if (!ref && (ref = file_ref(line, "harness.c")) && !harness_where)
                    harness_where = file_line(ref, "harness.c");
            }
        }
        if (keep && !*line) {
            if (!blank && kept) sb_puts(&rep, "\n");
            blank = true;
        } else if (keep) {
            sb_printf(&rep, "%s\n", line);
            blank = false;
            kept++;
        }
        free(line);
        if (summary) break;
    }
    /* The learner's fault when their own file is on a stack, or when the harness is and no file
       is named at all (no debug info); a report within the harness alone is the lesson's. */
    out->in_learner = learner_where || (!harness_where && unsymbolised_learner);
    out->where = learner_where ? learner_where : harness_where;
    if (learner_where) free(harness_where);
    while (rep.len && (rep.data[rep.len - 1] == '\n')) rep.data[--rep.len] = 0;
    out->report = sb_steal(&rep);
    return true;
}

void sanitize_report_done(sanitize_report *r) {
    free(r->tool);
    free(r->kind);
    free(r->where);
    free(r->report);
    memset(r, 0, sizeof *r);
}
