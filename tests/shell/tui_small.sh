# TUI: a terminal below 80x24 gets a clear message, and q still quits cleanly.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 70x20
tui_wait "at least 80x24"
assert_contains "$(tui_screen)" "70x20" "the current size is named"
tui_quit_clean
