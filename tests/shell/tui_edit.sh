# TUI: e opens $EDITOR on the learner's file with curses suspended; an editor that rewrites the
# file in place, or writes a new file and renames it over (as vim does), is graded to PASS,
# and the attempt is stored like kdojo check's.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
ed=$(tui_editor "$SRC/lessons/tour/01-welcome/solution.c" in-place)
tui_start 100x30 EDITOR="$ed"
tui_open welcome
tui_keys e
tui_wait "PASS" 20
tui_wait "all 7 tests passed"
assert_contains "$(cat "$KDOJO_WORKSPACE/tour/01-welcome/welcome.c")" "total += a[i]" "the editor wrote the file"
tui_quit_clean
out=$("$KDOJO" progress)
assert_contains "$out" "pass" "the TUI's attempt is in the store"
# Again, with an editor that saves by rename, starting from the starter.
tui_stop
"$KDOJO" reset welcome --yes >/dev/null
ed=$(tui_editor "$SRC/lessons/tour/01-welcome/solution.c" rename)
tui_start 100x30 EDITOR="$ed"
tui_open welcome
tui_keys c
tui_wait "FAIL"
tui_keys e
tui_wait "all 7 tests passed" 20
tui_quit_clean
