local pipe = learner.fn [[int harness_pipe(int nstages, int n, const int *workers, const int *sleep_us, int capacity,
  int ordered, long long *out)]]

local CHAOS_RATE = 0.02

local fmt = thousands

local function list(t)
  local s = {}
  for i, v in ipairs(t) do s[i] = tostring(v) end
  return "{" .. table.concat(s, ", ") .. "}"
end

-- Runs the pipeline and checks the results; returns the statistics.
local function run(what, n, workers, sleeps, cap, opts)
  opts = opts or {}
  local ordered = true
  for _, w in ipairs(workers) do if w > 1 then ordered = false end end
  local out = buf.i64(16, { name = "out" })
  if opts.perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = pipe(#workers, n, buf.i32(workers, { name = "workers" }), buf.i32(sleeps, { name = "sleeps" }), cap,
    ordered and 1 or 0, out)
  kd.chaos(0, 0)
  if rc ~= 0 then fail("the harness ran out of memory") end
  what = ("%s (%s items, %d stages with %s workers, channels of %d)"):format(what, fmt(n), #workers, list(workers), cap)
  for s = 0, #workers - 1 do
    if out[8 + s] ~= n then
      fail(("%s: stage %d was called %s times for %s items: every item goes through every stage exactly once")
        :format(what, s, fmt(out[8 + s]), fmt(n)), { hint = 2 })
    end
  end
  if out[0] ~= n then
    fail(("%s: pipeline_run returned %s; all %s items should come out (did the caller stop reading before the last "
      .. "channel was closed, or was a channel closed while a worker still had an item?)"):format(what, fmt(out[0]),
      fmt(n)), { hint = 2 })
  end
  if out[1] == 1 then
    fail(("%s: the results are not what the stages produce (first difference at sorted position %s)"):format(what,
      fmt(out[2])))
  elseif out[1] == 2 then
    fail(("%s: with one worker per stage, results must come out in input order; out[%s] is wrong"):format(what,
      fmt(out[2])), { hint = 1 })
  end
  if out[4] > 0 then
    fail(("%s: stage %d ran %d calls at once, but has only %d workers"):format(what, out[5], out[6],
      workers[out[5] + 1]))
  end
  return out
end

test("one stage, one worker, in order", function() run("one stage", 10, { 1 }, { 0 }, 2) end)
test("no items", function() run("an empty input", 0, { 1, 2 }, { 0, 0 }, 2) end)
test("three stages keep the order", function() run("three stages", 200, { 1, 1, 1 }, { 0, 0, 0 }, 4) end)
test("channels of capacity 1", function() run("tight channels", 300, { 1, 1, 1, 1 }, { 0, 0, 0, 0 }, 1) end)

test("the stages run at the same time", function()
  local out = run("3 stages of 10 ms per item", 20, { 1, 1, 1 }, { 10000, 10000, 10000 }, 4)
  if out[3] > 400 then
    fail(("20 items through 3 stages of 10 ms each took %d ms; one stage after the other takes 600 ms, overlapped "
      .. "stages about 220 ms. Each stage needs its own thread"):format(out[3]), { hint = 1 })
  end
end)

test("a stage with several workers", function()
  local out = run("a slow middle stage with 4 workers", 40, { 1, 4, 1 }, { 1000, 20000, 1000 }, 4)
  if out[13] < 3 then
    fail(("the middle stage has 4 workers, but at most %d of its calls ran at once"):format(out[13]), { hint = 1 })
  end
  if out[3] > 450 then
    fail(("40 items through a 20 ms stage with 4 workers took %d ms (about 200 ms expected)"):format(out[3]))
  end
end)

test("backpressure: a fast stage waits for a slow one", function()
  local cap = 2
  local out = run("a fast first stage before a slow last one", 60, { 1, 1 }, { 0, 3000 }, cap)
  -- In flight between stage 0's call and the last stage's: stage 0's item, one in each
  -- channel slot, the one the last stage works on, and one on its way.
  local bound = 2 * cap + 4
  if out[7] > bound then
    fail(("stage 0 ran %d items ahead of the last stage, with channels of %d: the channels must be bounded, so "
      .. "that a fast stage blocks when the next one falls behind"):format(out[7], cap))
  end
end)

test("many workers everywhere, perturbed", function()
  run("with injected yields", 20000, { 3, 4, 2, 5 }, { 0, 0, 0, 0 }, 8, { perturb = true })
end)

test("one worker per stage, perturbed", function()
  run("with injected yields", 20000, { 1, 1, 1 }, { 0, 0, 0 }, 3, { perturb = true })
end)
