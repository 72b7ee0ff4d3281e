local spin_trylock = learner.fn "int spin_trylock(volatile int *lock)"
local spin_lock = learner.fn "void spin_lock(volatile int *lock)"
local spin_unlock = learner.fn "void spin_unlock(volatile int *lock)"
local run = learner.fn "int harness_run(int which, int nthreads, long long iters, int work, int use_try, int pin, long long *out)"
local run2 = learner.fn [[int harness_run2(int which, int nthreads, long long iters, int work, int use_try, int pin,
  int preempt_every, long long *out)]]

local CHAOS_RATE = 0.02

local fmt = thousands

-- The threaded tests would spin forever on a lock that the one-thread test showed is never
-- released (or never taken): they run only once it passes.
local basic_failed

test("one thread: trylock, lock, unlock", function()
  basic_failed = true
  local l = buf.i32(1, { name = "lock" })
  expect(spin_trylock(l), "spin_trylock on a free lock"):eq(1)
  expect(spin_trylock(l), "spin_trylock on a lock this thread holds (held: should return 0 at once)"):eq(0, { hint = 1 })
  spin_unlock(l)
  expect(spin_trylock(l), "spin_trylock after spin_unlock"):eq(1)
  spin_unlock(l)
  spin_lock(l)
  expect(spin_trylock(l), "spin_trylock while spin_lock holds the lock"):eq(0, { hint = 1 })
  spin_unlock(l)
  spin_lock(l)
  spin_unlock(l)
  basic_failed = false
end)

local function gate()
  if basic_failed then
    fail("not run: first make the one-thread test pass; with a lock that is never released or never taken, "
      .. "these threads would spin forever")
  end
end

local function hammer(what, nthreads, iters, work, opts)
  gate()
  opts = opts or {}
  local out = buf.i64(3, { name = "out" })
  if opts.perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = run(0, nthreads, iters, work, opts.try and 1 or 0, opts.pin and 1 or 0, out)
  kd.chaos(0, 0)
  if rc ~= 0 then fail("the harness could not start its threads") end
  local want = nthreads * iters
  if out[2] ~= 0 or out[0] ~= want or out[1] ~= want then
    fail(("%s: two threads were inside the lock at the same time; of %s increments made under the lock, %s "
      .. "survived: the lock must be taken in one atomic step (test and set together)")
      :format(what, fmt(want), fmt(math.min(out[0], out[1]))), { hint = 1 })
  end
end

test("2 threads x 200,000 critical sections", function()
  hammer("2 threads x 200,000 lock/unlock pairs", 2, 200000, 5)
end)

test("8 threads x 20,000, perturbed", function()
  hammer("8 threads x 20,000 lock/unlock pairs, with atomics yielding at random", 8, 20000, 20, { perturb = true })
end)

test("4 threads x 20,000 with spin_trylock, perturbed", function()
  hammer("4 threads x 20,000 spin_trylock loops, with atomics yielding at random", 4, 20000, 20,
    { perturb = true, try = true })
end)

test("6 threads on one CPU x 1,000", function()
  hammer("6 threads sharing one CPU x 1,000 lock/unlock pairs", 6, 1000, 2000, { pin = true })
end)

-- Speed: more threads than CPUs, as on any busy machine. All 6 threads share one CPU, and
-- every 20th critical section its holder is preempted (the harness yields the CPU inside it,
-- as a timer interrupt would). What the waiters then do with the CPU decides the speed:
-- spinning through their time slices, or handing the CPU back so the holder can finish.
-- Pinning to one CPU also makes both locks meet the same competition from other programs.
test("speed: 6 threads on one CPU, holders preempted, against a test-and-set lock", function()
  gate()
  local n, iters, work, every = 6, 150, 32000, 20
  local mine, theirs = buf.i64(3, { name = "out" }), buf.i64(3, { name = "baseline out" })
  bench.compare("spin", {
    reps = 9,
    learner = function() run2(0, n, iters, work, 0, 1, every, mine) end,
    against = function() run2(1, n, iters, work, 0, 1, every, theirs) end,
    check = function()
      expect(mine[0], "increments made under the lock (timed run)"):eq(n * iters, { hint = 1 })
      expect(theirs[0], "the baseline's increments"):eq(n * iters)
    end,
  })
end)
