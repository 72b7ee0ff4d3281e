# A fork bomb is stopped by the process limit (as root too: the child runs as an unused uid,
# for which RLIMIT_NPROC binds), ends in a clear verdict, and leaves nothing running.
# The machines this runs on allow ~32k processes in all: the count is watched while it runs.
source "$SRC/tests/shell/lib/faults.bash"
welcome_with_timeout 2

hostile bomb <<'C'
#include <unistd.h>
long long sum(const int *a, int n)
{
    for (;;) fork();
}
C
"$KDOJO" check welcome "$T/bomb.c" >"$T/out" 2>&1 &
KPID=$!
uid=$(sandbox_uid_of "$KPID")
max=0
while kill -0 "$KPID" 2>/dev/null; do
  n=$(procs_of_uid "$uid" | wc -l)
  (( n > max )) && max=$n
  sleep 0.05
done
RC=0
wait "$KPID" || RC=$?
OUT=$(cat "$T/out")
echo "fork bomb: at most $max processes of uid $uid"
if [[ $(id -u) == 0 ]] && (( max > 150 )); then
  echo "FAILED: the fork bomb reached $max processes (limit 128)" >&2
  exit 1
fi
assert_no_survivors "$KPID"
assert_rc 1 "a fork bomb fails"
assert_contains "$OUT" "FAIL timed out after 2 s in test 'an empty array sums to 0'" "the verdict names the test"
assert_contains "$OUT" "the limit on processes (and threads) was reached" "the report says why it hung"
reference_passes
