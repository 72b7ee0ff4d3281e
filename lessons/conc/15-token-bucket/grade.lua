local bucket_new = learner.fn "struct bucket *bucket_new(double rate, double burst, double now)"
local bucket_take = learner.fn "int bucket_take(struct bucket *b, double now, double n)"
local bucket_wait = learner.fn "double bucket_wait(struct bucket *b, double now, double n)"
local bucket_free = learner.fn "void bucket_free(struct bucket *b)"
local crowd = learner.fn [[int harness_crowd(int nthreads, double rate, double burst, double n, long long ticks, double dt,
  long long seed, long long *out)]]
local leak = learner.fn "long long harness_leak(int n)"
local probe = learner.fn "int harness_probe(void)"
local usable = learner.fn "int harness_usable(struct bucket *b, double now)"


local CHAOS_RATE = 0.02

-- Set when the first calls never returned: every later test would hang the same way.
local stuck

local function fresh(rate, burst, now)
  local b = bucket_new(rate, burst, now)
  if b == nil then fail("bucket_new returned NULL") end
  if usable(b, now) == 0 then
    stuck = true
    fail(("bucket_take(b, %g, 0) on a bucket just made by bucket_new(%g, %g, %g) did not return within 1 s: is the "
      .. "lock initialised in bucket_new?"):format(now, rate, burst, now))
  end
  return b
end

local function gate()
  if stuck then fail("not run: the first test's calls never returned") end
end

local function take(b, now, n, want, what)
  expect(bucket_take(b, now, n), ("bucket_take(now = %g, n = %g) %s"):format(now, n, what)):eq(want)
end

test("a new bucket is full, and empties", function()
  local p = probe()
  if p == 0 then
    stuck = true
    fail("bucket_new(2, 5, 100) followed by bucket_take(b, 100, 5) did not return within 1 s (in a helper thread): "
      .. "is the lock initialised in bucket_new?")
  end
  if p == 3 then fail("bucket_new returned NULL") end
  local b = fresh(2, 5, 100)
  take(b, 100, 5, 1, "on a new bucket (rate 2/s, burst 5, created at 100): it starts full")
  take(b, 100, 1, 0, "right after taking all 5 tokens")
  take(b, 100, 0, 1, "for 0 tokens (always possible)")
  bucket_free(b)
end)

test("tokens come back at the rate", function()
  gate()
  local b = fresh(2, 5, 100)
  take(b, 100, 5, 1, "(taking all 5)")
  take(b, 100.5, 1, 1, "0.5 s later, at 2 tokens/s (1 token earned)", { hint = 1 })
  take(b, 100.5, 1, 0, "again at the same time (the earned token is gone)")
  take(b, 102, 3, 1, "at 102: 1.5 s later, 3 tokens earned")
  take(b, 102.25, 1, 0, "at 102.25: only 0.5 tokens earned since")
  take(b, 102.5, 1, 1, "at 102.5: 1 token earned since 102 (the half from before counts)")
  bucket_free(b)
end)

test("never more than burst", function()
  gate()
  local b = fresh(10, 3, 0)
  take(b, 0, 3, 1, "(taking all 3)")
  take(b, 1000, 3, 1, "after 1000 s idle (capped at burst 3)")
  take(b, 1000, 1, 0, "right after: tokens beyond burst must not have been kept", { hint = 1 })
  bucket_free(b)
end)

test("fractional rates", function()
  gate()
  local b = fresh(3, 1, 0)
  take(b, 0, 1, 1, "(rate 3/s, burst 1, taking the one token)")
  take(b, 0.2, 1, 0, "at 0.2 s (0.6 tokens earned)")
  take(b, 0.34, 1, 1, "at 0.34 s (1.02 tokens earned)")
  take(b, 0.5, 0.5, 0, "for 0.5 tokens at 0.5 s (0.48 earned since)")
  take(b, 0.51, 0.5, 1, "for 0.5 tokens at 0.51 s (0.51 earned since)")
  bucket_free(b)
end)

