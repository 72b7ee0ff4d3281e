# TUI: r asks first; n changes nothing; y puts the starter back and keeps a backup.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30
tui_open welcome
f=$KDOJO_WORKSPACE/tour/01-welcome/welcome.c
cp "$SRC/lessons/tour/01-welcome/solution.c" "$f"
tui_wait "all 7 tests passed"
tui_keys r
tui_wait "Reset your file to the starter?"
tui_keys n
tui_wait "nothing changed"
assert_contains "$(cat "$f")" "total += a[i]" "n keeps the file"
tui_keys r
tui_wait "Reset your file to the starter?"
tui_keys y
tui_wait "is the starter again"
tui_wait "expected 7, got 0"   # the watch grades the starter
cmp -s "$f" "$SRC/lessons/tour/01-welcome/starter.c" || { echo "FAILED: not the starter" >&2; exit 1; }
ls "$f".bak-* >/dev/null
assert_contains "$(cat "$f".bak-*)" "total += a[i]" "the backup holds the old file"
tui_quit_clean
