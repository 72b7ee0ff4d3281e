# A read-only or full data directory: the verdict is still shown, then a clear error naming
# the place, exit status 2, and no crash.
source "$SRC/tests/shell/lib/store.bash"

"$KDOJO" check welcome "$WELCOME_SOLUTION" >/dev/null   # a store exists
# The mounts need root and a private mount namespace; as a user, permissions do the same.
# Root without a mount namespace (inside a chroot, say) can write anywhere: nothing to test.
if [[ $(id -u) == 0 ]] && ! { unshare -m true 2>/dev/null && command -v mount >/dev/null; }; then
  echo "skipped: root here cannot make a read-only or full directory (no private mount namespace)"
  return 0
fi
if [[ $(id -u) == 0 ]]; then
  in_ro() { unshare -m bash -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' _ "$@"; }
else
  in_ro() { local d=$1; shift; chmod -R a-w "$d"; "$@"; local rc=$?; chmod -R u+w "$d"; return $rc; }
fi

rc=0
out=$(in_ro "$XDG_DATA_HOME" "$KDOJO" check welcome "$WELCOME_SOLUTION" 2>&1) || rc=$?
assert_eq "$rc" 2 "exit status with a read-only store"
assert_contains "$out" "PASS all 7 tests passed" "the verdict is still shown"
assert_contains "$out" "kdojo: " "an error"
assert_contains "$out" "$XDG_DATA_HOME/kdojo" "the error names the place"
assert_eq "$(attempts)" 1 "nothing was half-written"

# No store yet, and the parent of the progress directory is read-only.
export XDG_DATA_HOME=$T/fresh
mkdir -p "$XDG_DATA_HOME"
rc=0
out=$(in_ro "$XDG_DATA_HOME" "$KDOJO" check welcome "$WELCOME_SOLUTION" 2>&1) || rc=$?
assert_eq "$rc" 2 "exit status when the progress directory cannot be made"
assert_contains "$out" "cannot create the progress directory $XDG_DATA_HOME/kdojo" "the error names the directory"
assert_contains "$out" "XDG_DATA_HOME" "the error says what to do"

# A full file system.
if [[ $(id -u) == 0 ]] && unshare -m true 2>/dev/null; then
  rc=0
  out=$(unshare -m bash -c '
    mount -t tmpfs -o size=256k kdojo-full "$XDG_DATA_HOME" || exit 99
    mkdir -p "$XDG_DATA_HOME/kdojo"
    "$KDOJO" check welcome "$1" >/dev/null     # a store, while there is room
    head -c 1M /dev/zero >"$XDG_DATA_HOME/filler" 2>/dev/null
    for i in 1 2 3; do "$KDOJO" check welcome "$1" || exit; done' _ "$WELCOME_SOLUTION" 2>&1) || rc=$?
  assert_eq "$rc" 2 "exit status on a full disk"
  assert_contains "$out" "PASS all 7 tests passed" "the verdict is still shown"
  assert_contains "$out" "kdojo: " "an error"
  assert_contains "$out" "$XDG_DATA_HOME/kdojo/progress.db" "the error names the store"
fi
