# TUI: after two attempts the progress dashboard shows them, the track's percentage and today's activity.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x40
tui_open welcome
tui_keys c
tui_wait "6 of 7 tests failed"
cp "$SRC/lessons/tour/01-welcome/solution.c" "$KDOJO_WORKSPACE/tour/01-welcome/welcome.c"
tui_wait "all 7 tests passed"
tui_keys p
tui_wait "Recent attempts"
screen=$(tui_screen)
assert_contains "$screen" "33%" "one of three tour lessons done"
assert_contains "$screen" "today 2" "two attempts today"
n=$(grep -c "tour/01-welcome" <<<"$screen")
test "$n" -ge 2 || { echo "FAILED: expected two attempts listed, got $n:" >&2; echo "$screen" >&2; exit 1; }
assert_contains "$screen" "Best times against the bars" "best times section"
tui_keys q
tui_wait "graded on every save"
tui_keys q
tui_wait "1/3 done"
screen=$(tui_screen)
assert_contains "$screen" "✓  01-welcome" "the lesson list marks the pass"
assert_contains "$screen" "2 tries" "and counts the attempts"
tui_quit_clean
