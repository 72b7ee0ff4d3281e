/* grader: the grading child: compiles learner code, runs grade.lua, reports wire records. */
#include "grader.h"
#include "buffer.h"
#include "cuda_gpu_lua.h"
#include "cuda_lua.h"
#include "cuda_sim.h"
#include "engine_cc.h"
#include "engine_tcc.h"
#include "ffi.h"
#include "learner_rt.h"
#include "luabox.h"
#include "repro.h"
#include "sandbox.h"
#include "sanitize.h"
#include "thread_rt.h"
#include "util.h"
#include "wire.h"

#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static grade_job *job_now;        /* the child grades one job; the signal handler needs it */
static tcc_program *learner_prog, *reference_prog;

/* ---------------------------------------------------------------- job files */

int grade_job_load(grade_job *job, const kd_paths *paths, const kd_lesson *lesson, const char *learner_path, char **err) {
    memset(job, 0, sizeof *job);
    job->paths = paths;
    job->lesson = lesson;
    job->result_fd = -1;
    job->learner_name = lesson->file;
    job->learner_src = read_file(learner_path, NULL);
    if (!job->learner_src) {
        *err = xasprintf("cannot read %s: %s", learner_path, strerror(errno));
        return -1;
    }
    char *ref = lesson_variant_path(lesson, "solution");
    char *grade = lesson_path(lesson, "grade.lua");
    job->reference_src = read_file(ref, NULL);
    job->grade_src = read_file(grade, NULL);
    if (lesson->has_harness) {
        char *h = lesson_path(lesson, "harness.c");
        job->harness_src = read_file(h, NULL);
        free(h);
    }
    int ok = job->reference_src && job->grade_src && (!lesson->has_harness || job->harness_src);
    if (!ok) *err = xasprintf("lesson %s: cannot read %s", lesson->id, !job->reference_src ? ref : grade);
    free(ref);
    free(grade);
    if (!ok) grade_job_done(job);
    return ok ? 0 : -1;
}

void grade_job_done(grade_job *job) {
    free(job->learner_src);
    free(job->reference_src);
    free(job->harness_src);
    free(job->grade_src);
    free(job->kdojo_lua);
    memset(job, 0, sizeof *job);
}

/* ---------------------------------------------------------------- crash reports */

static const char *signal_words(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (invalid memory access)";
    case SIGBUS: return "SIGBUS (misaligned or unmapped memory access)";
    case SIGFPE: return "SIGFPE (arithmetic error, e.g. integer division by zero)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGABRT: return "SIGABRT (abort() called, e.g. a failed assert)";
    case SIGXCPU: return "SIGXCPU (CPU time limit)";
    default: return "a fatal signal";
    }
}

static void append(char **p, char *end, const char *s) {
    while (*s && *p < end - 1) *(*p)++ = *s++;
    **p = 0;
}

static void decimal(char **p, char *end, unsigned long v) {
    char tmp[24];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10); while ((v /= 10) && n < 22);
    while (n && *p < end - 1) *(*p)++ = tmp[--n];
    **p = 0;
}

static void hex(char **p, char *end, uintptr_t v) {
    char tmp[20];
    int n = 0;
    do tmp[n++] = "0123456789abcdef"[v & 15]; while ((v >>= 4) && n < 18);
    append(p, end, "0x");
    while (n && *p < end - 1) *(*p)++ = tmp[--n];
    **p = 0;
}

/* ---------------------------------------------------------------- one writer */

/* Records reach the parent on one pipe from the main thread (send) and from the crash and hang
   handlers, on any thread. A record written into the middle of another corrupts the stream,
   which the parent reports as "did the code write to fd 3?" instead of the crash or timeout
   it was: one writer at a time. */
static volatile int wire_busy;

static bool wire_try_lock(void) { return !__atomic_exchange_n(&wire_busy, 1, __ATOMIC_ACQUIRE); }
static void wire_unlock(void) { __atomic_store_n(&wire_busy, 0, __ATOMIC_RELEASE); }

