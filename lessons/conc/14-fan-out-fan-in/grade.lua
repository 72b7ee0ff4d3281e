local fan = learner.fn [[int harness_fan(int n, int meet, const int *fail_ms, const int *run_ms, const int *deaf,
  long long *results, long long *out)]]

local CHAOS_RATE = 0.02

local function zeros(n)
  local t = {}
  for i = 1, math.max(n, 1) do t[i] = 0 end
  return t
end

-- Runs fanout; spec.fail, spec.run, spec.deaf: tables indexed by task (0-based keys).
local function run(what, n, spec)
  local f, r, d = zeros(n), zeros(n), zeros(n)
  for k, v in pairs(spec.fail or {}) do f[k + 1] = v end
  for k = 1, n do r[k] = spec.run or 0 end
  for k, v in pairs(spec.deaf or {}) do d[k + 1] = v end
  local results = buf.i64(math.max(n, 1), { name = "results" }):fill(-7777)
  local out = buf.i64(5, { name = "out" })
  if spec.perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = fan(n, spec.meet and 1 or 0, buf.i32(f), buf.i32(r), buf.i32(d), results, out)
  kd.chaos(0, 0)
  if rc ~= 0 then fail("the harness ran out of memory") end
  if out[1] ~= n then
    fail(("%s: fanout returned while %d of the %d tasks were still running: it must join every task before "
      .. "returning (they use memory the caller may free)"):format(what, n - out[1], n), { hint = 1 })
  end
  return out, results
end

test("no tasks", function()
  local out = run("fanout with n = 0", 0, {})
  expect(out[0], "fanout's return value with no tasks"):eq(0)
end)

test("every task runs, at the same time, and every result is gathered", function()
  local what = "8 tasks that wait until all 8 have started"
  local out, results = run(what, 8, { meet = true })
  if out[3] ~= 1 then
    fail(what .. ": they were not all running at the same time within 1 s; start every task before waiting for any",
      { hint = 1 })
  end
  expect(out[0], what .. ": fanout's return value (no task failed)"):eq(0)
  for k = 0, 7 do expect(results[k], ("%s: results[%d]"):format(what, k)):eq(k * k + 1) end
end)

test("a failure cancels the others", function()
  local what = "6 tasks of 2 s each, task 3 failing after 30 ms"
  local out = run(what, 6, { run = 2000, fail = { [3] = 30 } })
  expect(out[0], what .. ": fanout's return value (task 3's error)"):eq(-4, { hint = 2 })
  if out[2] < 5 then
    fail(("%s: only %d of the other 5 tasks saw the cancel flag: the first error must raise it"):format(what, out[2]),
      { hint = 2 })
  end
  if out[4] > 500 then
    fail(("%s: fanout took %d ms; the others should give up soon after the failure at 30 ms"):format(what, out[4]))
  end
end)

test("the first error wins", function()
  local what = "5 tasks: task 4 fails at 20 ms, task 1 would fail at 80 ms, the others work 2 s"
  local out = run(what, 5, { run = 2000, fail = { [4] = 20, [1] = 80 } })
  expect(out[0], what .. ": fanout's return value (the first error, task 4's; the others report being cancelled "
    .. "with -1000 afterwards)"):eq(-5, { hint = 2 })
end)

test("a task that ignores cancel is still waited for", function()
  local what = "4 tasks: task 0 fails at 10 ms, task 2 ignores cancel and works 200 ms"
  local out = run(what, 4, { run = 200, fail = { [0] = 10 }, deaf = { [2] = 1 } })
  expect(out[0], what .. ": fanout's return value"):eq(-1)
  if out[4] < 180 then fail(("%s: fanout returned after %d ms, before task 2 had finished"):format(what, out[4])) end
end)

test("many rounds, perturbed", function()
  for round = 1, 150 do
    local n = round % 12 + 1
    local fails = {}
    if round % 3 == 0 then fails[round % n] = 1 end
    local out = run(("round %d: %d short tasks, with injected yields"):format(round, n), n,
      { run = 1, fail = fails, perturb = true })
    local want = round % 3 == 0 and -(round % n + 1) or 0
    expect(out[0], ("round %d: fanout's return value"):format(round)):eq(want)
  end
end)
