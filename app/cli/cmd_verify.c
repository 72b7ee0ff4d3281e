/* kdojo verify [lesson...]: prove lessons sound (for lesson authors and CI). */
#include "cli.h"
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

/* One GPU worker for the whole run: each CUDA lesson's checks reuse its CUDA context. */
static check_worker *gpu_worker;

static int verify_one(cli_ctx *ctx, const kd_lesson *l) {
    verify_report rep;
    double t0 = now_seconds();
    if (!gpu_worker) gpu_worker = check_worker_new();
    verify_lesson(&ctx->paths, l, gpu_worker, &rep);
    printf("%s %s  (%.1f s)\n%s", rep.ok ? "ok  " : "FAIL", l->id, now_seconds() - t0, sb_str(&rep.log));
    fflush(stdout);
    bool ok = rep.ok;
    verify_report_done(&rep);
    return ok ? 0 : 1;
}

static int run(cli_ctx *ctx, int argc, char **argv) {
    kd_catalog *c = cli_catalog(ctx);
    int failed = 0, total = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            size_t n = strlen(argv[i]);
            if (n && argv[i][n - 1] == '/') { /* a whole track: "mem/" */
                for (int k = 0; k < c->n; k++)
                    if (!strncmp(c->lessons[k].id, argv[i], n)) {
                        failed += verify_one(ctx, &c->lessons[k]);
                        total++;
                    }
                continue;
            }
            char *err = NULL;
            kd_lesson *l = catalog_find(c, argv[i], &err);
            if (!l) {
                fprintf(stderr, "kdojo: %s\n", err);
                free(err);
                return 2;
            }
            failed += verify_one(ctx, l);
            total++;
        }
    } else {
        for (int i = 0; i < c->n; i++, total++) failed += verify_one(ctx, &c->lessons[i]);
    }
    printf("%d of %d lessons verified\n", total - failed, total);
    int starts, served;
    check_worker_stats(gpu_worker, &starts, &served);
    if (served) printf("(a GPU worker served %d checks; %d worker process%s started)\n", served, starts, starts == 1 ? "" : "es");
    check_worker_free(gpu_worker);
    gpu_worker = NULL;
    return failed ? 1 : 0;
}

const cli_command cmd_verify = {"verify", "verify [lesson...]", "prove lessons: starter fails, reference passes, bars hold", run};