/* For the crash handler, which cannot wait for ever: the holder may be its own thread,
   interrupted inside send(). After a while it writes anyway (nothing is left to protect). */
static void wire_lock_bounded(void) {
    for (int i = 0; i < 20000 && !wire_try_lock(); i++) sched_yield();
}

static uintptr_t stack_pointer(void *uc_) {
    ucontext_t *uc = uc_;
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.sp;
#else
    (void)uc;
    return 0;
#endif
}

static void on_fatal_signal(int sig, siginfo_t *si, void *uc) {
    char desc[512], *p = desc, *end = desc + sizeof desc;
    desc[0] = 0;
    uintptr_t addr = (uintptr_t)si->si_addr, sp = stack_pointer(uc);
    char where[256];
    if ((sig == SIGSEGV || sig == SIGBUS) && buffer_describe_fault(si->si_addr, where, sizeof where)) {
        append(&p, end, "the access was ");
        append(&p, end, where);
    } else if (sig == SIGSEGV && sp && (addr > sp ? addr - sp : sp - addr) < 65536) {
        append(&p, end, "stack overflow: the stack ran out (endless or very deep recursion, or a huge local array)");
    } else if (sig == SIGSEGV && addr < 4096) {
        append(&p, end, "a NULL pointer was dereferenced (address ");
        hex(&p, end, addr);
        append(&p, end, ")");
    } else if (sig == SIGSEGV || sig == SIGBUS) {
        append(&p, end, "at address ");
        hex(&p, end, addr);
    }
    /* cuda: name the CUDA thread that was running */
    char thread[160];
    if (cuda_sim_describe_running(si->si_addr, thread, sizeof thread)) {
        append(&p, end, desc[0] ? "; " : "");
        append(&p, end, thread);
    }
    if (learner_rt_failed_alloc()) append(&p, end, "; an allocation failed earlier (malloc returned NULL): the memory limit was reached");
    char signo[8] = {0}, addr_s[24], *q = addr_s;
    signo[0] = (char)('0' + sig / 10);
    signo[1] = (char)('0' + sig % 10);
    hex(&q, addr_s + sizeof addr_s, addr);
    const char *fields[] = {signo, addr_s, signal_words(sig), desc};
    wire_lock_bounded();
    if (job_now) wire_send_sigsafe(job_now->result_fd, W_CRASH, 4, fields);
    wire_unlock();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_crash_handlers(void) {
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa = {0};
    sa.sa_sigaction = on_fatal_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) sigaction(sigs[i], &sa, NULL);
    signal(SIGXFSZ, SIG_IGN); /* an over-long write fails with EFBIG instead of killing us */
    signal(SIGPIPE, SIG_IGN);
}

/* ---------------------------------------------------------------- hang reports */

/* Names addresses in the learner's program (and the reference's) for thread reports. */
static int name_address(const void *addr, char *out, size_t len) {
    if (learner_prog && tcc_program_name_address(learner_prog, addr, out, len)) return 1;
    if (reference_prog && tcc_program_name_address(reference_prog, addr, out, len)) return 1;
    return 0;
}

static timer_t hang_timer;

static void set_hang_timer(double seconds) {
    struct itimerspec its = {0};
    its.it_value.tv_sec = (time_t)seconds;
    its.it_value.tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9);
    timer_settime(hang_timer, 0, &its, NULL);
}

/* Shortly before the parent's deadline, say what every thread is waiting for. While another
   record is being written, try again a moment later (timer_settime is async-signal-safe). */
