/* tui: the ncurses tutor. (First cut: lists lessons; the full tutor is issue 4.) */
#include "tui.h"

#include <stdio.h>

int tui_main(cli_ctx *ctx) {
    kd_catalog *c = cli_catalog(ctx);
    printf("kdojo: %d lessons. The tutor screen is being built; use kdojo --help for the commands.\n", c->n);
    return 0;
}
