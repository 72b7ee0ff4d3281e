# Helpers for the fault scenarios (tests/shell/fault_*.sh): hostile learner files checked against
# tour/01-welcome (`long long sum(const int *a, int n)`), with the sandbox's leftovers checked.
# Sourced by a scenario; run-shell-test has set KDOJO, SRC, T and the assert_* helpers.

WELCOME_SOLUTION=$SRC/lessons/tour/01-welcome/solution.c

# hostile <name>: writes stdin to $T/<name>.c
hostile() { cat >"$T/$1.c"; }

# The uid the sandbox drops to for a kdojo process (as root): see sandbox_uid() in app/sandbox.c.
sandbox_uid_of() { echo $((0x40000000 + $1)); }

# Pids of uid $1 that still run (zombies are dead: whoever inherited them reaps them).
procs_of_uid() { ps -eo uid=,pid=,stat= | awk -v u="$1" '$1 == u && $3 !~ /^Z/ { print $2 }'; }

# check_hostile <file> [lesson]: runs kdojo check in the background and waits for it.
# Sets OUT (stdout and stderr), RC (exit status) and KPID (kdojo's pid). As root, then asserts
# that no process of the run's sandbox uid survives kdojo (and kills any that did).
check_hostile() {
  local file=$1 lesson=${2:-welcome}
  RC=0
  "$KDOJO" check "$lesson" "$file" >"$T/out" 2>&1 &
  KPID=$!
  wait "$KPID" || RC=$?
  OUT=$(cat "$T/out")
  assert_no_survivors "$KPID"
}

# assert_no_survivors <kdojo pid>: nothing the sandbox of that kdojo run started is still alive.
assert_no_survivors() {
  [[ $(id -u) == 0 ]] || return 0
  local uid left
  uid=$(sandbox_uid_of "$1")
  sleep 0.3
  left=$(procs_of_uid "$uid" | tr '\n' ' ')
  if [[ -n $left ]]; then
    ps -o uid,pid,ppid,stat,etimes,time,args -p "$(echo $left | tr ' ' ',')" >&2 || true
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    printf 'FAILED: processes of sandbox uid %s survived kdojo (pids %s)\n' "$uid" "$left" >&2
    exit 1
  fi
}

# assert_rc <want> [what]: the exit status of the last check_hostile.
assert_rc() {
  if [[ $RC != "$1" ]]; then
    printf 'FAILED: %s: kdojo exited %s, expected %s; output:\n%s\n' "${2:-exit status}" "$RC" "$1" "$OUT" >&2
    exit 1
  fi
}

# reference_passes: the next check after a hostile one works normally.
reference_passes() {
  check_hostile "$WELCOME_SOLUTION"
  assert_rc 0 "the reference solution after a hostile check"
  assert_contains "$OUT" "PASS all 7 tests passed" "the reference passes after a hostile check"
}

# welcome_with_timeout <seconds>: a private copy of kdojo's data in which tour/01-welcome has
# that wall-clock budget, so scenarios that must hit the deadline do not wait 10 s.
welcome_with_timeout() {
  local d=$T/kdojo-data
  chmod 711 "$T"   # the sandbox's uid must reach graders/ through $T (mktemp makes it 0700)
  mkdir -p "$d/lessons/tour"
  ln -sfn "$SRC/graders" "$d/graders"
  ln -sfn "$SRC/kernels" "$d/kernels"
  ln -sfn "$SRC/assets" "$d/assets"
  cp "$SRC/lessons/tracks.lua" "$d/lessons/"
  rm -rf "$d/lessons/tour/01-welcome"
  cp -r "$SRC/lessons/tour/01-welcome" "$d/lessons/tour/"
  sed -i "s/^  file = \"welcome.c\",/  file = \"welcome.c\",\n  timeout = $1,/" "$d/lessons/tour/01-welcome/lesson.lua"
  grep -q "timeout = $1," "$d/lessons/tour/01-welcome/lesson.lua"
  export KDOJO_DATA=$d
}
