/* paths: where kdojo's data, the learner's workspace and the progress store live. */
#include "paths.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool has_lessons(const char *dir) {
    char *l = path_join(dir, "lessons");
    char *g = path_join(dir, "graders");
    bool ok = is_dir(l) && is_dir(g);
    free(l);
    free(g);
    return ok;
}

/* The data directory: $KDOJO_DATA, else <prefix>/share/kdojo beside the running binary
   (so an installed or relocated kdojo finds its data), else the install prefix compiled in,
   else the source tree (a build that was never installed). */
static char *find_data_dir(void) {
    const char *env = getenv("KDOJO_DATA");
    if (env && *env) return xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char *cand = xasprintf("%s/../share/kdojo", exe);
            char real[PATH_MAX];
            if (realpath(cand, real) && has_lessons(real)) {
                free(cand);
                return xstrdup(real);
            }
            free(cand);
        }
    }
    if (has_lessons(KDOJO_INSTALL_DATADIR)) return xstrdup(KDOJO_INSTALL_DATADIR);
    if (has_lessons(KDOJO_SOURCE_DATADIR)) return xstrdup(KDOJO_SOURCE_DATADIR);
    return NULL;
}

static char *home_dir(void) {
    const char *h = getenv("HOME");
    return xstrdup(h && *h ? h : "/tmp");
}

int paths_init(kd_paths *p, char **err) {
    memset(p, 0, sizeof *p);
    p->data_dir = find_data_dir();
    if (!p->data_dir) {
        *err = xasprintf("cannot find kdojo's data (lessons/, graders/): looked beside the binary, in %s "
                         "and in %s; set KDOJO_DATA to the directory that holds lessons/",
                         KDOJO_INSTALL_DATADIR, KDOJO_SOURCE_DATADIR);
        return -1;
    }
    p->lessons_dir = path_join(p->data_dir, "lessons");
    p->graders_dir = path_join(p->data_dir, "graders");
    p->include_dir = path_join(p->data_dir, "kernels/include");
    p->assets_dir = path_join(p->data_dir, "assets");

    char *home = home_dir();
    const char *ws = getenv("KDOJO_WORKSPACE");
    p->workspace = ws && *ws ? xstrdup(ws) : path_join(home, "kdojo");
    const char *xdg = getenv("XDG_DATA_HOME");
    p->state_dir = xdg && *xdg ? path_join(xdg, "kdojo") : xasprintf("%s/.local/share/kdojo", home);
    free(home);
    const char *tcc = getenv("KDOJO_TCC_DIR");
    p->tcc_dir = xstrdup(tcc && *tcc ? tcc : KDOJO_TCC_DIR);
    return 0;
}

void paths_done(kd_paths *p) {
    free(p->data_dir);
    free(p->lessons_dir);
    free(p->graders_dir);
    free(p->include_dir);
    free(p->assets_dir);
    free(p->workspace);
    free(p->state_dir);
    free(p->tcc_dir);
    memset(p, 0, sizeof *p);
}
