# Two kdojo processes checking at once (a shell check while the tutor is open) both record
# every attempt, and neither fails on a locked database.
source "$SRC/tests/shell/lib/store.bash"

"$KDOJO" check welcome "$WELCOME_SOLUTION" >/dev/null   # creates the store
runner() {
  local file=$1 want=$2 rc
  for i in $(seq 1 12); do
    rc=0
    "$KDOJO" check welcome "$file" --json >/dev/null 2>"$T/err.$3.$i" || rc=$?
    [[ $rc == "$want" ]] || { echo "FAILED: check $i of runner $3 exited $rc: $(cat "$T/err.$3.$i")" >&2; return 1; }
  done
}
runner "$WELCOME_SOLUTION" 0 a & a=$!
runner "$WELCOME_STARTER" 1 b & b=$!
runner "$WELCOME_SOLUTION" 0 c & c=$!
wait $a
wait $b
wait $c
assert_eq "$(attempts)" 37 "attempts recorded"
assert_eq "$(attempts "verdict = 'pass'")" 25 "passing attempts recorded"
assert_eq "$(attempts "verdict = 'fail'")" 12 "failing attempts recorded"
assert_eq "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "the store is intact"
