# Printing without end: the output kept is capped, the cut is noted, the check ends, and the
# next check works normally.
source "$SRC/tests/shell/lib/faults.bash"
welcome_with_timeout 2

hostile chatter <<'C'
#include <stdio.h>
long long sum(const int *a, int n)
{
    for (long i = 0;; i++) printf("spam %ld\n", i);
}
C
check_hostile "$T/chatter.c"
assert_rc 1 "endless output fails"
assert_contains "$OUT" "in test 'an empty array sums to 0'" "the test is named"
assert_contains "$OUT" "> spam 0" "the start of the output is shown"
assert_contains "$OUT" "(output truncated:" "the cut is noted"
(( ${#OUT} < 16384 )) || { echo "FAILED: ${#OUT} bytes of output shown (cap 4096 per test)" >&2; exit 1; }
reference_passes

# Output with a NUL byte in it, then endless writes to stderr.
hostile chatter2 <<'C'
#include <unistd.h>
long long sum(const int *a, int n)
{
    write(1, "before\0after\n", 13);
    for (;;) write(2, "err err err err\n", 16);
}
C
check_hostile "$T/chatter2.c"
assert_rc 1 "endless output to stderr fails"
assert_contains "$OUT" "(output truncated:" "the cut is noted"
(( ${#OUT} < 16384 )) || { echo "FAILED: ${#OUT} bytes of output shown" >&2; exit 1; }
reference_passes
