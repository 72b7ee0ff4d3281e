# TUI: when saves cannot be watched the panel says so and c checks by hand; after the editor
# exits the file is checked anyway.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
ed=$(tui_editor "$SRC/lessons/tour/01-welcome/solution.c" rename)
tui_start 100x30 KDOJO_NO_WATCH=1 EDITOR="$ed"
tui_keys /
tui_keys -l welcome
tui_keys Enter Enter
tui_wait "not watched: press c to check"
printf 'long long sum(const int *a, int n)\n{\n    return a[0] +;\n}\n' >"$KDOJO_WORKSPACE/tour/01-welcome/welcome.c"
sleep 0.5
assert_not_contains "$(tui_screen)" "COMPILE ERROR" "nothing is graded without the watch"
tui_keys c
tui_wait "COMPILE ERROR"
tui_wait "| }"
tui_keys e
tui_wait "all 7 tests passed"
tui_quit_clean
