/* cli: the subcommands, one per file, listed in one table (cli.c). Each gets the shared context
   and its own arguments, and returns the process exit status:
   0 success (check: passed), 1 failure (check: failed), 2 usage or environment error. */
#ifndef KDOJO_CLI_H
#define KDOJO_CLI_H

#include "lesson.h"
#include "paths.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    kd_paths paths;
    kd_catalog catalog;
    bool catalog_loaded;
    bool catalog_scanned; /* catalog holds names only (cli_lesson); cli_catalog reads it fully */
    kd_store *store;      /* opened on first use */
} cli_ctx;

typedef struct {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(cli_ctx *ctx, int argc, char **argv);
} cli_command;

extern const cli_command *const cli_commands[];

int cli_main(int argc, char **argv);

/* Shared helpers for commands. */
/* cli_lesson reads only the lesson asked for; cli_catalog reads them all (and invalidates
   lessons cli_lesson returned before). A command uses one or the other. */
kd_catalog *cli_catalog(cli_ctx *ctx);                      /* loads on first use */
kd_lesson *cli_lesson(cli_ctx *ctx, const char *query);     /* prints the error itself */
kd_store *cli_store(cli_ctx *ctx);                          /* NULL after printing why */
int cli_usage(const cli_command *cmd);                      /* prints usage, returns 2 */
bool cli_parse_u64(const char *s, uint64_t *out);

extern const cli_command cmd_list, cmd_show, cmd_check, cmd_hint, cmd_progress, cmd_reset, cmd_repro, cmd_doctor,
    cmd_verify;

#endif
