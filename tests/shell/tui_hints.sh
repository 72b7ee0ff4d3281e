# TUI: h reveals hints one step at a time and shares the count with kdojo hint.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30
tui_open welcome
tui_keys h
tui_wait "hint 1/3"
assert_contains "$(tui_screen)" "Walk the array" "the first hint"
assert_not_contains "$(tui_screen)" "hint 2/3" "one step at a time"
tui_keys h
tui_wait "hint 2/3"
tui_quit_clean
out=$("$KDOJO" hint welcome)
assert_contains "$out" "hint 3/3" "kdojo hint continues where the tutor stopped"
