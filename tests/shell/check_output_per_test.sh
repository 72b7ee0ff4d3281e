# The learner's printf output is shown with the test that printed it (issue 3, section 4).
source "$SRC/tests/shell/lib/faults.bash"

hostile chatty <<'C'
#include <stdio.h>
long long sum(const int *a, int n)
{
    printf("sum called with n=%d\n", n);
    long long t = 0;
    for (int i = 0; i < n; i++) t += a[i];
    return t;
}
C
# block <output> <test name>: the lines of one test's entry in `kdojo check -v` output.
block() { awk -v t="$2" '/^  [^ ]/ { on = index($0, " " t) > 0 && substr($0, length($0) - length(t) + 1) == t } on' <<<"$1"; }
for run in 1 2 3 4 5; do
  out=$("$KDOJO" check welcome "$T/chatty.c" -v)
  assert_contains "$out" "PASS all 7 tests passed" "the chatty solution passes"
  assert_not_contains "$out" "output outside any test" "no output is orphaned (run $run)"
  one=$(block "$out" "one element")
  small=$(block "$out" "small array")
  assert_contains "$one" "> sum called with n=1" "'one element' shows its own output (run $run)"
  assert_not_contains "$one" "n=4" "'one element' does not show the next test's output (run $run)"
  assert_contains "$small" "> sum called with n=4" "'small array' shows its own output (run $run)"
  assert_not_contains "$small" "n=1" "'small array' does not show the previous test's output (run $run)"
done
