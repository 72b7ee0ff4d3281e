# An endless loop ends in "timed out after N s in test '...'" and leaves nothing running.
# The lesson's own budget (10 s) is used once here: it is the one the learner meets.
source "$SRC/tests/shell/lib/faults.bash"

hostile spin <<'C'
long long sum(const int *a, int n)
{
    volatile long long total = 0;
    if (n == 4)
        for (;;) total++;   /* the 'small array' test never returns */
    for (int i = 0; i < n; i++) total += a[i];
    return total;
}
C
start=$(date +%s%N)
check_hostile "$T/spin.c"
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
assert_rc 1 "an endless loop fails"
assert_contains "$OUT" "FAIL timed out after 10 s in test 'small array'" "the timeout names the budget and the test"
assert_contains "$OUT" "✓ one element" "tests before the loop are reported"
(( took_ms < 14000 )) || { echo "FAILED: the timed-out check took $took_ms ms" >&2; exit 1; }
reference_passes
