# Learner code that closes or scribbles on the result pipe (fd 3), or exits early even with
# status 0, can never produce a pass: only a complete record stream gives a verdict.
source "$SRC/tests/shell/lib/faults.bash"

# Each hostile sum() is otherwise correct, so a pass would be a forged one.
correct='long long t = 0; for (int i = 0; i < n; i++) t += a[i]; return t;'

hostile close3 <<C
#include <unistd.h>
long long sum(const int *a, int n) { close(3); $correct }
C
check_hostile "$T/close3.c"
assert_rc 1 "closing fd 3 fails"
assert_contains "$OUT" "FAIL " "a FAIL verdict"
assert_contains "$OUT" "before the grader finished (0 of 7 tests reported)" "the incomplete stream is explained"
reference_passes

hostile garbage3 <<C
#include <unistd.h>
long long sum(const int *a, int n) { write(3, "PASS PASS PASS PASS PASS", 24); $correct }
C
check_hostile "$T/garbage3.c"
assert_rc 1 "garbage on fd 3 fails"
assert_contains "$OUT" "the grader's result stream was corrupted" "the corruption is named"
assert_contains "$OUT" "file descriptor 3" "the learner is told what broke it"
reference_passes

# A well-formed header with a huge payload length: the decoder must neither wait forever nor
# allocate it.
hostile bigheader3 <<C
#include <unistd.h>
long long sum(const int *a, int n) {
    unsigned char h[12] = { 'K', 'D', 'J', 'R', 5, 4, 0, 0, 0xff, 0xff, 0xff, 0x7f };
    write(3, h, sizeof h);
    $correct
}
C
check_hostile "$T/bigheader3.c"
assert_rc 1 "an oversized record on fd 3 fails"
assert_contains "$OUT" "the grader's result stream was corrupted" "the corruption is named"
reference_passes

# dup2 over fd 3 with /dev/null: records vanish.
hostile null3 <<C
#include <fcntl.h>
#include <unistd.h>
long long sum(const int *a, int n) { int fd = open("/dev/null", O_WRONLY); dup2(fd, 3); $correct }
C
check_hostile "$T/null3.c"
assert_rc 1 "fd 3 redirected to /dev/null fails"
assert_contains "$OUT" "FAIL " "a FAIL verdict"
reference_passes

hostile exit0 <<C
#include <stdlib.h>
long long sum(const int *a, int n) { if (n == 4) exit(0); $correct }
C
check_hostile "$T/exit0.c"
assert_rc 1 "exit(0) in the middle of the tests fails"
assert_contains "$OUT" "FAIL the program exited with status 0 in test 'small array' before the grader finished (2 of 7 tests reported)" "exit(0) is explained"
reference_passes

hostile exit0first <<C
#include <unistd.h>
long long sum(const int *a, int n) { _exit(0); }
C
check_hostile "$T/exit0first.c"
assert_rc 1 "_exit(0) in the first test fails"
assert_contains "$OUT" "exited with status 0" "_exit(0) is explained"
json=$("$KDOJO" check welcome "$T/exit0first.c" --json || true)
assert_contains "$json" '"verdict":"fail"' "JSON says fail"
assert_contains "$json" '"passed":false' "JSON says not passed"
reference_passes
