/* editor: hands the terminal to the learner's editor ($VISUAL, $EDITOR, else vi) and takes it back. */
#ifndef KDOJO_TUI_EDITOR_H
#define KDOJO_TUI_EDITOR_H

/* Edits path; 0, or -1 with *err saying what to do (no such editor, it failed). */
int editor_run(const char *path, char **err);

#endif
