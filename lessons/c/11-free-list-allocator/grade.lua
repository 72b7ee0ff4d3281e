local mm_init = learner.fn "int mm_init(void)"
local mm_malloc = learner.fn "void *mm_malloc(size_t size)"
local mm_free = learner.fn "void mm_free(void *ptr)"
local mm_realloc = learner.fn "void *mm_realloc(void *ptr, size_t size)"
local heap_reset = learner.fn "int harness_heap_reset(void)"
local heap_size = learner.fn "size_t harness_heap_size(void)"
local heap_offset = learner.fn "long long harness_heap_offset(const void *p)"
local addr = learner.fn "size_t harness_addr(const void *p)"
local fill = learner.fn "void harness_fill(void *p, size_t n, int value)"
local check = learner.fn "long harness_check(const void *p, size_t n, int value)"
local trace_make = learner.fn "int harness_trace_make(int kind, long long seed, int nops, int maxlive)"
local trace_check = learner.fn "int harness_trace_check(long long *out)"
local trace_time = learner.fn "int harness_trace_time(int which)"

local T_RANDOM, T_COALESCE, T_REALLOC, T_PHASES, T_SMALL = 0, 1, 2, 3, 4
local SIZE_MAX = -1

local function fmt(n)
  local s = tostring(math.tointeger(n) or n)
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  return (out:gsub("^(-?),", "%1"))
end

-- An empty heap and a fresh allocator.
local function start()
  if heap_reset() ~= 0 then error("the harness could not reserve the heap") end
  local r = mm_init()
  if r ~= 0 then fail(("mm_init() on an empty heap returned %d, expected 0"):format(r)) end
  if heap_size() == 0 then
    fail("mm_init() returned 0 but left the heap empty: lay down the heap's first structure there (padding, a prologue block and an epilogue header, with harness_sbrk)", { hint = 1 })
  end
end

-- A block from mm_malloc / mm_realloc, checked: not NULL, 16-aligned, inside the heap.
local function block(p, size, call)
  if p == nil then fail(call .. " returned NULL, but the heap has room", { hint = 1 }) end
  if addr(p) % 16 ~= 0 then
    fail(("%s returned an address %d bytes past a multiple of 16; every block must be 16-aligned"):format(call, addr(p) % 16), { hint = 1 })
  end
  if heap_offset(p) < 0 or heap_offset(p) + size > heap_size() then
    fail(("%s returned a pointer outside the heap (the memory harness_sbrk handed out)"):format(call), { hint = 1 })
  end
  fill(p, size, 0x5A)
  return p
end

test("mm_init sets up the heap", function() start() end)

test("one block", function()
  start()
  block(mm_malloc(1), 1, "mm_malloc(1)")
  block(mm_malloc(100), 100, "mm_malloc(100), after mm_malloc(1)")
end)

test("mm_free(NULL) does nothing", function()
  start()
  mm_free(nil)
  block(mm_malloc(24), 24, "mm_malloc(24) after mm_free(NULL)")
end)

test("mm_realloc(NULL, n) allocates; mm_realloc(p, 0) frees", function()
  start()
  local p = block(mm_realloc(nil, 40), 40, "mm_realloc(NULL, 40)")
  local q = mm_realloc(p, 0)
  if q ~= nil then fail("mm_realloc(p, 0) should free p and return NULL; it returned a pointer", { hint = 3 }) end
  block(mm_malloc(40), 40, "mm_malloc(40) after mm_realloc(p, 0)")
end)

test("mm_realloc keeps the contents", function()
  start()
  local p = block(mm_malloc(100), 100, "mm_malloc(100)")
  fill(p, 100, 0x3C)
  local other = block(mm_malloc(50), 50, "mm_malloc(50)") -- something after p, so growing may have to move
  fill(other, 50, 0x77)
  local q = mm_realloc(p, 5000)
  if q == nil then fail("mm_realloc(p, 5000) returned NULL, but the heap has room", { hint = 3 }) end
  local bad = check(q, 100, 0x3C)
  if bad >= 0 then fail(("mm_realloc(p, 5000) of a 100-byte block: byte %d of the old contents was not kept"):format(bad), { hint = 3 }) end
  bad = check(other, 50, 0x77)
  if bad >= 0 then fail(("mm_realloc(p, 5000) overwrote byte %d of another block"):format(bad), { hint = 3 }) end
  local r = mm_realloc(q, 10)
  if r == nil then fail("mm_realloc(p, 10), shrinking a 5000-byte block, returned NULL", { hint = 3 }) end
  bad = check(r, 10, 0x3C)
  if bad >= 0 then fail(("mm_realloc(p, 10), shrinking: byte %d of the contents was not kept"):format(bad), { hint = 3 }) end
end)

