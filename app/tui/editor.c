/* editor: runs the learner's editor on their file with curses suspended. */
#include "editor.h"
#include "screen.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *pick_editor(void) {
    const char *e = getenv("VISUAL");
    if (!e || !*e) e = getenv("EDITOR");
    return e && *e ? e : "vi";
}

/* The shell splits the editor's own arguments ("code -w"); the file stays one word. */
static pid_t spawn(const char *editor, const char *path) {
    char *cmd = xasprintf("%s \"$1\"", editor);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
        _exit(127);
    }
    free(cmd);
    return pid;
}

int editor_run(const char *path, char **err) {
    const char *editor = pick_editor();
    tui_suspend();
    struct sigaction ign = {0}, old_int, old_quit;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ign, &old_int);   /* Ctrl-C in the editor is the editor's */
    sigaction(SIGQUIT, &ign, &old_quit);
    pid_t pid = spawn(editor, path);
    int status = 0, rc = 0;
    if (pid < 0) {
        *err = xasprintf("cannot start the editor: %s", strerror(errno));
        rc = -1;
    } else {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (code == 127 || code == 126) {
            *err = xasprintf("cannot run the editor '%s': set $VISUAL or $EDITOR to an editor you have", editor);
            rc = -1;
        } else if (code) {
            *err = xasprintf("the editor '%s' exited with status %d", editor, code);
            rc = -1;
        }
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    tui_resume();
    return rc;
}
