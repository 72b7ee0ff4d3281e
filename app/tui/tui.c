/* tui: the ncurses tutor's main loop: terminal setup and teardown, the screen stack, the
   default key handler, event sources (grading worker, file watch, timers) and the one fatal
   path. The terminal state below is the only global state in the tutor. */
#include "tui.h"
#include "screen.h"
#include "theme.h"
#include "util.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIN_COLS 80
#define MIN_ROWS 24
#define MAX_SOURCES 16
#define MESSAGE_SECONDS 6.0

static cli_ctx *tui_cli;
static screen *tui_stack;             /* the top screen; each points at the one below */
static tui_source tui_sources[MAX_SOURCES];
static int tui_n_sources;
static bool tui_dirty = true, tui_quit, tui_curses_on, tui_utf8;
static char tui_msg[512];
static double tui_msg_until;
static int tui_sig_pipe[2] = {-1, -1};
static char *tui_store_problem;        /* why progress cannot be saved, shown once */

/* ---------------------------------------------------------------- services */

cli_ctx *tui_ctx(void) { return tui_cli; }
bool tui_unicode(void) { return tui_utf8; }
void tui_redraw(void) { tui_dirty = true; }
screen *tui_top(void) { return tui_stack; }

kd_store *tui_store(void) {
    if (!tui_cli->store && tui_store_problem) {
        tui_message("progress is not saved: %s", tui_store_problem);
        free(tui_store_problem);
        tui_store_problem = NULL;
    }
    return tui_cli->store;
}

void tui_message(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tui_msg, sizeof tui_msg, fmt, ap);
    va_end(ap);
    for (char *p = tui_msg; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    tui_msg_until = now_seconds() + MESSAGE_SECONDS;
    tui_dirty = true;
}

void tui_push(screen *s) {
    s->below = tui_stack;
    tui_stack = s;
    tui_dirty = true;
}

static void pop(void) {
    screen *s = tui_stack;
    if (!s) return;
    tui_stack = s->below;
    s->ops->done(s);
    if (tui_stack && tui_stack->ops->resume) tui_stack->ops->resume(tui_stack);
    tui_dirty = true;
}

void tui_add_source(const tui_source *src) {
    if (tui_n_sources == MAX_SOURCES) tui_fatal("kdojo: internal error: too many event sources");
    tui_sources[tui_n_sources++] = *src;
}

void tui_remove_sources(void *ctx) {
    int k = 0;
    for (int i = 0; i < tui_n_sources; i++)
        if (tui_sources[i].ctx != ctx) tui_sources[k++] = tui_sources[i];
    tui_n_sources = k;
}

/* ---------------------------------------------------------------- terminal */

static void curses_off(void) {
    if (!tui_curses_on) return;
    endwin();
    tui_curses_on = false;
}