test("bucket_wait says how long until there are enough tokens", function()
  gate()
  local b = fresh(4, 2, 0)
  take(b, 0, 2, 1, "(rate 4/s, burst 2: taking both)")
  expect(bucket_wait(b, 0, 1), "bucket_wait(now = 0, n = 1) on an empty bucket earning 4/s"):near(0.25, { atol = 1e-9 })
  expect(bucket_wait(b, 0.1, 1), "bucket_wait(now = 0.1, n = 1): 0.4 tokens earned already"):near(0.15, { atol = 1e-9 })
  expect(bucket_wait(b, 0.1, 2), "bucket_wait(now = 0.1, n = 2)"):near(0.4, { atol = 1e-9 })
  expect(bucket_wait(b, 5, 1), "bucket_wait(now = 5, n = 1): full again"):eq(0)
  expect(bucket_wait(b, 5, 3), "bucket_wait(n = 3) on a bucket of burst 2: never (-1)"):eq(-1, { hint = 3 })
  take(b, 5, 2, 1, "after the waits (bucket_wait must not take tokens)")
  bucket_free(b)
end)

test("a clock that steps back does not mint tokens", function()
  gate()
  local b = fresh(8, 5, 10)
  take(b, 10, 5, 1, "(rate 8/s, burst 5: taking all 5 at 10)")
  take(b, 9, 1, 0, "at 9, a time before the last call (another thread's slightly older clock)", { hint = 2 })
  take(b, 10, 1, 0, "at 10 again: no time has passed since the last refill, whatever came between", { hint = 2 })
  take(b, 10.125, 1, 1, "at 10.125 (1 token earned since 10)")
  take(b, 10.125, 1, 0, "at 10.125 again")
  bucket_free(b)
end)

test("bucket_free releases what bucket_new allocated", function()
  gate()
  local n = 2000
  local left = leak(n)
  if left < 0 then fail("bucket_new returned NULL") end
  if left >= n * 8 then
    fail(("after %d bucket_new/bucket_free pairs, %d bytes are still allocated"):format(n, left))
  end
end)

local function many(nthreads, rate, burst, n, ticks, dt)
  local what = ("%d threads taking %g token(s) at a time from a bucket of rate %g/s and burst %g, over %g simulated "
    .. "seconds, with injected yields"):format(nthreads, n, rate, burst, ticks * dt)
  local out = buf.i64(2, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = crowd(nthreads, rate, burst, n, ticks, dt, gen.seed(), out)
  kd.chaos(0, 0)
  if rc == 1 then fail("bucket_new returned NULL") end
  if rc == 2 then fail("the harness could not start its threads") end
  local most = (burst + rate * ticks * dt) / n
  if out[0] > most + 1e-6 then
    fail(("%s: %d requests were granted, at most %g may be (burst + rate x time): two threads took the same "
      .. "tokens. Refill and take must be one critical section"):format(what, out[0], most), { hint = 2 })
  end
  if out[0] < math.floor(most) - 2 then
    fail(("%s: only %d requests were granted out of %d made, although %g tokens' worth were earned: tokens "
      .. "were lost (a refill overwritten by another thread, or time counted twice as already refilled?)")
      :format(what, out[0], out[1], math.floor(most)), { hint = 1 })
  end
end

-- Times are multiples of a power of two, so the expected totals are exact in floating point.
test("8 threads share one bucket, perturbed", function() gate(); many(8, 1024, 20, 1, 3072, 1 / 1024) end)
test("3 threads share one bucket, perturbed", function() gate(); many(3, 1024, 5, 1, 3072, 1 / 1024) end)
test("4 threads, fractional requests, perturbed", function() gate(); many(4, 512, 10, 2.5, 1000, 1 / 512) end)
test("16 threads, a tiny rate, perturbed", function() gate(); many(16, 4, 1, 1, 1024, 1 / 128) end)