static void on_hang_timer(int sig) {
    (void)sig;
    int saved = errno;
    static char report[6000];
    if (!wire_try_lock()) {
        set_hang_timer(0.02);
        errno = saved;
        return;
    }
    thread_rt_report(report, sizeof report);
    /* A fork bomb hangs at the process limit: say so, rather than only "still running". */
    long forks = learner_rt_failed_forks();
    if (forks > 0) {
        char *p = report + strlen(report), *end = report + sizeof report;
        append(&p, end, "\nfork() failed ");
        decimal(&p, end, (unsigned long)forks);
        append(&p, end, " times: the limit on processes (and threads) was reached. A fork in a loop?");
    }
    const char *fields[] = {report};
    if (job_now) wire_send_sigsafe(job_now->result_fd, W_HANG, 1, fields);
    wire_unlock();
    errno = saved;
}

static void arm_hang_timer(double seconds) {
    struct sigaction sa = {0};
    sa.sa_handler = on_hang_timer;
    sa.sa_flags = SA_ONSTACK | SA_RESTART;
    sigaction(SIGUSR2, &sa, NULL);
    struct sigevent ev = {0};
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR2;
    if (timer_create(CLOCK_MONOTONIC, &ev, &hang_timer) < 0) return;
    set_hang_timer(seconds);
}

/* ---------------------------------------------------------------- records */

static void send(int type, int n, const char *const *fields) {
    fflush(stdout);
    fflush(stderr);
    while (!wire_try_lock()) sched_yield(); /* a handler on another thread is writing */
    int rc = wire_send(job_now->result_fd, type, n, fields);
    wire_unlock();
    if (rc < 0) _exit(3);
}

/* Output and records travel on two pipes, so the parent cannot tell from timing alone which
   test printed what. A marker line in the output stream (with a per-run nonce learner output
   will not contain) says where each test's output begins and ends. */
static void mark_output(int test) {
    char m[64];
    fflush(stdout);
    fflush(stderr);
    int n = snprintf(m, sizeof m, "\x1fkdojo:%llx:%d\n", (unsigned long long)job_now->output_nonce, test);
    if (write(1, m, (size_t)n) < 0) {}
}

/* kd.report(type, field...) */
static int kd_report(lua_State *L) {
    static const char *names[] = {"plan", "begin", "end", "timing", "note", "repro", "done", NULL};
    static const int types[] = {W_PLAN, W_TEST_BEGIN, W_TEST_END, W_TIMING, W_NOTE, W_REPRO, W_DONE};
    int t = luaL_checkoption(L, 1, NULL, names);
    int n = lua_gettop(L) - 1;
    if (types[t] == W_TEST_BEGIN || types[t] == W_TEST_END)
        mark_output(types[t] == W_TEST_BEGIN ? (int)luaL_checkinteger(L, 2) : -1);
    if (n > WIRE_MAX_FIELDS) return luaL_error(L, "report: too many fields");
    const char *fields[WIRE_MAX_FIELDS];
    for (int i = 0; i < n; i++) fields[i] = luaL_tolstring(L, i + 2, NULL);
    send(types[t], n, fields);
    return 0;
}

static void publish_repro(const char *source) {
    const char *fields[] = {job_now->only_test ? job_now->only_test : "", source};
    send(W_REPRO, 2, fields);
}

/* ---------------------------------------------------------------- programs */

static tcc_program *build(const char *what, const char *name, const char *src, char **diag) {
    tcc_unit units[2] = {{name, src}, {"harness.c", job_now->harness_src}};
    int n = job_now->harness_src ? 2 : 1;
    if (job_now->sanitize)
        return cc_program_build(job_now->paths->include_dir, what, units, n, sanitize_cc_flags(job_now->sanitize), diag);
    if (!strcmp(job_now->lesson->engine, "cc"))
        return cc_program_build(job_now->paths->include_dir, what, units, n, NULL, diag);
    tcc_options o = {.tcc_dir = job_now->paths->tcc_dir, .include_dir = job_now->paths->include_dir,
                     .symbols = learner_rt_symbols()};
    /* cuda: the kernel language's prelude and the simulator's runtime */
    tcc_symbol *cuda_syms = NULL;
    char *cuda_src = NULL;
    if (!strcmp(job_now->lesson->engine, "cuda")) {
        units[0].source = cuda_src = cuda_sim_prepare(src, o.symbols, &cuda_syms);
        o.symbols = cuda_syms;
    }
    tcc_program *prog = tcc_program_build(&o, units, n, diag);
    free(cuda_src);
    free(cuda_syms);
    return prog;
}

