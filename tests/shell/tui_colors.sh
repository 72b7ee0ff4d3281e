# TUI: NO_COLOR turns colour off (attributes stay), 8 and 256 colour terminals get palettes,
# and a non-UTF-8 locale gets ASCII line drawing.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
colours() { tui_screen -e | grep -Eo $'\e\\[[0-9;]*m' | grep -Ec '(^|[;[])(3[0-7]|38;5;[0-9]+)(;|m)' || true; }
tui_start 100x30 TERM=screen-256color NO_COLOR=1
tui_wait "01-welcome"
assert_status 0 test "$(colours)" -eq 0
tui_quit_clean
tui_stop
tui_start 100x30 TERM=screen-256color
tui_wait "01-welcome"
assert_contains "$(tui_screen -e)" "38;5;" "256 colours"
tui_quit_clean
tui_stop
tui_start 100x30 TERM=screen
tui_wait "01-welcome"
test "$(colours)" -gt 0 || { echo "FAILED: no colour on an 8-colour terminal" >&2; exit 1; }
assert_not_contains "$(tui_screen -e)" "38;5;" "8 colours only"
tui_quit_clean
tui_stop
TUI_LANG=C tui_start 100x30
tui_wait "01-welcome"
screen=$(tui_screen)
assert_contains "$screen" "------" "ASCII rules"
assert_not_contains "$screen" "─" "no UTF-8 line drawing"
tui_quit_clean
