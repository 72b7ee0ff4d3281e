/* kdojo doctor: what this machine has and what kdojo can enforce on it. */
#include "cli.h"
#include "cuda_cublas.h"
#include "cuda_gpu.h"
#include "cuda_nvrtc.h"
#include "engine_tcc.h"
#include "sandbox.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void line(const char *what, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line(const char *what, bool ok, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("  %-3s %-18s ", ok ? "ok" : "--", what);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

static void check_tcc(cli_ctx *ctx) {
    char *diag = NULL;
    tcc_unit u = {"doctor.c", "#include <stdio.h>\n#include <math.h>\nint doctor(void) { return (int)sqrt(49.0); }\n"};
    tcc_options o = {.tcc_dir = ctx->paths.tcc_dir, .include_dir = ctx->paths.include_dir};
    tcc_program *p = tcc_program_build(&o, &u, 1, &diag);
    int (*fn)(void) = p ? (int (*)(void))tcc_program_symbol(p, "doctor") : NULL;
    bool ok = fn && fn() == 7;
    line("TinyCC", ok, "%s (runtime %s)", ok ? "compiles and runs C in memory" : diag, ctx->paths.tcc_dir);
    tcc_program_free(p);
    free(diag);
}

static void check_cc(void) {
    FILE *f = popen("cc --version 2>/dev/null", "r");
    char buf[256] = "";
    if (f) {
        if (!fgets(buf, sizeof buf, f)) buf[0] = 0;
        pclose(f);
    }
    buf[strcspn(buf, "\n")] = 0;
    line("system compiler", buf[0] != 0, "%s", buf[0] ? buf : "none (lessons with engine \"cc\" need gcc or clang)");
}

/* cuda: NVRTC, the driver, the GPU, and what our probe kernels measure on it. CUDA starts in
   this process, which forks no grader afterwards (CUDA does not survive a fork). */
static void check_cuda(void) {
    char path[1024], ver[32], err[512];
    bool nvrtc = cuda_nvrtc_find(path, sizeof path, ver, sizeof ver) == 0;
    if (nvrtc) line("NVRTC", true, "%s (%s)", ver, path);
    else line("NVRTC", false, "not found in $CUDA_PATH, /usr/local/cuda*, the loader path or Python's nvidia wheels "
              "(CUDA lessons run on kdojo's CPU simulator)");
    if (!cuda_gpu_present()) {
        line("GPU", false, "no NVIDIA driver or device: CUDA lessons run on kdojo's simulator, correctness only (timing needs a GPU)");
        return;
    }
    double t0 = now_seconds();
    cuda_gpu *g = cuda_gpu_open(err, sizeof err);
    if (!g) {
        line("GPU", false, "%s", err);
        return;
    }
    const cuda_gpu_info *i = cuda_gpu_info_of(g);
    line("CUDA driver", true, "%d.%d (libcuda.so.1; cuInit and context %.0f ms)", i->driver_version / 1000,
         i->driver_version % 1000 / 10, (now_seconds() - t0) * 1e3);
    line("GPU", true, "%s: compute capability %d.%d, %d SMs, %.1f GiB, L2 %d MiB", i->name, i->cc_major, i->cc_minor,
         i->sms, (double)i->memory / (1 << 30), i->l2_bytes >> 20);
    cuda_gpu_probe p;
    if (!nvrtc) line("GPU probes", false, "need NVRTC to compile the probe kernels");
    else if (cuda_gpu_run_probes(g, &p, err, sizeof err) < 0) line("GPU probes", false, "%s", err);
    else {
        line("GPU copy bandwidth", true, "%.0f GB/s (cuMemcpyDtoD, bytes read + written); float4 copy kernel %.0f GB/s",
             p.memcpy_bps / 1e9, p.kernel_copy_bps / 1e9);
        line("GPU FP32", true, "%.1f TFLOP/s (FMA probe kernel, 2 FLOP per FMA)", p.fp32_flops / 1e12);
    }
    /* Optional: the matmul and attention lessons show their speed against it when it is here. */
    if (cuda_cublas_open(err, sizeof err) == 0) line("cuBLAS", true, "%s (matmul lessons show their share of its SGEMM)", cuda_cublas_path());
    else line("cuBLAS", false, "%s (optional: only the comparisons with cuBLAS are skipped)", err);
    cuda_gpu_close(g);
}

static void check_sandbox(void) {
    sandbox_caps c;
    sandbox_probe(&c);
    line("PID namespace", c.pid_namespace, "%s", c.pid_namespace ? "everything learner code starts dies with it" :
         "unavailable: a subreaper relay kills whatever learner code starts");
    line("network", c.net_namespace || c.socket_filter, "%s",
         c.socket_filter ? "learner code cannot open sockets (seccomp); lessons that use the network get a loopback-only network of their own" :
         c.net_namespace ? "learner code gets its own loopback-only network" : "unavailable: learner code can reach the network");
    line("unprivileged uid", c.dropped_uid || getuid() != 0, "%s",
         getuid() != 0 ? "kdojo runs as a normal user" : c.dropped_uid ? "learner code drops root to an unused uid" : "not dropped");
    if (c.landlock) line("Landlock", true, "ABI %d: writes confined to the scratch directory, lesson files hidden", c.landlock_abi);
    else line("Landlock", false, "not available: writes are limited by the uid only");
}

static int run(cli_ctx *ctx, int argc, char **argv) {
    (void)argv;
    if (argc != 1) return cli_usage(&cmd_doctor);
    printf("kdojo %s\n", KDOJO_VERSION);
    kd_catalog *c = cli_catalog(ctx);
    int broken = 0;
    for (int i = 0; i < c->n; i++) broken += c->lessons[i].error != NULL;
    line("lessons", broken == 0, "%d in %d tracks under %s%s", c->n, c->n_tracks, ctx->paths.lessons_dir,
         broken ? " (some are broken: kdojo list --broken)" : "");
    line("workspace", true, "%s", ctx->paths.workspace);
    kd_store *s = cli_store(ctx);
    line("progress store", s != NULL, "%s", s ? store_path(s) : "cannot be opened (see above)");
    check_tcc(ctx);
    check_cc();
    check_sandbox();
    check_cuda();
    return 0;
}

const cli_command cmd_doctor = {"doctor", "doctor", "what this machine has and what kdojo enforces", run};
