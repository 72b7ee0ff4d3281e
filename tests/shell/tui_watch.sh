# TUI: every save of the learner's file is re-graded without a key press, including saves that
# rename a new file over the old one; a compile error shows the learner's line.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30
tui_open welcome
f=$KDOJO_WORKSPACE/tour/01-welcome/welcome.c
cp "$SRC/lessons/tour/01-welcome/solution.c" "$f"
tui_wait "all 7 tests passed"
printf 'long long sum(const int *a, int n)\n{\n    return a[0] +;\n}\n' >"$f.tmp"
mv "$f.tmp" "$f"
tui_wait "COMPILE ERROR"
screen=$(tui_screen)
assert_contains "$screen" "welcome.c:" "the compiler's message names the file"
assert_contains "$screen" "| }" "the learner's line is shown"
printf 'long long sum(const int *a, int n)\n{\n    return 0;\n}\n' >"$f"
tui_wait "expected 7, got 0"
tui_quit_clean
