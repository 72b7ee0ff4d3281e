local map = learner.fn [[int harness_map(int n, int nworkers, int window, int slow_every, int slow_us, int fast_us,
  long long *out)]]

local CHAOS_RATE = 0.02

local fmt = thousands

local function run(what, n, workers, window, slow_every, slow_us, fast_us, opts)
  opts = opts or {}
  local out = buf.i64(10, { name = "out" })
  what = ("%s (%s items, %d workers, window %d)"):format(what, fmt(n), workers, window)
  if opts.perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = map(n, workers, window, slow_every, slow_us, fast_us, out)
  kd.chaos(0, 0)
  if rc ~= 0 then fail("the harness ran out of memory") end
  if out[5] ~= 0 then
    fail(("%s: two emit calls ran at the same time; emit must be called one at a time"):format(what), { hint = 2 })
  end
  if out[2] >= 0 then
    local i, r = out[3], out[4]
    if i ~= out[2] then
      fail(("%s: emit #%s was for item %s; results must be emitted in input order, so item %s was due")
        :format(what, fmt(out[2]), fmt(i), fmt(out[2])), { hint = 1 })
    end
    fail(("%s: emit(%s, %s): the result of item %s is %s"):format(what, fmt(i), fmt(r), fmt(i), fmt(i * i - 3)))
  end
  if out[1] ~= n then
    fail(("%s: %s results were emitted; all %s must be"):format(what, fmt(out[1]), fmt(n)), { hint = 1 })
  end
  expect(out[0], what .. ": map_ordered's return value"):eq(n)
  if out[6] > workers then fail(("%s: %d calls of fn ran at once with %d workers"):format(what, out[6], workers)) end
  if out[7] > window then
    fail(("%s: %d items were started and not yet emitted at one point; the window allows %d"):format(what, out[7],
      window), { hint = 2 })
  end
  return out
end

test("one worker", function() run("one worker", 50, 1, 4, 0, 0, 0) end)
test("no items", function() run("an empty input", 0, 3, 4, 0, 0, 0) end)
test("window of one", function() run("a window of 1", 30, 4, 1, 0, 0, 0) end)

test("the workers run in parallel", function()
  local out = run("items of 10 ms", 40, 4, 8, 0, 0, 10000)
  if out[6] < 3 then fail(("at most %d calls ran at once with 4 workers"):format(out[6]), { hint = 1 }) end
  if out[9] > 250 then
    fail(("40 items of 10 ms on 4 workers took %d ms (about 100 ms expected, 400 ms one at a time)"):format(out[9]),
      { hint = 1 })
  end
end)

test("results are emitted as soon as they can be", function()
  local out = run("items of 5 ms", 80, 4, 100, 0, 0, 5000)
  if out[8] > 50 then
    fail(("the first result was emitted after %d ms, though item 0 takes 5 ms: emit each result as soon as it and "
      .. "all before it are done, not at the end"):format(out[8]), { hint = 2 })
  end
end)

test("a slow item holds back only the window", function()
  -- Every 10th item takes 60 ms, the rest 1 ms: the fast ones go on around a slow one, up to
  -- the window, and their results wait for it.
  local out = run("every 10th item slow", 50, 4, 6, 10, 60000, 1000)
  if out[9] > 600 then
    fail(("50 items (5 of them 60 ms) on 4 workers took %d ms"):format(out[9]))
  end
end)

test("many items, perturbed", function()
  run("with injected yields", 30000, 4, 16, 0, 0, 0, { perturb = true })
end)

test("more workers than window, perturbed", function()
  run("with injected yields", 20000, 8, 3, 0, 0, 0, { perturb = true })
end)
