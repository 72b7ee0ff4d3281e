# TUI: the README is rendered (headings, code, lists), scrolls by line and page, and the scroll
# position is remembered per lesson.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30 TERM=screen-256color
tui_open welcome
screen=$(tui_screen)
assert_contains "$screen" "Welcome: edit, save, pass" "the title heading"
assert_contains "$screen" "═══" "an H1 is underlined"
assert_contains "$screen" "long long sum(const int *a, int n);" "a code block"
assert_not_contains "$screen" '```' "code fences are not shown"
assert_contains "$(tui_screen -e)" "38;5;" "code is coloured with the 256-colour palette"
tui_keys Space
tui_wait "How to work"
tui_wait "•" # list bullets
for _ in 1 2 3; do tui_keys j; done
before=$(tui_screen | sed -n 2,4p)
tui_keys q
tui_wait "Enter open"
tui_keys Enter
tui_wait "graded on every save"
tui_wait "$(echo "$before" | head -1)"
assert_contains "$(tui_screen)" "$before" "the scroll position is kept"
tui_keys g
tui_wait "═══"
tui_quit_clean
