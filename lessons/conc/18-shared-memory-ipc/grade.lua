local shmq_create = learner.fn "struct shmq *shmq_create(int capacity)"
local shmq_put = learner.fn "void shmq_put(struct shmq *q, long long v)"
local get_many = learner.fn "int harness_get_many(struct shmq *q, int n, long long *items)"
local child_puts = learner.fn "int harness_child_puts(struct shmq *q, int n, long long base, long long *out)"
local cross = learner.fn "int harness_cross_wakeup(long long *out)"
local procs = learner.fn "int harness_procs(int nprod, int ncons, long long per, int capacity, long long *out)"
local still_mapped = learner.fn "int harness_still_mapped(void)"

local CHAOS_RATE = 0.01

local fmt = thousands

local function fresh(cap)
  local q = shmq_create(cap)
  if q == nil then fail(("shmq_create(%d) returned NULL"):format(cap)) end
  return q
end

local function common(rc, what, out)
  if rc == 1 then fail(what .. ": shmq_create returned NULL") end
  if rc == 2 then fail(what .. ": the harness could not fork its processes") end
  if rc == 4 then fail(("%s: a child process was killed by signal %d"):format(what, out)) end
end

local basics_failed

local function basic(name, body)
  test(name, function()
    local ok, err = pcall(body)
    if not ok then
      basics_failed = basics_failed or name
      error(err, 0)
    end
  end)
end

local function gets(q, n, what)
  local items = buf.i64(n, { name = "items" })
  local rc = get_many(q, n, items)
  if rc == 3 then
    fail(("%s: shmq_get was still waiting after 1 s, though the queue should hold %d item(s)"):format(what, n),
      { hint = 1 })
  end
  common(rc, what)
  return items
end

basic("one process: first in, first out", function()
  local q = fresh(4)
  local put = 0
  for round = 1, 10 do
    for _ = 1, 3 do put = put + 1; shmq_put(q, put * 1000003 - 500) end
    local items = gets(q, 3, ("round %d of 3 puts and 3 gets, capacity 4"):format(round))
    for k = 0, 2 do
      local want = (put - 2 + k) * 1000003 - 500
      expect(items[k], ("round %d, get #%d (the ring wraps around)"):format(round, k + 1)):eq(want)
    end
  end
end)

basic("a child process's items reach the parent", function()
  local q = fresh(8)
  local out = buf.i64(1, { name = "out" })
  local what = "a forked child put 5, 6, 7 and exited"
  local rc = child_puts(q, 3, 5, out)
  if rc == 3 then fail(what .. ": the child did not finish within 1 s") end
  common(rc, what, out[0])
  local items = gets(q, 3, what .. "; the parent then called shmq_get 3 times")
  for k = 0, 2 do
    expect(items[k], ("%s: the parent's get #%d"):format(what, k + 1)):eq(5 + k, { hint = 1 })
  end
end)

basic("a put in one process wakes a get in another", function()
  local out = buf.i64(2, { name = "out" })
  local rc = cross(out)
  local what = "the parent waiting in shmq_get on an empty queue, a child putting 77 50 ms later"
  common(rc, what, out[1])
  if out[0] ~= 0 then fail(what .. ": shmq_get returned before anything was put") end
  if rc == 3 then
    fail(what .. ": the parent's shmq_get was still waiting 1 s after the child's put. Does the item reach shared "
      .. "memory, and does the wakeup cross processes (process-shared semaphores, or PTHREAD_PROCESS_SHARED)?",
      { hint = 2 })
  end
  expect(out[1], what .. ": what the parent's shmq_get returned"):eq(77)
end)

basic("shmq_destroy unmaps the queue", function()
  local m = still_mapped()
  if m < 0 then fail("shmq_create(64) returned NULL") end
  if m == 1 then
    fail("after shmq_destroy, the memory shmq_create returned is still mapped: the queue must live in memory from "
      .. "mmap, and shmq_destroy must munmap it", { hint = 1 })
  end
end)

local function stress(what, np, nc, per, cap)
  if basics_failed then
    fail(("not run: first make the one- and two-process tests pass ('%s' failed)"):format(basics_failed))
  end
  local out = buf.i64(5, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = procs(np, nc, per, cap, out)
  kd.chaos(0, 0)
  common(rc, what, out[1])
  if rc == 3 then
    fail(("%s: %d process(es) were still running after 3 s and were killed: a lost wakeup, or a lock left held")
      :format(what, out[1]), { hint = 2 })
  end
  local code = out[0]
  if code == 1 then
    fail(("%s: consumer %d got %s, which no producer put"):format(what, out[2], fmt(out[1])))
  elseif code == 2 then
    fail(("%s: producer %d's item #%s was got twice"):format(what, out[1], fmt(out[2])), { hint = 3 })
  elseif code == 3 then
    fail(("%s: %s of the %s items were never got (the first: producer %d's item #%s)"):format(what, fmt(out[1]),
      fmt(np * per), out[2], fmt(out[3])), { hint = 3 })
  elseif code == 4 then
    fail(("%s: consumer %d got producer %d's item #%s before its item #%s"):format(what, out[4], out[1],
      fmt(out[2]), fmt(out[3])))
  end
end

test("1 producer process, 1 consumer process", function()
  stress("1 producer process x 20,000 items, 1 consumer process, capacity 4, with injected yields", 1, 1, 20000, 4)
end)

test("3 producer processes, 3 consumer processes", function()
  stress("3 producer processes x 5,000 items, 3 consumer processes, capacity 8, with injected yields", 3, 3, 5000, 8)
end)

test("4 producers, 1 consumer, capacity 1", function()
  stress("4 producer processes x 2,000 items, 1 consumer process, capacity 1, with injected yields", 4, 1, 2000, 1)
end)
