/* engine_cc: compiles learner C with the system compiler into a shared object and loads it. */
#include "engine_cc.h"
#include "util.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *cc_compiler(void) {
    const char *cc = getenv("CC");
    if (!cc || !*cc) cc = "cc";
    if (strchr(cc, '/')) return access(cc, X_OK) == 0 ? cc : NULL;
    const char *path = getenv("PATH");
    char *dirs = xstrdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
    const char *found = NULL;
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char *p = path_join(d, cc);
        if (access(p, X_OK) == 0) found = cc;
        free(p);
    }
    free(dirs);
    return found;
}

int cc_run_collect(char *const argv[], strbuf *out) {
    int p[2];
    if (pipe(p) < 0) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_adddup2(&fa, p[1], 2);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        errno = rc;
        return -1;
    }
    char buf[4096];
    ssize_t n;
    while ((n = read(p[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0 && out->len < (1u << 20)) sb_append(out, buf, (size_t)n);
    close(p[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int write_unit(const tcc_unit *u) {
    return write_file_atomic(u->name, u->source, strlen(u->source));
}

tcc_program *cc_program_build(const char *include_dir, const char *tag, const tcc_unit *units, int n,
                              const char *const *flags, char **diagnostics) {
    const char *cc = cc_compiler();
    if (!cc) {
        *diagnostics = xstrdup("this lesson is compiled by the system C compiler (engine \"cc\"), and none was "
                               "found: install gcc (apt install gcc) or set CC");
        return NULL;
    }
    /* The atomics header's functions, for code built outside kdojo's own runtime. */
    tcc_unit rt = {"kdojo-runtime.c", "#define KDOJO_ATOMIC_IMPL\n#include <kdojo/atomic.h>\n"};
    for (int i = 0; i < n; i++) {
        if (write_unit(&units[i]) < 0) {
            *diagnostics = xasprintf("cannot write %s in the scratch directory", units[i].name);
            return NULL;
        }
    }
    write_unit(&rt);
    char *so = xasprintf("./%s.so", tag), *inc = xasprintf("-I%s", include_dir);
    static const char *const default_flags[] = {"-O2", "-march=native", NULL};
    char *argv[64] = {(char *)cc, "-std=gnu11", "-fPIC", "-shared", "-Wall", "-fno-diagnostics-show-caret",
                      "-fdiagnostics-color=never", "-Werror=implicit-function-declaration", "-DKDOJO=1", inc, "-o", so};
    int argc = 12;
    for (const char *const *f = flags ? flags : default_flags; *f && argc < 40; f++) argv[argc++] = (char *)*f;
    if (n > 16) n = 16;
    for (int i = 0; i < n; i++) argv[argc++] = (char *)units[i].name;
    argv[argc++] = (char *)rt.name;
    argv[argc++] = "-lm";
    argv[argc] = NULL;
    strbuf out = {0};
    int status = cc_run_collect(argv, &out);
    tcc_program *p = NULL;
    if (status < 0) sb_printf(&out, "cannot run %s: %s\n", cc, strerror(errno));
    else if (status == 0) {
        void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
        if (h) p = tcc_program_from_handle(h);
        else sb_printf(&out, "cannot load the compiled code: %s\n", dlerror());
    }
    /* The sources (the reference's among them) need not stay where learner code can read them. */
    for (int i = 0; i < n; i++) unlink(units[i].name);
    unlink(rt.name);
    *diagnostics = sb_steal(&out);
    free(so);
    free(inc);
    return p;
}
