/* watch: inotify on the learner's workspace directory, filtered to the learner's file. */
#include "watch.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

struct watch {
    int fd, wd;
    char *name;
};

watch *watch_new(const char *dir, const char *name, char **err) {
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        *err = xasprintf("cannot watch for saves (inotify: %s)", strerror(errno));
        return NULL;
    }
    int wd = inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF);
    if (wd < 0) {
        *err = xasprintf("cannot watch %s for saves: %s%s", dir, strerror(errno),
                         errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "");
        close(fd);
        return NULL;
    }
    watch *w = xcalloc(1, sizeof *w);
    w->fd = fd;
    w->wd = wd;
    w->name = xstrdup(name);
    return w;
}

void watch_delete(watch *w) {
    if (!w) return;
    close(w->fd);
    free(w->name);
    free(w);
}

int watch_fd(const watch *w) { return w->fd; }

bool watch_read(watch *w, bool *gone) {
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool hit = false;
    *gone = false;
    ssize_t n;
    while ((n = read(w->fd, buf, sizeof buf)) > 0) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) *gone = true;
            else if (ev->len && !strcmp(ev->name, w->name)) hit = true;
            p += sizeof *ev + ev->len;
        }
    }
    return hit;
}