static tcc_program *resolve_side(lua_State *L, const char *side) {
    if (!strcmp(side, "learner")) return learner_prog;
    if (strcmp(side, "reference")) luaL_error(L, "fn: unknown side '%s'", side);
    if (!reference_prog) {
        char *diag = NULL;
        char *name = xasprintf("solution%s", strrchr(job_now->lesson->file, '.'));
        reference_prog = build("reference", name, job_now->reference_src, &diag);
        free(name);
        if (!reference_prog) {
            lua_pushfstring(L, "the lesson's reference solution does not compile:\n%s", diag);
            free(diag);
            lua_error(L);
        }
        free(diag);
    }
    return reference_prog;
}

/* cuda: another compiled copy of a side's program, for a simulator worker on another core
   (each worker needs its own kd_cuda_now and __shared__ arrays; TinyCC has no TLS) */
static tcc_program *build_copy(lua_State *L, const char *side) {
    int learner = !strcmp(side, "learner");
    char *name = learner ? xstrdup(job_now->lesson->file) : xasprintf("solution%s", strrchr(job_now->lesson->file, '.'));
    char *diag = NULL;
    tcc_program *p = build("copy", name, learner ? job_now->learner_src : job_now->reference_src, &diag);
    (void)L;
    free(name);
    free(diag);
    return p;
}

/* ---------------------------------------------------------------- the kd module */

static int kd_clock(lua_State *L) {
    lua_pushnumber(L, now_seconds());
    return 1;
}

/* kd.compare(got, want [, rtol, atol]) -> nil when equal, else first index, got, want, count */
static int kd_compare(lua_State *L) {
    kd_buffer *a = buffer_check(L, 1), *b = buffer_check(L, 2);
    double rtol = luaL_optnumber(L, 3, 0), atol = luaL_optnumber(L, 4, 0);
    if (a->n != b->n) return luaL_error(L, "compare: sizes differ (%d vs %d)", (int)a->n, (int)b->n);
    size_t count, first = buffer_compare(a, b, rtol, atol, &count);
    if (first == SIZE_MAX) return 0;
    lua_pushinteger(L, (lua_Integer)first);
    buffer_push_element(L, a, first);
    buffer_push_element(L, b, first);
    lua_pushinteger(L, (lua_Integer)count);
    return 4;
}

/* kd.string(ptr [, max]) reads a C string through a pointer a learner function returned. */
static int kd_string(lua_State *L) {
    luaL_checktype(L, 1, LUA_TLIGHTUSERDATA);
    const char *p = lua_touserdata(L, 1);
    size_t max = (size_t)luaL_optinteger(L, 2, 1 << 20);
    lua_pushlstring(L, p, strnlen(p, max));
    return 1;
}

/* Maps a float's bits onto integers that order like the values (and step by one per ulp). */
static int64_t ordered_bits64(double x) {
    int64_t i;
    memcpy(&i, &x, 8);
    return i < 0 ? INT64_MIN - i : i;
}

static int64_t ordered_bits32(float x) {
    int32_t i;
    memcpy(&i, &x, 4);
    return i < 0 ? (int64_t)INT32_MIN - i : i;
}

/* kd.ulp(a, b [, "f32"|"f64"]) is the distance in units in the last place. The difference is
   taken on integers: converting the bit patterns to double first would lose small distances. */
static int kd_ulp(lua_State *L) {
    double a = luaL_checknumber(L, 1), b = luaL_checknumber(L, 2);
    int single = !strcmp(luaL_optstring(L, 3, "f64"), "f32");
    if (isnan(a) || isnan(b)) {
        lua_pushnumber(L, (isnan(a) && isnan(b)) ? 0 : HUGE_VAL);
        return 1;
    }
    int64_t ia = single ? ordered_bits32((float)a) : ordered_bits64(a);
    int64_t ib = single ? ordered_bits32((float)b) : ordered_bits64(b);
    uint64_t d = ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
    lua_pushnumber(L, (double)d);
    return 1;
}

