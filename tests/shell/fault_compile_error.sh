# A compile error shows the learner's file name, line and source line, explains TinyCC's
# missing-';' quirk, and never shows a temporary path.
source "$SRC/tests/shell/lib/faults.bash"

hostile semicolon <<'C'
long long sum(const int *a, int n)
{
    long long total = 0
    for (int i = 0; i < n; i++)
        total += a[i];
    return total;
}
C
check_hostile "$T/semicolon.c"
assert_rc 1 "a compile error fails"
assert_contains "$OUT" "welcome.c:4: error: ';' expected" "the lesson's file name and the line"
assert_contains "$OUT" "blames a missing ';' on the line after it" "the missing-';' note"
assert_contains "$OUT" "   3 |     long long total = 0" "the line before is shown"
assert_contains "$OUT" "   4 |     for (int i = 0; i < n; i++)" "the source line is shown"
assert_contains "$OUT" "FAIL welcome.c does not compile" "the verdict"
assert_not_contains "$OUT" "/tmp" "no temporary path"
assert_not_contains "$OUT" "$T" "no path of the learner's file"
json=$("$KDOJO" check welcome "$T/semicolon.c" --json || true)
assert_contains "$json" '"verdict":"compile-error"' "JSON verdict"
assert_not_contains "$json" "/tmp" "no temporary path in JSON"

hostile undeclared <<'C'
long long sum(const int *a, int n)
{
    return totl;
}
C
check_hostile "$T/undeclared.c"
assert_rc 1 "an undeclared identifier fails"
assert_contains "$OUT" "welcome.c:3: error: 'totl' undeclared" "file, line and message"
assert_contains "$OUT" "   3 |     return totl;" "the source line"
assert_not_contains "$OUT" "/tmp" "no temporary path"

# A link error (a function that is declared but never defined).
hostile link <<'C'
long long helper(int);
long long sum(const int *a, int n) { return helper(n); }
C
check_hostile "$T/link.c"
assert_rc 1 "an undefined function fails"
assert_contains "$OUT" "helper" "the missing symbol is named"
assert_not_contains "$OUT" "/tmp" "no temporary path"
reference_passes
