/* tui: the ncurses tutor that `kdojo` with no arguments opens. */
#ifndef KDOJO_TUI_H
#define KDOJO_TUI_H

#include "cli/cli.h"

/* Runs the tutor until the learner quits; returns the process exit status. */
int tui_main(cli_ctx *ctx);

#endif