static int kd_alloc_failure(lua_State *L) {
    size_t n = learner_rt_failed_alloc();
    if (lua_toboolean(L, 1)) learner_rt_reset_failed_alloc();
    if (n) lua_pushinteger(L, (lua_Integer)n);
    else lua_pushnil(L);
    return 1;
}

static int kd_chaos(lua_State *L) {
    thread_rt_set_chaos((unsigned long long)luaL_checkinteger(L, 1), luaL_checknumber(L, 2));
    return 0;
}

static int kd_traceback(lua_State *L) {
    luaL_traceback(L, L, luaL_optstring(L, 1, ""), 1);
    return 1;
}

static int kd_flush_output(lua_State *L) {
    fflush(stdout);
    return 0;
}

static void push_lesson(lua_State *L, const kd_lesson *l) {
    lua_createtable(L, 0, 8);
    lua_pushstring(L, l->id);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, l->title);
    lua_setfield(L, -2, "title");
    lua_pushstring(L, l->file);
    lua_setfield(L, -2, "file");
    lua_createtable(L, 0, l->n_bars);
    for (int i = 0; i < l->n_bars; i++) {
        lua_createtable(L, 0, 3);
        lua_pushnumber(L, l->bars[i].max_ratio);
        lua_setfield(L, -2, "max_ratio");
        lua_pushstring(L, l->bars[i].against);
        lua_setfield(L, -2, "against");
        lua_pushstring(L, l->bars[i].what);
        lua_setfield(L, -2, "what");
        lua_setfield(L, -2, l->bars[i].name);
    }
    lua_setfield(L, -2, "bars");
}

static int luaopen_kd(lua_State *L) {
    static const luaL_Reg fns[] = {
        {"buffer", buffer_new_lua}, {"fn", ffi_fn_lua},     {"clock", kd_clock},   {"report", kd_report},
        {"compare", kd_compare}, {"string", kd_string}, {"ulp", kd_ulp},
        {"alloc_failure", kd_alloc_failure}, {"chaos", kd_chaos}, {"flush_output", kd_flush_output}, {"traceback", kd_traceback},
        {NULL, NULL},
    };
    buffer_open(L);
    ffi_open(L, resolve_side, job_now->paths->tcc_dir);
    luaL_newlib(L, fns);
    cuda_lua_open(L, resolve_side, build_copy, job_now->paths->tcc_dir);
    /* cuda: the real-GPU backend; graders/cuda.lua picks it when a GPU is present */
    cuda_gpu_sources gpu = {job_now->learner_name, job_now->learner_src, job_now->reference_src, job_now->lesson->timeout};
    cuda_gpu_lua_open(L, resolve_side, &gpu);
    lua_pushinteger(L, (lua_Integer)job_now->seed);
    lua_setfield(L, -2, "seed");
    push_lesson(L, job_now->lesson);
    lua_setfield(L, -2, "lesson");
    if (job_now->only_test) {
        lua_pushstring(L, job_now->only_test);
        lua_setfield(L, -2, "only_test");
    }
    if (job_now->sanitize) {
        lua_pushstring(L, job_now->sanitize);
        lua_setfield(L, -2, "sanitize");
    }
    lua_pushboolean(L, job_now->quick_timing);
    lua_setfield(L, -2, "quick_timing");
    return 1;
}

/* ---------------------------------------------------------------- main */

static __attribute__((noreturn)) void finish(int code) {
    fflush(stdout);
    fflush(stderr);
    _exit(code);
}

