local barrier_new = learner.fn "struct barrier *barrier_new(int n)"
local barrier_wait = learner.fn "int barrier_wait(struct barrier *b)"
local barrier_free = learner.fn "void barrier_free(struct barrier *b)"
local early = learner.fn "int harness_early(int n, long long *out)"
local rounds = learner.fn "int harness_rounds(int n, int rounds, long long *out)"
local leak = learner.fn "long long harness_leak(int n)"

local CHAOS_RATE = 0.03

local fmt = thousands

local function rc_check(rc)
  if rc == 1 then fail("barrier_new() returned NULL") end
  if rc == 2 then fail("the harness could not start its threads") end
end

-- The many-round runs would hang on a barrier that the watched rounds showed to be broken.
local watched_failed

local function watched(name, body)
  test(name, function()
    local ok, err = pcall(body)
    if not ok then
      watched_failed = watched_failed or name
      error(err, 0)
    end
  end)
end

watched("a barrier for one thread never waits", function()
  local b = barrier_new(1)
  if b == nil then fail("barrier_new(1) returned NULL") end
  for i = 1, 3 do
    expect(barrier_wait(b), ("barrier_wait #%d on a barrier for 1 thread (it is always the serial thread)"):format(i))
      :eq(1, { hint = 1 })
  end
  barrier_free(b)
end)

local function one_round(n)
  local out = buf.i64(6, { name = "out" })
  rc_check(early(n, out))
  for round = 0, 1 do
    local r0, r1, r2 = out[3 * round], out[3 * round + 1], out[3 * round + 2]
    local which = round == 0 and "the first round" or "the second round (the same barrier, used again)"
    if r0 ~= 0 then
      fail(("%s, barrier for %d: %d of the %d threads that had arrived returned from barrier_wait before the last "
        .. "thread arrived"):format(which, n, r0, n - 1), { hint = 1 })
    end
    if r1 < n then
      fail(("%s, barrier for %d: only %d of the %d threads had returned 0.5 s after the last one arrived: the last "
        .. "arrival must wake them all (pthread_cond_broadcast)"):format(which, n, r1, n), { hint = 2 })
    end
    if r2 ~= 1 then
      fail(("%s, barrier for %d: %d threads got 1 from barrier_wait; exactly one (the serial thread) must")
        :format(which, n, r2))
    end
  end
end

watched("two threads wait for each other", function() one_round(2) end)
watched("five threads: nobody leaves before the last arrives", function() one_round(5) end)
watched("sixteen threads", function() one_round(16) end)

test("barrier_free releases what barrier_new allocated", function()
  local n = 2000
  local left = leak(n)
  if left < 0 then fail("barrier_new(1) returned NULL") end
  if left >= n * 8 then
    fail(("after %s barrier_new/barrier_free pairs, %s bytes are still allocated"):format(fmt(n), fmt(left)))
  end
end)

local function many(n, r)
  if watched_failed then
    fail(("not run: first make the single-round tests pass ('%s' failed); these threads would hang"):format(watched_failed))
  end
  local what = ("%d threads x %s rounds, with injected yields"):format(n, fmt(r))
  local out = buf.i64(6, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = rounds(n, r, out)
  kd.chaos(0, 0)
  rc_check(rc)
  if out[0] ~= 0 then
    if out[3] < out[1] then
      fail(("%s: a thread was past the barrier of round %s while thread %d was still at round %s: the barrier let "
        .. "it through before everyone had arrived"):format(what, fmt(out[1]), out[2], fmt(out[3])), { hint = 2 })
    end
    fail(("%s: a thread past the barrier of round %s saw thread %d already at round %s: a thread got through the "
      .. "next round's barrier before everyone had arrived there (does a woken thread check the generation?)")
      :format(what, fmt(out[1]), out[2], fmt(out[3])), { hint = 2 })
  end
  if out[4] >= 0 then
    fail(("%s: in round %s, %d threads got 1 from barrier_wait; exactly one must"):format(what, fmt(out[4]), out[5]))
  end
end

test("2 threads x 20,000 rounds, perturbed", function() many(2, 20000) end)
test("4 threads x 5,000 rounds, perturbed", function() many(4, 5000) end)
test("7 threads x 2,000 rounds, perturbed", function() many(7, 2000) end)
test("16 threads x 500 rounds, perturbed", function() many(16, 500) end)
