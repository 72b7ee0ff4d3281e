# TUI: browse tracks and lessons, filter by name, open a lesson, come back; the last opened
# lesson is selected when the tutor starts again.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start
tui_wait "01-welcome"
screen=$(tui_screen)
assert_contains "$screen" "0/" "tracks show completion"
assert_contains "$screen" "Memory and the CPU" "tracks are listed"
tui_keys j j
tui_wait "tour/03-hints-and-progress" # the details follow the selection
tui_keys Up
tui_wait "tour/02-reading-results"
tui_keys /
tui_keys -l traversal
tui_wait "/traversal"
screen=$(tui_screen)
assert_contains "$screen" "03-traversal-order" "the filter keeps the match"
assert_not_contains "$screen" "01-welcome" "the filter hides the rest"
tui_keys Enter
tui_keys Enter
tui_wait "graded on every save"
tui_wait "Traversal order"
tui_keys q
tui_wait "Enter open"
tui_keys Escape
tui_wait "01-welcome"
tui_quit_clean
# The last opened lesson is selected on the next start.
tui_stop
tui_start
tui_wait "mem/03-traversal-order"
tui_keys Enter
tui_wait "Traversal order"
tui_quit_clean
