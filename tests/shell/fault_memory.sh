# Allocating without bound hits the data-size limit: a clear verdict that names the memory
# limit, quickly, and the next check works normally.
source "$SRC/tests/shell/lib/faults.bash"

# Checks malloc's result, as careful code does: the NULL it gets is then dereferenced.
hostile hog <<'C'
#include <stdlib.h>
#include <string.h>
long long sum(const int *a, int n)
{
    for (;;) {
        char *p = malloc(1 << 20);
        if (!p) return *(volatile long long *)p;
        memset(p, 1, 1 << 20);
    }
}
C
check_hostile "$T/hog.c"
assert_rc 1 "unbounded allocation fails"
assert_contains "$OUT" "in test 'an empty array sums to 0'" "the test is named"
assert_contains "$OUT" "the memory limit was reached" "the memory limit is named"
assert_not_contains "$OUT" "timed out" "the limit binds before the deadline"
reference_passes

# Never looks at malloc's result.
hostile hog2 <<'C'
#include <stdlib.h>
#include <string.h>
long long sum(const int *a, int n)
{
    for (;;) memset(malloc(1 << 20), 1, 1 << 20);
}
C
check_hostile "$T/hog2.c"
assert_rc 1 "unbounded allocation fails"
assert_contains "$OUT" "the memory limit was reached" "the memory limit is named"
reference_passes
