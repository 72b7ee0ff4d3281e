/* screen: what every tutor screen is, an object with a const ops table, and the services the
   main loop (tui.c) offers screens: a screen stack, event sources, messages, the context. */
#ifndef KDOJO_TUI_SCREEN_H
#define KDOJO_TUI_SCREEN_H

#include "cli/cli.h"

#include <stdbool.h>

/* What a key handler returns: flags, or K_UNHANDLED to fall through to the default handler. */
enum {
    K_UNHANDLED = 0,
    K_HANDLED = 1,   /* consumed */
    K_REDRAW = 2,    /* the screen must be painted again */
    K_CLOSE = 4,     /* pop this screen */
    K_QUIT = 8,      /* leave the tutor */
};

typedef struct screen screen;

typedef struct {
    const char *key, *what;          /* "e", "edit your file in $VISUAL/$EDITOR" */
} screen_key;

typedef struct {
    const char *name;                                        /* for the title bar and the help screen */
    void (*draw)(screen *s, int top, int rows, int cols);    /* paints rows [top, top + rows) */
    int (*key)(screen *s, int ch);                           /* K_* flags; K_UNHANDLED falls through */
    void (*resume)(screen *s);                               /* on top again after the one above closed; may be NULL */
    void (*done)(screen *s);                                 /* frees the screen */
    const screen_key *keys;                                  /* this screen's keys for ?, ended by {NULL} */
    const char *hint;                                        /* the status bar's reminder of the main keys */
} screen_ops;

/* Embedded first in every screen object. */
struct screen {
    const screen_ops *ops;
    screen *below;
    char title[160];                 /* shown in the title bar after "kdojo" */
};

/* ---- the main loop's services (tui.c) */
cli_ctx *tui_ctx(void);
kd_store *tui_store(void);                       /* NULL when progress cannot be saved (said once) */
void tui_push(screen *s);
screen *tui_top(void);
void tui_redraw(void);                            /* paint everything on the next turn of the loop */
void tui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));  /* status bar, a few seconds */
bool tui_unicode(void);

/* An event source the loop polls: an fd to read and/or a deadline (monotonic seconds, 0: none). */
typedef struct {
    int fd;                                  /* -1: timer only */
    void (*on_ready)(void *ctx);
    double (*deadline)(void *ctx);           /* may be NULL */
    void (*on_deadline)(void *ctx);
    void *ctx;
} tui_source;
void tui_add_source(const tui_source *src);
void tui_remove_sources(void *ctx);

/* Leaves curses for a child that wants the terminal (the editor) and comes back. */
void tui_suspend(void);
void tui_resume(void);

/* Restores the terminal, prints the message and exits: the one fatal path. */
__attribute__((noreturn, format(printf, 1, 2))) void tui_fatal(const char *fmt, ...);

/* ---- screens (one file each); their ops are public so ? can list every screen's keys */
extern const screen_ops browser_ops, lesson_ops, help_ops, progress_ops, solution_ops, confirm_ops;
screen *browser_open(void);
screen *lesson_open(kd_lesson *l);
screen *help_open(const screen *from);
screen *progress_open(void);
screen *solution_open(const kd_lesson *l, const char *learner_path);
/* A yes/no question; on_yes runs if the learner answers y. */
screen *confirm_open(const char *question, void (*on_yes)(void *ctx), void *ctx);

#endif
