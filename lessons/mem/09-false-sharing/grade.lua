local stats_new = learner.fn "struct stats *stats_new(int nworkers)"
local stats_hit = learner.fn "void stats_hit(struct stats *s, int worker)"
local stats_count = learner.fn "long long stats_count(struct stats *s, int worker)"
local stats_free = learner.fn "void stats_free(struct stats *s)"
local harness_run = learner.fn "int harness_run(int nworkers, long long iters, long long *out)"
local harness_fresh = learner.fn "int harness_fresh(int nworkers, long long *out)"
local harness_leak = learner.fn "long long harness_leak(int n, int nworkers)"
local harness_pair = learner.fn "int harness_pair(long long iters, long long *out)"
local reference_pair = reference.fn "int harness_pair(long long iters, long long *out)"

local fmt = thousands

local function fresh(n)
  local s = stats_new(n)
  if s == nil then fail(("stats_new(%d) returned NULL"):format(n)) end
  return s
end

-- Names the first worker whose count is wrong, and says what the counts suggest.
local function check_counts(what, out, nworkers, want)
  local sum = 0
  for w = 0, nworkers - 1 do sum = sum + out[w] end
  for w = 0, nworkers - 1 do
    if out[w] ~= want then
      local why = ""
      if sum == nworkers * want then
        why = "; the total is right, so increments landed in another worker's counter (two workers share one slot?)"
      elseif out[w] > want then
        why = "; more than were made: another worker's increments land in this counter, or it did not start at 0"
      end
      fail(("%s: stats_count(s, %d) should be %s, got %s%s"):format(what, w, fmt(want), fmt(out[w]), why), { hint = 3 })
    end
  end
end

local function run(nworkers, iters)
  local out = buf.i64(32, { name = "out" })
  local what = ("%d workers x %s calls of stats_hit(s, own id)"):format(nworkers, fmt(iters))
  local rc = harness_run(nworkers, iters, out)
  if rc == 1 then fail(("stats_new(%d) returned NULL"):format(nworkers)) end
  if rc == 2 then fail(what .. ": the harness could not start its threads") end
  if rc == 3 then fail(what .. ": the workers did not finish within 10 s") end
  check_counts(what, out, nworkers, iters)
end

test("one worker counts its hits", function()
  local s = fresh(1)
  for _ = 1, 5 do stats_hit(s, 0) end
  expect(stats_count(s, 0), "stats_count(s, 0) after 5 calls of stats_hit(s, 0)"):eq(5)
  stats_free(s)
end)

test("workers' counts are separate", function()
  local s = fresh(5)
  local hits = { [0] = 3, 0, 7, 1, 12 }
  for w = 0, 4 do
    for _ = 1, hits[w] do stats_hit(s, w) end
  end
  for w = 0, 4 do
    expect(stats_count(s, w), ("stats_count(s, %d) after hits of 3, 0, 7, 1, 12 for workers 0..4"):format(w))
      :eq(hits[w], { hint = 3 })
  end
  stats_free(s)
end)

test("new counters start at 0 (memory is reused)", function()
  for _, n in ipairs { 1, 4, 9 } do
    local out = buf.i64(32, { name = "out" })
    local rc = harness_fresh(n, out)
    if rc ~= 0 then fail(("stats_new(%d) returned NULL"):format(n)) end
    for w = 0, n - 1 do
      if out[w] ~= 0 then
        fail(("stats_new(%d) on memory that earlier stats used: stats_count(s, %d) is %s before any hit; "
          .. "malloc and posix_memalign do not clear memory"):format(n, w, fmt(out[w])), { hint = 2 })
      end
    end
  end
end)

test("stats_free releases what stats_new allocated", function()
  local n = 1000
  local left = harness_leak(n, 4)
  if left < 0 then fail("stats_new(4) returned NULL") end
  if left >= n * 8 then
    fail(("after %s stats_new(4)/stats_free pairs, %s bytes are still allocated: stats_free must free everything "
      .. "stats_new allocated"):format(fmt(n), fmt(left)))
  end
end)

test("2 workers at once", function() run(2, 1000000) end)
test("3 workers at once", function() run(3, 300000) end)
test("9 workers at once (more than one line's worth of packed counters)", function() run(9, 100000) end)
test("16 workers at once", function() run(16, 50000) end)

-- Two workers on two cores, each calling stats_hit on its own counter. The reference runs the
-- same loops on padded counters, side by side. Repetitions are short (a fraction of a
-- millisecond) and many, so that most run without another program taking a core away in the
-- middle; the median ignores the rest.
test("speed: 2 workers x 30,000 hits, against the padded reference", function()
  local iters = 30000
  local mine, theirs = buf.i64(2, { name = "out" }), buf.i64(2, { name = "reference out" })
  local function timed(f, out)
    local rc = f(iters, out)
    if rc == 1 then fail("stats_new(2) returned NULL") end
    if rc ~= 0 then fail("the timed run could not start its helper thread") end
  end
  bench.compare("padded", {
    reps = 81,
    warmup = 3,
    learner = function() timed(harness_pair, mine) end,
    against = function() timed(reference_pair, theirs) end,
    check = function() check_counts(("2 workers x %s hits (timed run)"):format(fmt(iters)), mine, 2, iters) end,
  })
end)