void tui_fatal(const char *fmt, ...) {
    curses_off();
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

/* A crash still gives the learner their terminal back, then dies of the same signal. */
static void on_crash(int sig) {
    if (tui_curses_on) endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_quit_signal(int sig) {
    int saved = errno;
    char c = (char)sig;
    if (tui_sig_pipe[1] >= 0) (void)!write(tui_sig_pipe[1], &c, 1);
    errno = saved;
}

static void install_signals(void) {
    if (pipe2(tui_sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) tui_fatal("kdojo: cannot create a pipe: %s", strerror(errno));
    struct sigaction sa = {0};
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

static void curses_on(void) {
    if (!initscr()) tui_fatal("kdojo: cannot start the terminal interface (is TERM set?)");
    tui_curses_on = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    theme_init(tui_utf8);
}

void tui_suspend(void) {
    def_prog_mode();
    endwin();
}

void tui_resume(void) {
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
    tui_dirty = true;
}

/* ---------------------------------------------------------------- drawing */

static void draw_too_small(void) {
    erase();
    char a[128], b[128];
    snprintf(a, sizeof a, "kdojo needs a terminal of at least %dx%d;", MIN_COLS, MIN_ROWS);
    snprintf(b, sizeof b, "this one is %dx%d. Enlarge the window, or q to quit.", COLS, LINES);
    int y = LINES / 2 - 1;
    theme_print(y < 0 ? 0 : y, 0, MS_WARN, a, COLS);
    theme_print(y + 1 < LINES ? y + 1 : 0, 0, MS_TEXT, b, COLS);
}

static void draw_title(void) {
    theme_fill(0, 0, COLS, MS_TITLE);
    char t[256];
    snprintf(t, sizeof t, " kdojo %s %s", theme_glyph(G_ARROW), tui_stack->title);
    theme_print(0, 0, MS_TITLE, t, COLS - 10);
    theme_print(0, COLS - 9, MS_TITLE, " ? help ", 8);
}

static void draw_status(void) {
    int y = LINES - 1;
    theme_fill(y, 0, COLS, MS_TEXT);
    if (tui_msg[0] && now_seconds() < tui_msg_until) theme_print(y, 1, MS_WARN, tui_msg, COLS - 2);
    else theme_print(y, 1, MS_DIM, tui_stack->ops->hint ? tui_stack->ops->hint : "", COLS - 2);
}

static void draw(void) {
    tui_dirty = false;
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        draw_too_small();
    } else {
        erase();
        tui_stack->ops->draw(tui_stack, 1, LINES - 2, COLS);
        draw_title();  /* after the screen: a screen may name itself while it draws */
        draw_status();
    }
    refresh();
}

/* ---------------------------------------------------------------- keys */

/* Keys every screen shares; a screen's own handler sees each key first. */
static int default_key(screen *s, int ch) {
    switch (ch) {
    case 'q':
    case 27: return s->below ? K_CLOSE : (ch == 'q' ? K_QUIT : K_HANDLED);
    case 'Q': return K_QUIT;
    case '?':
    case KEY_F(1):
        if (s->ops != &help_ops) tui_push(help_open(s));
        return K_REDRAW;
    case 'p':
        if (s->ops != &progress_ops) tui_push(progress_open());
        return K_REDRAW;
    case 12: /* Ctrl-L */
        clearok(curscr, TRUE);
        return K_REDRAW;
    default: return K_HANDLED;
    }
}

static void dispatch(int ch) {
    if (ch == KEY_RESIZE) {
        tui_dirty = true;
        return;
    }
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        if (ch == 'q' || ch == 'Q') tui_quit = true;
        return;
    }
    screen *s = tui_stack;
    int f = s->ops->key(s, ch);
    if (f == K_UNHANDLED) f = default_key(s, ch);
    if (f & K_REDRAW) tui_dirty = true;
    if (f & K_QUIT) tui_quit = true;
    else if ((f & K_CLOSE) && tui_stack == s) {
        pop();
        if (!tui_stack) tui_quit = true;
    }
}

/* ---------------------------------------------------------------- loop */

static int next_timeout_ms(void) {
    double now = now_seconds(), next = 0;
    for (int i = 0; i < tui_n_sources; i++) {
        double d = tui_sources[i].deadline ? tui_sources[i].deadline(tui_sources[i].ctx) : 0;
        if (d > 0 && (next == 0 || d < next)) next = d;
    }
    if (tui_msg[0] && tui_msg_until > now && (next == 0 || tui_msg_until < next)) next = tui_msg_until;
    if (next == 0) return 1000; /* a slow tick: a missed SIGWINCH still gets noticed */
    int ms = (int)((next - now) * 1000) + 1;
    return ms < 0 ? 0 : ms > 1000 ? 1000 : ms;
}

static void run_sources(const struct pollfd *pfd, int n) {
    tui_source copy[MAX_SOURCES];
    int count = tui_n_sources;
    memcpy(copy, tui_sources, sizeof copy);
    double now = now_seconds();
    for (int i = 0; i < count; i++) {
        bool live = false;  /* a callback may have removed a later source */
        for (int k = 0; k < tui_n_sources; k++) live |= tui_sources[k].ctx == copy[i].ctx && tui_sources[k].fd == copy[i].fd;
        if (!live) continue;
        bool ready = false;
        for (int k = 0; k < n; k++) ready |= pfd[k].fd == copy[i].fd && copy[i].fd >= 0 && pfd[k].revents;
        if (ready && copy[i].on_ready) copy[i].on_ready(copy[i].ctx);
        double d = copy[i].deadline ? copy[i].deadline(copy[i].ctx) : 0;
        if (d > 0 && d <= now && copy[i].on_deadline) copy[i].on_deadline(copy[i].ctx);
    }
}

static void loop(void) {
    while (!tui_quit) {
        if (tui_msg[0] && now_seconds() >= tui_msg_until) {
            tui_msg[0] = 0;
            tui_dirty = true;
        }
        if (tui_dirty) draw();
        struct pollfd pfd[MAX_SOURCES + 2] = {{0, POLLIN, 0}, {tui_sig_pipe[0], POLLIN, 0}};
        int n = 2;
        for (int i = 0; i < tui_n_sources; i++)
            if (tui_sources[i].fd >= 0) pfd[n++] = (struct pollfd){tui_sources[i].fd, POLLIN, 0};
        int rc = poll(pfd, (nfds_t)n, next_timeout_ms());
        if (rc < 0 && errno != EINTR) tui_fatal("kdojo: poll: %s", strerror(errno));
        if (rc > 0 && pfd[1].revents) {
            tui_quit = true;
            break;
        }
        run_sources(pfd + 2, rc > 0 ? n - 2 : 0);
        for (int ch; !tui_quit && (ch = getch()) != ERR;) dispatch(ch);
    }
}

/* ---------------------------------------------------------------- entry */

static bool open_store(cli_ctx *ctx) {
    char *warning = NULL, *err = NULL;
    ctx->store = store_open(ctx->paths.state_dir, &warning, &err);
    if (!ctx->store) tui_store_problem = err;
    if (warning) {
        tui_message("%s", warning);
        free(warning);
    }
    return ctx->store != NULL;
}

int tui_main(cli_ctx *ctx) {
    setlocale(LC_ALL, "");
    if (!isatty(0) || !isatty(1)) {
        fprintf(stderr, "kdojo: the tutor needs a terminal; kdojo --help lists the commands for scripts\n");
        return 2;
    }
    tui_cli = ctx;
    tui_utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
    cli_catalog(ctx);
    open_store(ctx);
    install_signals();
    curses_on();
    tui_push(browser_open());
    tui_store();
    loop();
    while (tui_stack) {
        screen *s = tui_stack;
        tui_stack = s->below;
        s->ops->done(s);
    }
    curses_off();
    free(tui_store_problem);
    tui_store_problem = NULL;
    close(tui_sig_pipe[0]);
    close(tui_sig_pipe[1]);
    return 0;
}
