# TUI: resizing at any time, during a check too, repaints without garbage; below 80x24 a
# clear message replaces the screen; Esc cancels a running check.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30
tui_open welcome
f=$KDOJO_WORKSPACE/tour/01-welcome/welcome.c
printf 'long long sum(const int *a, int n)\n{\n    for (;;) {}\n}\n' >"$f"
tui_wait "checking"
tui_tmux resize-window -t k -x 140 -y 40
tui_wait "checking"
tui_wait "│  welcome.c"   # wide: the results beside the text
tui_tmux resize-window -t k -x 60 -y 20
tui_wait "at least 80x24"
assert_contains "$(tui_screen)" "60x20" "the message says the current size"
tui_tmux resize-window -t k -x 90 -y 30
tui_wait "graded on every save"
tui_wait "checking"
tui_keys Escape
tui_wait "check cancelled"
tui_wait_gone "checking"
screen=$(tui_screen)
assert_contains "$screen" "CANCELLED" "the panel says the check was cancelled"
assert_not_contains "$screen" "at least 80x24" "no leftovers of the small-screen message"
tui_quit_clean