/* A failure of the grading library itself (not of a test): reported, and the child ends. */
static __attribute__((noreturn)) void library_failure(lua_State *L) {
    char *msg = luabox_error_text(L);
    const char *f[] = {msg};
    send(W_NOTE, 1, f);
    free(msg);
    finish(4);
}

static void run_grader(lua_State *L) {
    luaL_requiref(L, "kd", luaopen_kd, 1);
    lua_pop(L, 1);
    if (job_now->repro) repro_enable(job_now->lesson->file, job_now->harness_src, publish_repro);
    lua_getglobal(L, "require");
    lua_pushstring(L, "kdojo");
    if (luabox_pcall(L, 1, 1) != LUA_OK) library_failure(L);
    lua_getfield(L, -1, "run");
    lua_pushstring(L, job_now->grade_src);
    lua_pushstring(L, "@grade.lua");
    if (luabox_pcall(L, 2, 0) != LUA_OK) library_failure(L);
}

/* Grades one job; returns the exit code the one-off child leaves with. A worker (release)
   serves the next job after it, so everything built for this one is released; a one-off child
   leaves that to the kernel, which does it faster. */
static int run_job(grade_job *job, bool release) {
    job_now = job;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)job->seed);
    const char *hello[] = {"1", seed};
    send(W_HELLO, 2, hello);

    /* The parent kills at the lesson's timeout; report what the threads wait for just before. */
    double margin = job->lesson->timeout * 0.1 < 0.4 ? job->lesson->timeout * 0.1 : 0.4;
    arm_hang_timer(job->lesson->timeout - margin - 0.05);
    thread_rt_set_namer(name_address);

    char *bad = tcc_check_includes(job->learner_name, job->learner_src);
    char *diag = NULL;
    if (!bad) learner_prog = build("learner", job->learner_name, job->learner_src, &diag);
    const char *compiled[] = {"learner", learner_prog ? "1" : "0", bad ? bad : diag};
    send(W_COMPILE, 3, compiled);
    trace_mark("child: learner compiled");
    free(bad);
    free(diag);
    if (learner_prog) {
        /* A grader stuck in a Lua loop is a grader error, not the learner's timeout: budget
           about 3e8 Lua instructions per second of the lesson's time limit. Buffers are
           mmapped, so the Lua heap itself stays small. */
        lua_State *L = luabox_new((size_t)job->lesson->memory_mb << 20, job->paths->graders_dir);
        if (!L) finish(5);
        luabox_set_budget(L, (long long)(job->lesson->timeout * 3e8));
        trace_mark("child: lua state");
        run_grader(L);
        trace_mark("child: graded");
        if (!release) return 0;
        lua_close(L);
    } else {
        const char *done[] = {"0"};
        send(W_DONE, 1, done);
        if (!release) return 0;
    }
    timer_delete(hang_timer);
    cuda_lua_reset();
    tcc_program_free(learner_prog);
    tcc_program_free(reference_prog);
    learner_prog = reference_prog = NULL;
    return 0;
}

void grader_child_main(grade_job *job) {
    install_crash_handlers();
    setvbuf(stdout, NULL, _IOLBF, 0);
    finish(run_job(job, false));
}

/* ---------------------------------------------------------------- jobs as bytes */

/* A job travels (to a re-executed grader, or to the GPU worker) as a sequence of fields, each a
   64-bit length (UINT64_MAX: NULL) and bytes. */
static void put(strbuf *sb, const char *s) {
    uint64_t n = s ? strlen(s) : UINT64_MAX;
    sb_append(sb, (const char *)&n, sizeof n);
    if (s) sb_append(sb, s, (size_t)n);
}

static void put_num(strbuf *sb, double v) {
    char t[40];
    snprintf(t, sizeof t, "%.17g", v);
    put(sb, t);
}

static void put_u64(strbuf *sb, uint64_t v) {
    char t[24];
    snprintf(t, sizeof t, "%llu", (unsigned long long)v);
    put(sb, t);
}

typedef struct {
    const char *p, *end;
    bool bad;
} reader;

