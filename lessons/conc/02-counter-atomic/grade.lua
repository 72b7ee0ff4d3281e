local counter_new = learner.fn "struct counter *counter_new(void)"
local counter_add = learner.fn "void counter_add(struct counter *c, long long n)"
local counter_get = learner.fn "long long counter_get(struct counter *c)"
local counter_free = learner.fn "void counter_free(struct counter *c)"
local harness_run = learner.fn [[int harness_run(int nwriters, long long iters, const long long *deltas,
  int nreaders, int perturb, long long seed, long long *out)]]
local harness_leak = learner.fn "long long harness_leak(int n)"
local harness_time = learner.fn "int harness_time(int which, int nthreads, long long iters, long long *out)"

-- Perturbed tests also make kdojo's atomics yield now and then (before and after an atomic
-- operation), at a rate and rhythm set by this run's seed: a load followed by a separate
-- store is then interrupted between the two even on one core.
local CHAOS_RATE = 0.005

local function fresh()
  local c = counter_new()
  if c == nil then fail("counter_new() returned NULL") end
  return c
end

local fmt = thousands

-- Runs writers (and readers) against one counter and checks the total. deltas: one per writer.
local stuck -- set once threads hang: they stay blocked, so later stress tests cannot run

local function stress(what, iters, deltas, opts)
  opts = opts or {}
  if stuck then
    fail(("not run: the threads of an earlier test (%s) are still stuck; see that test's message"):format(stuck), { hint = 2 })
  end
  local nw = #deltas
  local d = buf.i64(deltas, { name = "deltas" })
  local out = buf.i64(6, { name = "out" })
  if opts.perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = harness_run(nw, iters, d, opts.readers or 0, opts.perturb and 1 or 0, gen.seed(), out)
  kd.chaos(0, 0)
  if rc == 1 then fail(what .. ": counter_new() returned NULL") end
  if rc == 2 then
    fail(what .. ": the harness could not start its threads (pthread_create failed: too many threads still running?)")
  end
  if rc == 3 then
    stuck = what
    fail(("%s: only %d of %d threads finished within 5 s. A thread is stuck, most likely waiting for a lock that "
      .. "is never unlocked (a path that returns without pthread_mutex_unlock), or spinning forever in a compare-and-swap loop")
      :format(what, out[5], nw + (opts.readers or 0)), { hint = 2 })
  end
  local want = 0
  for _, x in ipairs(deltas) do want = want + x * iters end
  local got = out[0]
  if got ~= want then
    local why
    if opts.unit and got < want then
      why = ("%s of the %s increments were lost: two threads read the same old value, both added 1, and the second "
        .. "write overwrote the first (a load and a separate store are not one atomic operation)"):format(fmt(want - got), fmt(want))
    else
      why = "additions from different threads overwrote each other"
    end
    fail(("%s: the final counter_get() should be %s, got %s; %s"):format(what, fmt(want), fmt(got), why), { hint = 1 })
  end
  if out[1] ~= 0 then
    fail(("%s: a reader saw the count go backwards, from %s to %s, although every thread only adds positive numbers")
      :format(what, fmt(out[2]), fmt(out[3])), { hint = 3 })
  end
end

local function ones(n)
  local t = {}
  for i = 1, n do t[i] = 1 end
  return t
end

test("a new counter reads 0", function()
  local c = fresh()
  expect(counter_get(c), "counter_get() of a new counter"):eq(0)
  counter_free(c)
end)

test("one thread: adds and reads back", function()
  local c = fresh()
  local total = 0
  for _, n in ipairs { 5, -2, 1, 3 * 2 ^ 40 // 1, -7, 0 } do
    counter_add(c, n)
    total = total + n
    expect(counter_get(c), ("counter_get() after adding %s (running total)"):format(fmt(n))):eq(total)
  end
  counter_free(c)
end)

test("two counters are independent", function()
  local a, b = fresh(), fresh()
  counter_add(a, 10)
  counter_add(b, 3)
  counter_add(a, 1)
  expect(counter_get(a), "counter a after adding 10 and 1"):eq(11)
  expect(counter_get(b), "counter b after adding 3"):eq(3)
  counter_free(a)
  counter_free(b)
end)

test("counter_free releases what counter_new allocated", function()
  local n = 2000
  local left = harness_leak(n)
  if left < 0 then fail("counter_new() returned NULL") end
  if left >= n * 8 then
    fail(("after %s counter_new/counter_free pairs, %s bytes are still allocated: counter_free must free the counter "
):format(fmt(n), fmt(left)))
  end
end)

test("2 threads x 2,000,000 increments", function()
  stress("2 threads x 2,000,000 calls of counter_add(c, 1)", 2000000, ones(2), { unit = true })
end)

test("8 threads x 250,000 increments, perturbed schedule", function()
  stress("8 threads x 250,000 calls of counter_add(c, 1), with injected yields", 250000, ones(8), { perturb = true, unit = true })
end)

test("4 threads with mixed deltas (negative, beyond 32 bits), perturbed", function()
  stress("4 threads adding 1, -3, 2^33 and -(2^33 + 5) 200,000 times each, with injected yields", 200000,
    { 1, -3, 1 << 33, -((1 << 33) + 5) }, { perturb = true })
end)

test("readers never see the count go backwards", function()
  stress("3 writers x 300,000 calls of counter_add(c, 1) while 2 readers call counter_get", 300000, ones(3),
    { readers = 2, perturb = true, unit = true })
end)

test("16 threads x 100,000 increments, perturbed", function()
  stress("16 threads x 100,000 calls of counter_add(c, 1), with injected yields", 100000, ones(16), { perturb = true, unit = true })
end)

-- Timed with one thread: the cost of an increment itself, which does not depend on how many
-- cores this machine has free. (With threads on several cores the mutex loses by more, but
-- by an amount that changes with the machine's load from run to run.) Each repetition is
-- short (about a quarter of a millisecond) and there are many: on a busy machine a few
-- repetitions are interrupted by other programs, and the median ignores them.
test("speed: 20,000 increments, against a mutex counter", function()
  local nthreads, iters = 1, 20000
  local mine, theirs = buf.i64(6, { name = "out" }), buf.i64(6, { name = "baseline out" })
  local function timed(which, out)
    out[0] = -1
    local rc = harness_time(which, nthreads, iters, out)
    if rc == 1 then fail("counter_new() returned NULL") end
    if rc ~= 0 then fail(("the timed run failed (harness code %d)"):format(rc)) end
  end
  bench.compare("atomic", {
    reps = 51,
    warmup = 3,
    learner = function() timed(0, mine) end,
    against = function() timed(1, theirs) end,
    check = function()
      expect(mine[0], ("counter_get() after %s calls of counter_add(c, 1) (timed run)"):format(fmt(iters))):eq(iters, { hint = 1 })
      expect(theirs[0], "the mutex baseline's total"):eq(iters)
    end,
  })
end)
