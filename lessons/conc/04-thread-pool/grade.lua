local basic = learner.fn "int harness_basic(int nthreads, int n, long long *out)"
local async = learner.fn "int harness_async(long long *out)"
local parallel = learner.fn "int harness_parallel(int nthreads, long long *out)"
local wait = learner.fn "int harness_wait(long long *out)"
local stress_run = learner.fn "int harness_stress(int nthreads, int nsub, int n, int window, long long *out)"
local leak = learner.fn "long long harness_leak(int n)"
local bench_run = learner.fn "int harness_bench(int which, int nthreads, int n, int batch, int work, long long *out)"

local CHAOS_RATE = 0.02

local fmt = thousands

local function rc_check(rc, what)
  if rc == 1 then fail(what .. ": pool_new() returned NULL") end
  if rc == 2 then fail(what .. ": the harness could not start its threads or allocate its records") end
  if rc == 3 then fail(what .. ": pool_submit() returned NULL") end
end

local function results(what, nthreads, n)
  local out = buf.i64(5, { name = "out" })
  rc_check(basic(nthreads, n, out), what)
  if out[0] >= 0 then
    fail(("%s: future_get of task %d (fn returns 3x + 1 for x = %d) returned %s, expected %d")
      :format(what, out[0], out[0] - 3, fmt(out[1]), (out[0] - 3) * 3 + 1), { hint = 2 })
  end
  if out[2] >= 0 then
    fail(("%s: task %d ran %d times; every submitted task must run exactly once"):format(what, out[2], out[3]))
  end
  return out
end

test("one worker runs 10 tasks, results come back", function()
  results("a pool of 1 worker, 10 tasks submitted, then got in order", 1, 10)
end)

test("tasks run on the workers, not in pool_submit", function()
  local out = results("a pool of 3 workers, 20 tasks", 3, 20)
  if out[4] ~= 0 then
    fail("a task ran on the thread that called pool_submit: pool_submit must queue the task for a worker thread "
      .. "and return at once", { hint = 1 })
  end
  local a = buf.i64(3, { name = "out" })
  rc_check(async(a), "a task that waits for the caller")
  if a[1] ~= 0 or a[0] > 500000 then
    fail(("pool_submit took %s us to return: it ran the task itself, which waited for the caller to go on. "
      .. "It must only queue the task"):format(fmt(a[0])), { hint = 1 })
  end
  expect(a[2], "future_get of the task that waited for the caller"):eq(7)
end)

test("future_get waits for a task that takes 50 ms", function()
  local out = buf.i64(2, { name = "out" })
  rc_check(wait(out), "a 50 ms task")
  expect(out[0], "future_get of a task that sleeps 50 ms, then returns -123456789012"):eq(-123456789012)
  if out[1] < 45 then
    fail(("future_get returned after %d ms, before the 50 ms task could have finished"):format(out[1]), { hint = 2 })
  end
end)

local function run_together(n)
  local out = buf.i64(2, { name = "out" })
  rc_check(parallel(n, out), ("a pool of %d workers"):format(n))
  if out[0] ~= n then
    fail(("a pool of %d workers got %d tasks that can only finish together, and only %d of them ran at the same "
      .. "time: are the workers running, and is fn called without holding the pool's lock?"):format(n, n, out[0]),
      { hint = 2 })
  end
  if out[1] > n then
    fail(("%d tasks ran at the same time on a pool of %d workers"):format(out[1], n))
  end
end

test("a pool of 4 runs 4 tasks at once, never 5", function() run_together(4) end)
test("a pool of 16 runs 16 tasks at once", function() run_together(16) end)

test("pool_free releases everything", function()
  local n = 300
  local left = leak(n)
  if left == -1 then fail("pool_new(2) returned NULL") end
  if left < 0 then
    fail(("pool_new(2) returned NULL after %d pools had been created and freed: does pool_free join its workers? "
      .. "Threads that are never joined keep their stacks, and memory runs out"):format(-left - 1), { hint = 3 })
  end
  if left >= n * 16 then
    fail(("after %s pools of 2 workers were created, used and freed, %s bytes are still allocated: future_get must "
      .. "free the future, and pool_free the pool"):format(fmt(n), fmt(left)))
  end
end)

local function stress(what, nthreads, nsub, n, window)
  local out = buf.i64(6, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = stress_run(nthreads, nsub, n, window, out)
  kd.chaos(0, 0)
  rc_check(rc, what)
  if out[0] ~= 0 then
    fail(("%s: %s results were wrong; the first: submitter %d's task %s got %s"):format(what, fmt(out[0]), out[1],
      fmt(out[2]), fmt(out[3])), { hint = 2 })
  end
  if out[4] ~= 0 then
    fail(("%s: %s tasks did not run exactly once (the first ran %d times): two workers took the same task, or "
      .. "one was lost from the queue"):format(what, fmt(out[4]), out[5]), { hint = 2 })
  end
end

test("4 submitters x 3,000 tasks on 3 workers, perturbed", function()
  stress("4 threads x 3,000 tasks, 8 in flight each, on 3 workers, with injected yields", 3, 4, 3000, 8)
end)

test("8 submitters x 1,000 tasks on 1 worker, perturbed", function()
  stress("8 threads x 1,000 tasks, 5 in flight each, on 1 worker, with injected yields", 1, 8, 1000, 5)
end)

test("2 submitters x 2,000 tasks on 12 workers, perturbed", function()
  stress("2 threads x 2,000 tasks, one at a time, on 12 workers, with injected yields", 12, 2, 2000, 1)
end)

test("speed: 1,024 small tasks, against a thread per task", function()
  local n, batch, work = 1024, 16, 8000
  local mine, theirs = buf.i64(1, { name = "out" }), buf.i64(1, { name = "baseline out" })
  local want = 0
  for i = 0, batch - 1 do want = want + (work + i) * (work + i + 1) // 2 end
  want = want * (n // batch)
  bench.compare("pool", {
    reps = 9,
    learner = function() rc_check(bench_run(0, 2, n, batch, work, mine), "the timed run") end,
    against = function() rc_check(bench_run(1, 2, n, batch, work, theirs), "the baseline") end,
    check = function()
      expect(mine[0], "the sum of the 1,024 results (timed run)"):eq(want)
      expect(theirs[0], "the baseline's sum"):eq(want)
    end,
  })
end)
