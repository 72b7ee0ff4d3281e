# A corrupt progress database is moved aside (kept, with a timestamp) with a warning that
# names the new file; the check still works and is recorded in a fresh store.
source "$SRC/tests/shell/lib/store.bash"

mkdir -p "$(dirname "$DB")"
head -c 65536 /dev/urandom >"$DB"
printf 'this is not a database' | dd of="$DB" conv=notrunc 2>/dev/null
cp "$DB" "$T/garbage"
rc=0
out=$("$KDOJO" check welcome "$WELCOME_SOLUTION" 2>&1) || rc=$?
assert_eq "$rc" 0 "the check passes despite the corrupt store"
assert_contains "$out" "PASS all 7 tests passed" "the verdict"
assert_contains "$out" "kdojo: warning: the progress database could not be read" "a warning"
aside=$(grep -o "moved to [^ ]*corrupt-[0-9-]*" <<<"$out" | sed 's/^moved to //')
[[ -n $aside ]] || { echo "FAILED: the warning names no file: $out" >&2; exit 1; }
[[ $aside == "$DB.corrupt-"* ]] || { echo "FAILED: moved to an unexpected place: $aside" >&2; exit 1; }
cmp -s "$aside" "$T/garbage" || { echo "FAILED: $aside does not hold the old file" >&2; exit 1; }
assert_eq "$(attempts)" 1 "the attempt is in the new store"
out=$("$KDOJO" check welcome "$WELCOME_SOLUTION" 2>&1)
assert_not_contains "$out" "warning" "the new store opens cleanly"
assert_eq "$(attempts)" 2 "attempts accumulate in the new store"

# A database whose pages are damaged after a valid header (a torn copy).
"$KDOJO" check welcome "$WELCOME_SOLUTION" >/dev/null
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s "$DB")
dd if=/dev/urandom of="$DB" bs=1 seek=100 count=$((size - 100)) conv=notrunc 2>/dev/null
rc=0
out=$("$KDOJO" check welcome "$WELCOME_SOLUTION" 2>&1) || rc=$?
assert_contains "$out" "PASS all 7 tests passed" "the verdict despite damaged pages"
assert_contains "$out" "moved to $DB.corrupt-" "damaged pages are moved aside too"
assert_eq "$rc" 0 "the check passes and is saved"
assert_eq "$(attempts)" 1 "the attempt is in the new store"
