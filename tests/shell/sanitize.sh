# kdojo check --sanitize=address|undefined|thread: the learner's file is built with the
# sanitizer, the first report becomes a verdict naming the test, the error and the learner's
# file:line, and a correct solution passes. Each part is skipped, with a message, where the
# system compiler or that sanitizer's runtime is missing.
source "$SRC/tests/shell/lib/faults.bash"

CC_BIN=${CC:-cc}
# has_runtime <lib>: the system compiler ships that sanitizer runtime (as kdojo looks for it)
has_runtime() {
  command -v "$CC_BIN" >/dev/null 2>&1 || return 1
  local p
  p=$("$CC_BIN" -print-file-name="$1" 2>/dev/null) || return 1
  [[ $p == /* && -e $p ]]
}

# check_sanitized <kind> <file> [lesson]: as check_hostile, with --sanitize=<kind>
check_sanitized() {
  local kind=$1 file=$2 lesson=${3:-welcome}
  RC=0
  "$KDOJO" check "$lesson" "$file" --sanitize="$kind" "${@:4}" >"$T/out" 2>&1 &
  KPID=$!
  wait "$KPID" || RC=$?
  OUT=$(cat "$T/out")
  assert_no_survivors "$KPID"
}

# No sanitizer runtime (a compiler that knows none): a clear message, exit 2, nothing else breaks.
printf '#!/bin/sh\nexit 1\n' >"$T/nocc"
chmod +x "$T/nocc"
RC=0
OUT=$(CC=$T/nocc "$KDOJO" check welcome "$WELCOME_SOLUTION" --sanitize=address 2>&1) || RC=$?
assert_rc 2 "a missing sanitizer runtime is not a verdict"
assert_contains "$OUT" "needs the AddressSanitizer runtime of the system compiler" "the missing runtime is named"
RC=0
OUT=$(CC=$T/no-such-compiler "$KDOJO" check welcome "$WELCOME_SOLUTION" --sanitize=undefined 2>&1) || RC=$?
assert_rc 2 "no compiler at all"
assert_contains "$OUT" "none was found: install gcc" "a missing compiler is named"
RC=0
OUT=$("$KDOJO" check welcome "$WELCOME_SOLUTION" --sanitize=memory 2>&1) || RC=$?
assert_rc 2 "an unknown sanitizer"
assert_contains "$OUT" "--sanitize wants address, undefined or thread" "the choices are named"
reference_passes

if ! command -v "$CC_BIN" >/dev/null 2>&1; then
  echo "skipped: no system C compiler ($CC_BIN), so no --sanitize runs"
  return 0
fi

# A malloc'ed copy written one element past its end, in the learner's own code: inside the
# allocator's slack, where no guard page can see it.
hostile heap <<'C'
#include <stdlib.h>
long long sum(const int *a, int n)
{
    int *copy = malloc(sizeof(int) * (n + 1));
    long long total = 0;
    for (int i = 0; i < n; i++) copy[i] = a[i];
    if (n == 4) copy[n + 1] = 0;
    for (int i = 0; i < n; i++) total += copy[i];
    free(copy);
    return total;
}
C
if has_runtime libasan.so; then
  # Without the sanitizer the overflow goes unseen.
  check_hostile "$T/heap.c"
  assert_rc 0 "the overflow lands in malloc's slack: a plain check passes"
  check_sanitized address "$T/heap.c"
  assert_rc 1 "the heap overflow fails under address"
  assert_contains "$OUT" "FAIL AddressSanitizer: heap-buffer-overflow in test 'small array' at welcome.c:7" "error, test and line"
  assert_contains "$OUT" "sanitizer report:" "the report is shown"
  assert_contains "$OUT" "WRITE of size 4" "the access is described"
  assert_contains "$OUT" "in sum welcome.c:4" "the allocation's frame is in the learner's file"
  assert_not_contains "$OUT" "kdojo-run-" "scratch paths are trimmed"
  assert_not_contains "$OUT" "Shadow bytes" "the shadow dump is dropped"
  assert_contains "$OUT" "kdojo check tour/01-welcome --seed" "the replay line"
  assert_contains "$OUT" "--sanitize=address" "the replay line keeps the sanitizer"
  # A sanitized run is a diagnosis, its speed bars not judged: it is not recorded as progress.
  attempts() { sqlite3 "$XDG_DATA_HOME/kdojo/progress.db" "SELECT count(*) FROM attempts" 2>/dev/null || echo none; }
  before=$(attempts)
  check_sanitized address "$WELCOME_SOLUTION"
  assert_rc 0 "the reference passes under address"
  assert_contains "$OUT" "PASS all 7 tests passed" "all tests pass under address"
  [[ $(attempts) == "$before" ]] || { echo "FAILED: a sanitized run was recorded as an attempt" >&2; exit 1; }
  # Memory: a memory cgroup (as root, cgroup v1) replaces RLIMIT_DATA; otherwise the result says so.
  hostile hog <<'C'
#include <stdlib.h>
#include <string.h>
long long sum(const int *a, int n)
{
    long long total = 0;
    for (int i = 0; i < n; i++) total += a[i];
    for (int k = 0; k < 64; k++) { char *p = malloc(64 << 20); if (!p) break; memset(p, 1, 64 << 20); }
    return total;
}
C
  if [[ $(id -u) == 0 && -d /sys/fs/cgroup/memory ]]; then
    check_sanitized address "$T/hog.c"
    assert_rc 1 "4 GiB fails under address"
    assert_contains "$OUT" "crashed with SIGKILL in test 'an empty array sums to 0' (killed: memory ran out" "the cgroup's limit"
    left=$(find /sys/fs/cgroup/memory -maxdepth 4 -name "kdojo-$KPID-*" 2>/dev/null)
    [[ -z $left ]] || { echo "FAILED: memory cgroup left behind: $left" >&2; exit 1; }
  else
    check_sanitized address "$WELCOME_SOLUTION"
    assert_contains "$OUT" "memory limit (" "an unenforced memory limit is said"
  fi
else
  echo "skipped: address: $CC_BIN has no AddressSanitizer runtime (libasan.so)"
fi

hostile overflow <<'C'
long long sum(const int *a, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) total += a[i];
    return total;
}
C
if has_runtime libubsan.so; then
  check_sanitized undefined "$T/overflow.c"
  assert_rc 1 "a signed overflow fails under undefined"
  assert_contains "$OUT" "FAIL UndefinedBehaviorSanitizer: signed integer overflow in test 'does not overflow an int' at welcome.c:4" "error, test and line"
  assert_contains "$OUT" "cannot be represented in type 'int'" "the report is shown"
  check_sanitized undefined "$WELCOME_SOLUTION"
  assert_rc 0 "the reference passes under undefined"
  assert_contains "$OUT" "PASS all 7 tests passed" "all tests pass under undefined"
else
  echo "skipped: undefined: $CC_BIN has no UndefinedBehaviorSanitizer runtime (libubsan.so)"
fi

COUNTER=$SRC/lessons/conc/01-counter-mutex
if has_runtime libtsan.so; then
  # The starter's counter_add is an unguarded read-modify-write: a data race between writers.
  check_sanitized thread "$COUNTER/starter.c" counter-mutex
  assert_rc 1 "the starter's race fails under thread"
  assert_contains "$OUT" "FAIL ThreadSanitizer: data race in test '2 threads x 2,000,000 increments' at counter.c:" "error, test and line"
  assert_contains "$OUT" "counter_add counter.c:" "the racing frames are the learner's"
  assert_not_contains "$OUT" "warning:" "no compiler warnings about the runtime's own headers"
  # One test: the whole lesson under ThreadSanitizer takes long on a busy machine.
  check_sanitized thread "$COUNTER/solution.c" counter-mutex --test "2 threads x 2,000,000 increments"
  assert_rc 0 "the mutex solution passes under thread"
  assert_contains "$OUT" "PASS the test passed" "the racing test passes under thread"
else
  echo "skipped: thread: $CC_BIN has no ThreadSanitizer runtime (libtsan.so)"
fi

# A CUDA lesson is not C: said plainly.
RC=0
OUT=$("$KDOJO" check cuda/01-vector-add "$T/heap.c" --sanitize=address 2>&1) || RC=$?
assert_rc 2 "--sanitize on a CUDA lesson"
assert_contains "$OUT" "--sanitize works for C lessons" "the restriction is named"
