/* watch: notices saves of one file by watching its directory with inotify, so that editors
   which write a new file and rename it over the old one (vim, many others) are seen too. */
#ifndef KDOJO_TUI_WATCH_H
#define KDOJO_TUI_WATCH_H

#include <stdbool.h>

typedef struct watch watch;

/* NULL with *err (a sentence for the learner) when the directory cannot be watched. */
watch *watch_new(const char *dir, const char *name, char **err);
void watch_delete(watch *w);
int watch_fd(const watch *w);
/* Reads pending events: true when the file was written or replaced. *gone is set when the
   directory itself went away (the watch is then dead). */
bool watch_read(watch *w, bool *gone);

#endif
