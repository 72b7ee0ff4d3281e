# The GPU worker (one sandboxed grading process that serves check after check): exercised here
# on the simulator (KDOJO_CHECK_WORKER=always), since CI has no GPU. Successive checks reuse
# one worker; a crash or a hang ends in the same verdict as a one-off check, and the worker
# is replaced so that the next check works. On a GPU machine bench/gpu runs the same paths.
source "$SRC/tests/shell/lib/faults.bash"
export KDOJO_CHECK_WORKER=always
k=$T/kernels; mkdir -p "$k"
MAP=$SRC/lessons/puzzles/01-map/solution.cu

out=$("$KDOJO" check puzzles/01-map "$MAP" --repeat 3 2>&1) || { echo "$out"; echo "FAILED: the reference did not pass 3 times"; exit 1; }
[[ $(grep -c '^run [123] of 3: pass, .* (GPU worker)$' <<<"$out") == 3 ]] || { echo "$out"; echo "FAILED: three passes from one worker expected"; exit 1; }

# A kernel that crashes the grading process: each run says so, and each gets a fresh worker.
cat >"$k/crash.cu" <<'CU'
__global__ void map(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    out[i + 100000000] = a[i] + 10.0f;
}
CU
out=$("$KDOJO" check puzzles/01-map "$k/crash.cu" --repeat 2 2>&1) && { echo "$out"; echo "FAILED: a crashing kernel passed"; exit 1; } || true
assert_contains "$out" "run 1 of 2: crash" "the first crash is a crash"
assert_contains "$out" "run 2 of 2: crash" "so is the second, in a new worker"
assert_contains "$out" "(GPU worker, restarted)" "the worker was replaced after the crash"
assert_contains "$out" "by thread (0,0,0) of block (0,0,0)" "the crash report names the CUDA thread"

# A kernel that never ends: a timeout, and the worker is replaced.
cat >"$k/spin.cu" <<'CU'
__global__ void map(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    volatile int forever = 1;
    while (forever) {}
    out[i] = a[i] + 10.0f;
}
CU
start=$(date +%s)
out=$("$KDOJO" check puzzles/01-map "$k/spin.cu" --repeat 2 2>&1) && { echo "$out"; echo "FAILED: an endless kernel passed"; exit 1; } || true
assert_contains "$out" "run 1 of 2: timeout" "an endless kernel times out"
assert_contains "$out" "run 2 of 2: timeout" "and again in a new worker"

# After all that, verify (one worker for the whole run) still proves the lesson.
out=$("$KDOJO" verify puzzles/01-map puzzles/03-guards 2>&1) || { echo "$out"; echo "FAILED: verify through the worker"; exit 1; }
assert_contains "$out" "2 of 2 lessons verified" "verify passes through the worker"
assert_contains "$out" "a GPU worker served" "verify used the worker"