static char *get(reader *r) {
    uint64_t n;
    if (r->bad || (size_t)(r->end - r->p) < sizeof n) {
        r->bad = true;
        return NULL;
    }
    memcpy(&n, r->p, sizeof n);
    r->p += sizeof n;
    if (n == UINT64_MAX) return NULL;
    if (n > (uint64_t)(r->end - r->p)) {
        r->bad = true;
        return NULL;
    }
    char *s = xmalloc((size_t)n + 1);
    memcpy(s, r->p, (size_t)n);
    s[n] = 0;
    r->p += n;
    return s;
}

static double get_num(reader *r) {
    char *s = get(r);
    double v = s ? strtod(s, NULL) : 0;
    free(s);
    return v;
}

static uint64_t get_u64(reader *r) {
    char *s = get(r);
    uint64_t v = s ? strtoull(s, NULL, 10) : 0;
    free(s);
    return v;
}

void grade_job_encode(const grade_job *job, strbuf *sb) {
    const kd_lesson *l = job->lesson;
    put(sb, job->paths->graders_dir);
    put(sb, job->paths->include_dir);
    put(sb, job->paths->tcc_dir);
    put(sb, l->id);
    put(sb, l->title);
    put(sb, l->file);
    put(sb, l->engine);
    put_num(sb, l->timeout);
    put_num(sb, (double)l->memory_mb);
    put_num(sb, l->n_bars);
    for (int i = 0; i < l->n_bars; i++) {
        put(sb, l->bars[i].name);
        put_num(sb, l->bars[i].max_ratio);
        put(sb, l->bars[i].against);
        put(sb, l->bars[i].what);
    }
    put(sb, job->learner_name);
    put(sb, job->learner_src);
    put(sb, job->reference_src);
    put(sb, job->harness_src);
    put(sb, job->grade_src);
    put_u64(sb, job->seed);
    put_u64(sb, job->output_nonce);
    put(sb, job->only_test);
    put_num(sb, job->repro);
    put(sb, job->sanitize);
    put_num(sb, job->quick_timing);
}

/* A decoded job owns everything it points at. */
typedef struct {
    kd_paths paths;
    kd_lesson lesson;
    grade_job job;
} decoded_job;

static void decoded_job_free(decoded_job *d) {
    if (!d) return;
    free(d->paths.graders_dir); free(d->paths.include_dir); free(d->paths.tcc_dir);
    kd_lesson *l = &d->lesson;
    free((char *)l->id); free((char *)l->title); free((char *)l->file); free((char *)l->engine);
    for (int i = 0; l->bars && i < l->n_bars; i++) {
        free((char *)l->bars[i].name); free((char *)l->bars[i].against); free((char *)l->bars[i].what);
    }
    free(l->bars);
    free((char *)d->job.learner_name);
    free((char *)d->job.only_test);
    free((char *)d->job.sanitize);
    grade_job_done(&d->job);
    free(d);
}

static decoded_job *grade_job_decode(const char *data, size_t len) {
    reader r = {data, data + len, false};
    decoded_job *d = xcalloc(1, sizeof *d);
    kd_paths *paths = &d->paths;
    kd_lesson *lesson = &d->lesson;
    grade_job *job = &d->job;
    paths->graders_dir = get(&r);
    paths->include_dir = get(&r);
    paths->tcc_dir = get(&r);
    lesson->id = get(&r);
    lesson->title = get(&r);
    lesson->file = get(&r);
    lesson->engine = get(&r);
    lesson->timeout = get_num(&r);
    lesson->memory_mb = (long)get_num(&r);
    lesson->n_bars = (int)get_num(&r);
    if (lesson->n_bars < 0 || lesson->n_bars > 1000) lesson->n_bars = 0, r.bad = true;
    lesson->bars = xcalloc((size_t)lesson->n_bars + 1, sizeof *lesson->bars);
    for (int i = 0; i < lesson->n_bars; i++) {
        lesson->bars[i].name = get(&r);
        lesson->bars[i].max_ratio = get_num(&r);
        lesson->bars[i].against = get(&r);
        lesson->bars[i].what = get(&r);
    }
    lesson->loaded = true;
    job->paths = paths;
    job->lesson = lesson;
    job->learner_name = get(&r);
    job->learner_src = get(&r);
    job->reference_src = get(&r);
    job->harness_src = get(&r);
    job->grade_src = get(&r);
    job->seed = get_u64(&r);
    job->output_nonce = get_u64(&r);
    job->only_test = get(&r);
    job->repro = (int)get_num(&r);
    job->sanitize = get(&r);
    job->quick_timing = (int)get_num(&r);
    if (r.bad || !lesson->file || !lesson->engine || !job->learner_src || !job->grade_src || !job->reference_src ||
        !paths->graders_dir || !paths->include_dir || !paths->tcc_dir ||
        (job->sanitize && !sanitize_kind_valid(job->sanitize))) {
        decoded_job_free(d);
        return NULL;
    }
    return d;
}

