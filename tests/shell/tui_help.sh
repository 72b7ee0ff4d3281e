# TUI: ? lists every key, for the screen the learner is on and for the others.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x40
tui_open welcome
tui_keys '?'
tui_wait "kdojo keys"
screen=$(tui_screen)
assert_contains "$screen" "Lesson (where you were)" "the current screen's keys come first"
for k in "edit your file" "show the next hint" "reset your file" "cancel a check" "this help" "quit kdojo"; do
  assert_contains "$screen" "$k" "help lists: $k"
done
tui_keys G
tui_wait "side by side"
tui_keys q
tui_wait "graded on every save"
tui_quit_clean
