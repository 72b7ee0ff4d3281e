# kdojo check: a starter fails with exit 1, the reference passes with exit 0, progress is kept.
out=$("$KDOJO" check welcome 2>&1) && { echo "starter passed?"; exit 1; } || true
assert_contains "$out" "expected 7, got 0" "a failing test shows expected and got"
assert_contains "$out" "replay this run: kdojo check tour/01-welcome --seed" "the seed is printed"
assert_status 0 "$KDOJO" check welcome "$SRC/lessons/tour/01-welcome/solution.c"
assert_status 2 "$KDOJO" check no-such-lesson
assert_status 2 "$KDOJO" check welcome --seed banana
json=$("$KDOJO" check welcome --json --seed 42 || true)
assert_contains "$json" '"verdict":"fail"' "JSON has the verdict"
assert_contains "$json" '"seed":42' "JSON has the seed"
progress=$("$KDOJO" progress)
assert_contains "$progress" "tour/01-welcome" "attempts are recorded"
