# Crashes in learner code end in a clear verdict naming the signal, the test and the cause,
# and the next check works normally.
source "$SRC/tests/shell/lib/faults.bash"

hostile null <<'C'
long long sum(const int *a, int n)
{
    int *p = 0;
    return n == 1 ? *p : 0;
}
C
check_hostile "$T/null.c"
assert_rc 1 "a NULL dereference fails"
assert_contains "$OUT" "crashed with SIGSEGV in test 'one element'" "the signal and the test are named"
assert_contains "$OUT" "a NULL pointer was dereferenced" "the NULL dereference is named"
reference_passes

hostile recurse <<'C'
long long sum(const int *a, int n)
{
    volatile char frame[512];
    frame[0] = (char)n;
    return sum(a, n + 1) + frame[0];   /* no base case */
}
C
check_hostile "$T/recurse.c"
assert_rc 1 "endless recursion fails"
assert_contains "$OUT" "crashed with SIGSEGV in test 'an empty array sums to 0'" "the signal and the test are named"
assert_contains "$OUT" "stack overflow" "a stack overflow is named as such"
reference_passes

# One write past the end of the buffer the grader passed: a[n] in 'small array' (n = 4).
hostile oob <<'C'
long long sum(const int *a, int n)
{
    long long total = 0;
    for (int i = 0; i < n; i++) total += a[i];
    if (n == 4) ((int *)a)[n] = 0;
    return total;
}
C
check_hostile "$T/oob.c"
assert_rc 1 "an out-of-bounds write fails"
assert_contains "$OUT" "crashed with SIGSEGV in test 'small array'" "the signal and the test are named"
assert_contains "$OUT" "past the end of buffer" "the buffer overrun is named"
assert_contains "$OUT" "(i32[4]): element index 4" "the buffer's type, size and the index are named"
reference_passes

hostile abort <<'C'
#include <stdlib.h>
long long sum(const int *a, int n)
{
    if (n == 1) abort();
    return 0;
}
C
check_hostile "$T/abort.c"
assert_rc 1 "abort() fails"
assert_contains "$OUT" "crashed with SIGABRT in test 'one element'" "abort is reported as SIGABRT in its test"
assert_contains "$OUT" "abort() called" "the abort is explained"
reference_passes

hostile fpe <<'C'
long long sum(const int *a, int n)
{
    volatile int zero = 0;
    return n / zero;
}
C
check_hostile "$T/fpe.c"
assert_rc 1 "a division by zero fails"
assert_contains "$OUT" "crashed with SIGFPE in test 'an empty array sums to 0'" "SIGFPE is named with its test"
reference_passes
