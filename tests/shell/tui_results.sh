# TUI: results show one line per test; a failing test shows expected and got; a crash says
# where it happened; c checks by hand.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30
tui_open welcome
tui_keys c
tui_wait "6 of 7 tests failed"
screen=$(tui_screen)
assert_contains "$screen" "✓ an empty array sums to 0" "a passing test"
assert_contains "$screen" "✗ one element" "a failing test"
assert_contains "$screen" "expected 7, got 0" "what was expected and what came back"
f=$KDOJO_WORKSPACE/tour/01-welcome/welcome.c
printf 'long long sum(const int *a, int n)\n{\n    return a[n * 1000000];\n}\n' >"$f"
tui_wait "CRASH"
assert_contains "$(tui_screen)" "SIGSEGV" "the crash names its signal"
assert_contains "$(tui_screen)" "in test" "and where it happened"
tui_quit_clean