/* ---------------------------------------------------------------- --sanitize: re-exec */

void grader_exec_sanitized(grade_job *job) {
    strbuf sb = {0};
    grade_job_encode(job, &sb);
    const char *why = "memfd_create";
    int fd = memfd_create("kdojo-job", 0);
    if (fd >= 0 && write_all(fd, sb.data, sb.len) == 0 && lseek(fd, 0, SEEK_SET) == 0) {
        char fdarg[16];
        snprintf(fdarg, sizeof fdarg, "%d", fd);
        sanitize_set_env(job->sanitize);
        setenv("LD_PRELOAD", job->san_runtime, 1);
        char *argv[] = {"kdojo", "__grade", fdarg, NULL};
        execv("/proc/self/exe", argv);
        why = "execve";
    }
    /* The parent sees a note and no plan: a grader error that says why. */
    char *msg = xasprintf("--sanitize: cannot start kdojo with the %s runtime (%s: %s)", job->sanitize, why,
                          strerror(errno));
    const char *f[] = {msg};
    wire_send(job->result_fd, W_NOTE, 1, f);
    _exit(5);
}

int grader_exec_main(int argc, char **argv) {
    /* The runtime is loaded: the compilers the grader runs must not preload it too. */
    unsetenv("LD_PRELOAD");
    if (argc < 2) return 2;
    int fd = atoi(argv[1]);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0) return 2;
    char *data = xmalloc((size_t)st.st_size);
    size_t got = read_all(fd, data, (size_t)st.st_size) == 0 ? (size_t)st.st_size : 0;
    close(fd);
    decoded_job *d = grade_job_decode(data, got);
    free(data);
    if (!d || !d->job.sanitize) return 2;
    d->job.result_fd = 3;
    grader_child_main(&d->job);
}

/* ---------------------------------------------------------------- the GPU worker */

void grader_worker_main(void *arg, int result_fd) {
    (void)arg;
    int in = sandbox_request_fd();
    install_crash_handlers();
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* The slow part of a GPU check, once for the worker's whole life. */
    cuda_gpu_lua_preopen();
    for (;;) {
        if (wire_send(result_fd, W_READY, 0, NULL) < 0) _exit(0);
        uint64_t len;
        if (read_all(in, &len, sizeof len) < 0 || len > (256u << 20)) _exit(0);
        char *data = xmalloc((size_t)len + 1);
        if (read_all(in, data, (size_t)len) < 0) _exit(0);
        decoded_job *d = grade_job_decode(data, (size_t)len);
        free(data);
        if (!d) _exit(2);
        d->job.result_fd = result_fd;
        run_job(&d->job, true);
        job_now = NULL;
        decoded_job_free(d);
        /* A fault or a hung kernel leaves the context unusable; the simulator (which replays a
           faulting launch) keeps per-run state: either way, the next check gets a new worker. */
        if (cuda_gpu_lua_spent()) _exit(0);
    }
}
