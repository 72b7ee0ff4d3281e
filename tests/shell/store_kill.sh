# kill -9 of kdojo at random points during checks: the store opens cleanly afterwards and
# holds every attempt whose verdict was printed before the kill.
source "$SRC/tests/shell/lib/store.bash"

"$KDOJO" check welcome "$WELCOME_SOLUTION" --seed 1 >/dev/null
# seed_stored <seed>: 1 if an attempt with that seed is in the store.
seed_stored() { attempts "seed = $1"; }

# 1. Deterministic: another process holds the write lock, so kdojo waits to store. Had the
#    verdict been printed before it is stored, killing kdojo now would lose it.
sqlite3 "$DB" "BEGIN IMMEDIATE;" ".shell sleep 1.5" "COMMIT;" &
locker=$!
sleep 0.3
"$KDOJO" check welcome "$WELCOME_SOLUTION" --json --seed 777 >"$T/locked.out" 2>&1 &
k=$!
sleep 0.7
kill -KILL $k
wait $k || true
wait $locker
if grep -q '"verdict"' "$T/locked.out"; then
  assert_eq "$(seed_stored 777)" 1 "the attempt printed while the store was locked"
fi

# 2. Random kills over the whole run of a check (about 5-30 ms each here), 200 times as in issue 10.
printed=0
for i in $(seq 1 200); do
  seed=$((1000 + i))
  "$KDOJO" check welcome "$WELCOME_SOLUTION" --json --seed $seed >"$T/out.$i" 2>&1 &
  k=$!
  sleep "0.0$((RANDOM % 40 / 10))$((RANDOM % 10))"
  kill -KILL $k 2>/dev/null || true
  wait $k 2>/dev/null || true
  if grep -q '"verdict"' "$T/out.$i"; then
    printed=$((printed + 1))
    assert_eq "$(seed_stored $seed)" 1 "attempt $i (seed $seed) was printed before the kill"
  fi
done
echo "store_kill: $printed of 200 killed checks had printed a verdict"
assert_eq "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "the store is intact"
rc=0
"$KDOJO" check welcome "$WELCOME_SOLUTION" >/dev/null || rc=$?
assert_eq "$rc" 0 "the store opens cleanly and records after the kills"
