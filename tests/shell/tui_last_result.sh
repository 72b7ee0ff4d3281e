# TUI: a lesson opened again shows its last recorded check (read back from the progress store),
# here one made from the shell, so a learner coming back sees where they were.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
f=$T/wrong.c
printf 'long long sum(const int *a, int n)\n{\n    return n;\n}\n' >"$f"
"$KDOJO" check welcome "$f" >/dev/null 2>&1 && { echo "FAILED: a wrong sum passed"; exit 1; }
tui_start 100x30
tui_open welcome
tui_wait "Your last check"
screen=$(tui_screen)
assert_contains "$screen" "FAIL" "the stored verdict is shown"
assert_contains "$screen" "expected 7, got 1" "with the failing test's message"
assert_not_contains "$screen" "Not checked yet" "instead of the empty panel"
# A new check replaces it.
cp "$SRC/lessons/tour/01-welcome/solution.c" "$KDOJO_WORKSPACE/tour/01-welcome/welcome.c"
tui_wait "all 7 tests passed"
assert_not_contains "$(tui_screen)" "Your last check" "a check of this session takes its place"
tui_quit_clean
