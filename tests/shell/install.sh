# cmake --install puts binary and data in place; the installed kdojo finds its data alone.
build=$(dirname "$KDOJO")
cmake --install "$build" --prefix "$T/prefix" >/dev/null
[[ -x $T/prefix/bin/kdojo ]]
[[ -f $T/prefix/share/kdojo/lessons/tour/01-welcome/lesson.lua ]]
[[ -f $T/prefix/share/kdojo/graders/kdojo.lua ]]
[[ -f $T/prefix/share/kdojo/kernels/include/kdojo/atomic.h ]]
out=$(env -u KDOJO_DATA "$T/prefix/bin/kdojo" list)
assert_contains "$out" "tour/01-welcome" "installed kdojo lists lessons"
# Its lessons come from the install, not the source tree: a copy elsewhere still works.
cp -a "$T/prefix" "$T/moved"
out=$(env -u KDOJO_DATA "$T/moved/bin/kdojo" check welcome "$SRC/lessons/tour/01-welcome/solution.c")
assert_contains "$out" "PASS" "a relocated install grades"
