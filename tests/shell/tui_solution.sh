# TUI: s shows the reference solution only after a pass, beside the learner's file or as a diff.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 120x30
tui_open welcome
tui_keys s
tui_wait "unlocks once your file passes"
f=$KDOJO_WORKSPACE/tour/01-welcome/welcome.c
printf '/* mine */\nlong long sum(const int *a, int n)\n{\n    long long s = 0;\n    while (n--) s += *a++;\n    return s;\n}\n' >"$f"
tui_wait "all 7 tests passed"
tui_keys s
tui_wait "reference"
screen=$(tui_screen)
assert_contains "$screen" "yours" "side by side"
assert_contains "$screen" "while (n--) s += *a++;" "the learner's code"
assert_contains "$screen" "total += a[i];" "the reference"
tui_keys Tab
tui_wait "+ reference"
assert_contains "$(tui_screen)" "-    while (n--)" "a unified diff"
tui_keys q
tui_wait "graded on every save"
tui_quit_clean