test("requests that cannot be met return NULL", function()
  start()
  block(mm_malloc(64), 64, "mm_malloc(64)")
  for _, r in ipairs({ { SIZE_MAX, "SIZE_MAX" }, { -8, "SIZE_MAX - 7" }, { -16, "SIZE_MAX - 15" },
                       { 1 << 40, "2^40" }, { 100 << 20, "100 MiB (the heap may grow to 64 MiB)" } }) do
    local p = mm_malloc(r[1])
    if p ~= nil then
      fail(("mm_malloc(%s) returned a pointer, expected NULL. Adding the header and rounding up can wrap a huge size around to a small one: check the size before you compute with it"):format(r[2]), { hint = 2 })
    end
  end
  block(mm_malloc(64), 64, "mm_malloc(64) after the failed requests")
end)

-- Runs a trace through the allocator with every check on; returns the utilisation.
local problems = {
  [1] = "mm_init() returned nonzero, or left the heap empty",
  [2] = "returned NULL, but the heap has room",
  [3] = "returned an address that is not 16-aligned",
  [4] = "returned a block that is not entirely inside the heap",
  [5] = "was about to get a block whose contents had changed since it was written: another block overlaps it, or the allocator wrote its own data into it",
  [6] = "did not keep the block's contents",
  [7] = "the harness could not reserve the heap",
}

local function run_trace(kind, nops, maxlive, what, min_util)
  local n = trace_make(kind, seed, nops, maxlive)
  local out = buf.i64(8, { name = "out" })
  local rc = trace_check(out)
  if rc ~= 0 then
    local opname = ({ [0] = "mm_malloc", "mm_free", "mm_realloc" })
    local detail = ""
    if rc == 5 or rc == 6 then detail = (" (first changed byte: %d)"):format(out[3]) end
    fail(("%s, operation %s of %s (block %s, size %s): %s%s"):format(what, fmt(out[1]), fmt(n), fmt(out[2]), fmt(out[6]),
      problems[rc] or ("harness code " .. rc), detail), { hint = rc == 5 and 2 or 1 })
  end
  local util = out[4] / math.max(out[5], 1)
  if min_util and util < min_util then
    fail(("%s: utilisation %.0f%% (peak %s bytes requested at once, heap grew to %s bytes); at least %.0f%% is needed. Free blocks must be reused, split when too big, and merged with free neighbours"):format(
      what, util * 100, fmt(out[4]), fmt(out[5]), min_util * 100), { hint = 2 })
  end
  return util
end

test("trace: small blocks", function() run_trace(T_SMALL, 20000, 1000, "20,000 operations on blocks of 1 to 48 bytes", 0.40) end)
test("trace: random sizes", function() run_trace(T_RANDOM, 20000, 2000, "20,000 random operations, blocks of 1 to 4096 bytes", 0.65) end)
test("trace: free many small blocks, then allocate large ones", function()
  run_trace(T_COALESCE, 0, 4000, "4 rounds of 4000 blocks of ~100 bytes freed in random order, then 200 of ~2000 bytes", 0.65)
end)
test("trace: growing buffers", function() run_trace(T_REALLOC, 20000, 200, "8 buffers grown by mm_realloc, 20,000 operations", 0.35) end)
test("trace: phases of different sizes", function() run_trace(T_PHASES, 0, 3000, "6 phases of 3000 blocks, small then large", 0.75) end)

test("speed: a random trace, against libc malloc", function()
  run_trace(T_RANDOM, 6000, 60, "the timed trace (checked once before timing)", nil)
  -- Many short repetitions (a fraction of a millisecond each): on a busy machine some are
  -- interrupted by other programs, and the median ignores those.
  bench.compare("throughput", {
    reps = 41,
    warmup = 3,
    learner = function() return trace_time(0) end,
    against = function() return trace_time(1) end,
    check = function(got, want)
      if got ~= 0 then fail("the timed trace: mm_malloc or mm_realloc returned NULL") end
    end,
  })
end)
