# kill(0, SIGKILL) and kill(-1, SIGKILL) from learner code: kdojo, the test runner and every
# other process on the machine survive; the check ends in a FAIL and the next one works.
source "$SRC/tests/shell/lib/faults.bash"

# A bystander: a process of ours that kill(-1, ...) would reach if the sandbox let it.
sleep 300 &
bystander=$!
trap 'kill $bystander 2>/dev/null; rm -rf "$T"' EXIT

hostile killpg <<'C'
#include <signal.h>
long long sum(const int *a, int n) { kill(0, SIGKILL); return -1; }
C
check_hostile "$T/killpg.c"
assert_rc 1 "kill(0, SIGKILL) fails the check"
assert_contains "$OUT" "FAIL " "kdojo lived to print a verdict"
kill -0 $$ || { echo "FAILED: the test runner was killed" >&2; exit 1; }
kill -0 $bystander || { echo "FAILED: kill(0) reached a process outside the sandbox" >&2; exit 1; }
reference_passes

hostile killall <<'C'
#include <signal.h>
long long sum(const int *a, int n) { kill(-1, SIGKILL); return -1; }
C
check_hostile "$T/killall.c"
assert_rc 1 "kill(-1, SIGKILL) fails the check"
assert_contains "$OUT" "FAIL " "kdojo lived to print a verdict"
kill -0 $bystander || { echo "FAILED: kill(-1) reached a process outside the sandbox" >&2; exit 1; }
reference_passes

# Signals aimed at kdojo itself (the parent of the sandbox, by pid) must not reach it either.
hostile killparent <<'C'
#include <signal.h>
#include <unistd.h>
long long sum(const int *a, int n) {
    kill(getppid(), SIGKILL);
    for (int pid = 2; pid < 4096; pid++) kill(pid, SIGKILL);
    return -1;
}
C
check_hostile "$T/killparent.c"
assert_rc 1 "killing by pid fails the check"
assert_contains "$OUT" "FAIL " "kdojo lived to print a verdict"
kill -0 $bystander || { echo "FAILED: the sandbox reached a process by pid" >&2; exit 1; }
reference_passes
