# TUI: a missing editor gives a clear message and an intact screen; Ctrl-C leaves cleanly.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30 EDITOR=/nonexistent/editor VISUAL=
tui_open welcome
tui_keys e
tui_wait "cannot run the editor"
tui_wait "graded on every save"
assert_contains "$(tui_screen)" "Welcome: edit, save, pass" "the screen is back"
tui_keys C-c
tui_wait "KDOJO-EXITED:0"
assert_not_contains "$(tui_screen)" "-echo" "Ctrl-C leaves the terminal clean"
