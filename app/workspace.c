/* workspace: the learner's own copies of lesson files. */
#include "workspace.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *workspace_dir(const kd_paths *p, const kd_lesson *l) { return path_join(p->workspace, l->id); }

char *workspace_file(const kd_paths *p, const kd_lesson *l) {
    char *dir = workspace_dir(p, l);
    char *f = path_join(dir, l->file);
    free(dir);
    return f;
}

static int write_compile_flags(const kd_paths *p) {
    char *path = path_join(p->workspace, "compile_flags.txt");
    char *want = xasprintf("-std=gnu11\n-Wall\n-I%s\n-DKDOJO=1\n", p->include_dir);
    char *have = read_file(path, NULL);
    int rc = 0;
    if (!have || strcmp(have, want)) rc = write_file_atomic(path, want, strlen(want));
    free(have);
    free(want);
    free(path);
    return rc;
}

static int copy_starter(const kd_lesson *l, const char *dest, char **err) {
    char *starter = lesson_variant_path(l, "starter");
    size_t len;
    char *text = read_file(starter, &len);
    int rc = -1;
    if (!text) *err = xasprintf("cannot read %s: %s", starter, strerror(errno));
    else if (write_file_atomic(dest, text, len) < 0) *err = xasprintf("cannot write %s: %s", dest, strerror(errno));
    else rc = 0;
    free(text);
    free(starter);
    return rc;
}

int workspace_seed(const kd_paths *p, const kd_lesson *l, char **err) {
    char *dir = workspace_dir(p, l);
    char *file = path_join(dir, l->file);
    int rc = 0;
    if (mkdir_p(dir, 0755) < 0) {
        *err = xasprintf("cannot create the workspace %s: %s (set KDOJO_WORKSPACE to move it)", dir, strerror(errno));
        rc = -1;
    } else {
        write_compile_flags(p);
        if (!path_exists(file)) rc = copy_starter(l, file, err);
    }
    free(file);
    free(dir);
    return rc;
}

int workspace_reset(const kd_paths *p, const kd_lesson *l, char **backup, char **err) {
    *backup = NULL;
    if (workspace_seed(p, l, err) < 0) return -1;
    char *file = workspace_file(p, l);
    char stamp[32];
    time_t t = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
    /* A second reset within the same second must not rename the starter over the first
       backup, which holds the learner's work. */
    char *bak = xasprintf("%s.bak-%s", file, stamp);
    for (int n = 2; path_exists(bak); n++) {
        free(bak);
        bak = xasprintf("%s.bak-%s-%d", file, stamp, n);
    }
    int rc = 0;
    if (rename(file, bak) < 0) {
        *err = xasprintf("cannot back up %s: %s", file, strerror(errno));
        rc = -1;
    } else if (copy_starter(l, file, err) < 0) {
        rename(bak, file); /* put the learner's work back rather than lose it */
        rc = -1;
    }
    if (rc == 0) *backup = bak;
    else free(bak);
    free(file);
    return rc;
}
