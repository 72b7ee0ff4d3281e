# CUDA simulator diagnostics end to end: deliberately buggy kernels and the messages a learner sees.
k=$T/kernels; mkdir -p "$k"

# An unguarded kernel reads past the end: the buffer, the index and the CUDA thread are named.
cat >"$k/guards.cu" <<'CU'
__global__ void guards(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    out[i] = a[i] + 10.0f;
}
CU
out=$("$KDOJO" check puzzles/03-guards "$k/guards.cu" 2>&1) && { echo "unguarded kernel passed?"; exit 1; } || true
# (The lesson's first test launches 32 threads over no elements at all.)
assert_contains "$out" "crashed with SIGSEGV in test 'no elements at all, 32 threads'" "the crash names the test"
assert_contains "$out" "past the end of buffer 'a' (f32[0]): element index 0, and the buffer is empty; by thread (0,0,0) of block (0,0,0)" "out of bounds names buffer, index and thread"

# A block index forgotten: the same element written by every block, the rest by none.
cat >"$k/blocks.cu" <<'CU'
__global__ void blocks(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    if (i < size) out[i] = a[i] + 10.0f;
}
CU
out=$("$KDOJO" check puzzles/06-blocks "$k/blocks.cu" 2>&1) || true
assert_contains "$out" "9 elements, 3 blocks of 4 threads: out[4]: expected 14, got 0; no thread wrote it" "unwritten cells say so"

# Writes to the wrong cell name the thread that wrote them.
cat >"$k/zip.cu" <<'CU'
__global__ void zip(float *out, const float *a, const float *b, int size)
{
    int i = threadIdx.x;
    out[size - 1 - i] = a[i] + b[i];
}
CU
out=$("$KDOJO" check puzzles/02-zip "$k/zip.cu" 2>&1) || true
assert_contains "$out" "out[0]: expected 0, got 33; written last by thread (3,0,0) of block (0,0,0)" "wrong cells name their writer"

# A barrier inside an if: the thread that left and the line the others wait at.
cat >"$k/dot.cu" <<'CU'
#define TPB 8
__global__ void dot(float *out, const float *a, const float *b, int size)
{
    __shared__ float cache[TPB];
    int t = threadIdx.x;
    cache[t] = t < size ? a[t] * b[t] : 0.0f;
    __syncthreads();
    for (int step = TPB / 2; step > 0; step /= 2) {
        if (t < step) {
            cache[t] += cache[t + step];
            __syncthreads();
        }
    }
    if (t == 0)
        out[0] = cache[0];
}
CU
out=$("$KDOJO" check puzzles/10-dot "$k/dot.cu" 2>&1) || true
assert_contains "$out" "exited without reaching the __syncthreads() at line 11 that 4 other threads of its block wait at" "a skipped barrier is named"

# A missing barrier: the two schedules disagree and the race is reported.
cat >"$k/pooling.cu" <<'CU'
#define TPB 8
__global__ void pooling(float *out, const float *a, int size)
{
    __shared__ float cache[TPB];
    int i = threadIdx.x;
    if (i < size) {
        cache[i] = a[i];
        float s = cache[i];
        if (i >= 1) s += cache[i - 1];
        if (i >= 2) s += cache[i - 2];
        out[i] = s;
    }
}
CU
out=$("$KDOJO" check puzzles/09-pooling "$k/pooling.cu" 2>&1) || true
assert_contains "$out" "a race: out[1] is 1 when the threads run in one order and nan (an unwritten shared slot?) in another" "a race is reported"

# A shuffle whose mask names lanes a 4-thread block does not have.
cat >"$k/map.cu" <<'CU'
__global__ void map(float *out, const float *a, int size)
{
    int i = threadIdx.x;
    float left = __shfl_up_sync(0xffffffff, a[i], 1);
    out[i] = a[i] + 10.0f + 0.0f * left;
}
CU
out=$("$KDOJO" check puzzles/01-map "$k/map.cu" 2>&1) || true
assert_contains "$out" "__shfl_up_sync at line 4: the mask 0xffffffff names lane 4, but warp 0 of this block has only 4 threads" "a bad shuffle mask is reported"

# Reading a neighbour from global memory instead of shared memory breaks the puzzle's rule.
cat >"$k/pooling2.cu" <<'CU'
#define TPB 8
__global__ void pooling(float *out, const float *a, int size)
{
    __shared__ float cache[TPB];
    int i = threadIdx.x;
    if (i < size) cache[i] = a[i];
    __syncthreads();
    if (i < size) {
        float s = a[i];
        if (i >= 1) s += a[i - 1];
        if (i >= 2) s += a[i - 2];
        out[i] = s;
    }
}
CU
out=$("$KDOJO" check puzzles/09-pooling "$k/pooling2.cu" 2>&1) || true
assert_contains "$out" "block (0,0,0) read a[0] 4 times (the last time in thread (2,0,0))" "extra global reads are counted"

# The reference solutions pass.
assert_status 0 "$KDOJO" check puzzles/14-matmul "$SRC/lessons/puzzles/14-matmul/solution.cu"
