local run = learner.fn "int harness_run(int kind, int n, int nthreads, long long *out)"
local skew = learner.fn "int harness_skew(int which, int n, int nthreads, int wait_us, int heavy_us, long long *out)"

local COUNT, CROWD, MEET = 0, 1, 2
local CHAOS_RATE = 0.02

local fmt = thousands

local function tally(what, out)
  if out[2] >= 0 then
    fail(("%s: body was called with i = %s, outside 0 .. n-1"):format(what, fmt(out[2])), { hint = 1 })
  end
  if out[0] >= 0 then
    if out[1] == 0 then
      fail(("%s: body(%s) never ran (and maybe more): every index must run once, and parallel_for must return "
        .. "only after all have finished"):format(what, fmt(out[0])), { hint = 2 })
    end
    fail(("%s: body(%s) ran %d times; every index must run exactly once: two threads took the same index")
      :format(what, fmt(out[0]), out[1]), { hint = 2 })
  end
end

local function once(n, nthreads, perturb)
  local what = ("parallel_for(n = %s, nthreads = %d)%s"):format(fmt(n), nthreads, perturb and ", with injected yields" or "")
  local out = buf.i64(4, { name = "out" })
  if perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = run(COUNT, n, nthreads, out)
  kd.chaos(0, 0)
  if rc ~= 0 then fail("the harness ran out of memory") end
  tally(what, out)
end

test("n = 0 and n = 1", function()
  once(0, 4)
  once(1, 4)
  once(1, 1)
end)

test("one thread", function() once(1000, 1) end)
test("fewer items than threads", function() once(3, 8) end)
test("a prime number of items", function()
  once(997, 3)
  once(101, 16)
end)

test("all threads run at once", function()
  local out = buf.i64(4, { name = "out" })
  run(MEET, 4, 4, out)
  tally("4 items on 4 threads", out)
  if out[3] ~= 0 then
    fail("4 items on 4 threads were given bodies that can only finish together, and they did not all run at the "
      .. "same time within 1 s: parallel_for must run its items on nthreads threads at once", { hint = 1 })
  end
end)

test("never more than nthreads at once", function()
  local out = buf.i64(4, { name = "out" })
  run(CROWD, 60, 3, out)
  tally("60 items on 3 threads", out)
  if out[3] > 3 then fail(("%d bodies ran at the same time with nthreads = 3"):format(out[3])) end
end)

test("200,000 tiny items on 8 threads, perturbed", function() once(200000, 8, true) end)
test("50,000 items on 16 threads, perturbed", function() once(50000, 16, true) end)

test("speed: skewed items, against a static schedule", function()
  local n, threads, light, heavy = 256, 8, 200, 3200
  local mine, theirs = buf.i64(4, { name = "out" }), buf.i64(4, { name = "baseline out" })
  bench.compare("dynamic", {
    reps = 7,
    learner = function() skew(0, n, threads, light, heavy, mine) end,
    against = function() skew(1, n, threads, light, heavy, theirs) end,
    check = function() tally("256 skewed items on 8 threads (timed run)", mine) end,
  })
end)
