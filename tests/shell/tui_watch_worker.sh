# TUI: a CUDA lesson is graded by the GPU worker the tutor keeps for it (on the simulator here:
# KDOJO_CHECK_WORKER=always, as CI has no GPU). Saves are re-graded one after another through
# the same worker, and a kernel that crashes it is reported and followed by a working check.
source "$(dirname "${BASH_SOURCE[0]}")/tui_lib.sh"
tui_start 100x30 KDOJO_CHECK_WORKER=always
tui_open "puzzles/01-map"
f=$KDOJO_WORKSPACE/puzzles/01-map/map.cu
cp "$SRC/lessons/puzzles/01-map/solution.cu" "$f"
tui_wait "all 5 tests passed"
# A kernel that writes far out of bounds: the grading process dies, the verdict says where.
printf '__global__ void map(float *out, const float *a, int size)\n{\n    out[threadIdx.x + 100000000] = a[threadIdx.x];\n}\n' >"$f"
tui_wait "CRASH"
assert_contains "$(tui_screen)" "CRASH  crashed with SIGSEGV in test '4 threads" "the crash names the test"
# The next save gets a new worker and passes.
cp "$SRC/lessons/puzzles/01-map/solution.cu" "$f"
tui_wait "all 5 tests passed"
printf '__global__ void map(float *out, const float *a, int size)\n{\n    out[threadIdx.x] = a[threadIdx.x];\n}\n' >"$f"
tui_wait "expected 10, got 0"
tui_quit_clean
