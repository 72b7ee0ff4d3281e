local queue_new = learner.fn "struct queue *queue_new(int capacity)"
local queue_put = learner.fn "void queue_put(struct queue *q, long long item)"
local queue_get = learner.fn "long long queue_get(struct queue *q)"
local queue_free = learner.fn "void queue_free(struct queue *q)"
local harness_wait_get = learner.fn "int harness_wait_get(int capacity, long long *out)"
local harness_wait_put = learner.fn "int harness_wait_put(int capacity, long long *out)"
local harness_stress = learner.fn "int harness_stress(int nprod, int ncons, long long per, int capacity, long long *out)"
local harness_leak = learner.fn "long long harness_leak(int n)"
local harness_get_many = learner.fn "int harness_get_many(struct queue *q, int n, long long *items)"

-- Perturbed tests make every lock, unlock and signal yield the CPU now and then, at a rhythm
-- set by this run's seed, so that a waiter is caught between its check and its sleep.
local CHAOS_RATE = 0.02

local fmt = thousands

-- The stress tests run only once the single-thread and blocking tests pass: a queue that
-- does not wait (or never wakes) would leave their threads spinning on garbage or asleep.
local basics_failed

local function harness_rc(rc)
  if rc == 1 then fail("queue_new() returned NULL") end
  if rc == 2 then fail("the harness could not start its threads or allocate its records") end
end

-- A single-thread test: run body, and remember when it fails.
local function basic(name, body)
  test(name, function()
    local ok, err = pcall(body)
    if not ok then
      basics_failed = basics_failed or name
      error(err, 0)
    end
  end)
end

-- n items got through a helper thread: a queue_get that blocks although items are queued
-- fails here after 1 s instead of hanging the check.
local function get_n(q, n, what)
  local items = buf.i64(n, { name = "items" })
  local rc = harness_get_many(q, n, items)
  harness_rc(rc)
  if rc == 3 then
    fail(("%s: queue_get was still waiting after 1 s although the queue should hold an item: did queue_put "
      .. "store it and count it?"):format(what), { hint = 1 })
  end
  return items
end

local function fresh(capacity)
  local q = queue_new(capacity)
  if q == nil then fail(("queue_new(%d) returned NULL"):format(capacity)) end
  return q
end

local function stress(what, nprod, ncons, per, capacity, perturb)
  if basics_failed then
    fail(("not run: first make the single-thread and blocking tests pass ('%s' failed); with a queue that does "
      .. "not wait, or does not wake its sleepers, these threads would hang"):format(basics_failed))
  end
  local out = buf.i64(5, { name = "out" })
  if perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = harness_stress(nprod, ncons, per, capacity, out)
  kd.chaos(0, 0)
  harness_rc(rc)
  local code = out[0]
  if code == 1 then
    fail(("%s: consumer %d got %s, which no producer ever put: queue_get read a slot that held no item "
      .. "(did it return without waiting on an empty queue?)"):format(what, out[2], fmt(out[1])), { hint = 1 })
  elseif code == 2 then
    fail(("%s: producer %d's item #%s was got twice: two consumers took the same slot, or a get ran on an empty "
      .. "queue. After pthread_cond_wait returns, check the condition again (while, not if)")
      :format(what, out[1], fmt(out[2])), { hint = 2 })
  elseif code == 3 then
    fail(("%s: %s of the %s items were never got (the first: producer %d's item #%s): a put overwrote an item "
      .. "that was still queued. A full queue must make queue_put wait")
      :format(what, fmt(out[1]), fmt(nprod * per), out[2], fmt(out[3])), { hint = 2 })
  elseif code == 4 then
    fail(("%s: consumer %d got producer %d's item #%s before its item #%s, which was put first: the queue must "
      .. "hand items out in the order they were put"):format(what, out[4], out[1], fmt(out[2]), fmt(out[3])))
  end
end

basic("one thread: items come back in the order they were put", function()
  local q = fresh(8)
  local items = { 5, -7, 1 << 40, 0, -(1 << 50) }
  for _, x in ipairs(items) do queue_put(q, x) end
  local got = get_n(q, #items, "5 gets after putting 5, -7, 2^40, 0, -2^50")
  for i, x in ipairs(items) do
    expect(got[i - 1], ("get #%d after putting 5, -7, 2^40, 0, -2^50 into a queue of capacity 8"):format(i)):eq(x)
  end
  queue_free(q)
end)

basic("the ring wraps around (capacity 3, 40 puts and gets)", function()
  local q = fresh(3)
  local put, got, n = 0, 0, 0
  -- Keep between 0 and 3 items queued while the indices go round the ring many times.
  for round = 1, 20 do
    for _ = 1, (round % 3) + 1 do
      if n < 3 then put = put + 1; queue_put(q, put * 11); n = n + 1 end
    end
    local k = math.min(n, (round % 2) + 1)
    local what = ("round %d of interleaved puts and gets, capacity 3"):format(round)
    local items = get_n(q, k, what)
    for i = 0, k - 1 do
      got = got + 1
      expect(items[i], ("get #%d (%s)"):format(got, what)):eq(got * 11)
    end
    n = n - k
  end
  queue_free(q)
end)

basic("capacity 1", function()
  local q = fresh(1)
  for i = 1, 5 do
    queue_put(q, -i)
    expect(get_n(q, 1, "capacity 1")[0], ("get after put(%d) into a queue of capacity 1"):format(-i)):eq(-i)
  end
  queue_free(q)
end)

basic("queue_get waits while the queue is empty", function()
  local out = buf.i64(2, { name = "out" })
  local rc = harness_wait_get(4, out)
  harness_rc(rc)
  if out[0] ~= 0 then
    fail(("queue_get on an empty queue returned %s at once; it must wait until a producer puts an item")
      :format(fmt(out[1])), { hint = 1 })
  end
  if rc == 3 then
    fail("queue_get waited on an empty queue, but was still waiting 1 s after queue_put(42): the put must wake "
      .. "it (pthread_cond_signal on the condition variable the get waits on)", { hint = 2 })
  end
  expect(out[1], "what the waiting queue_get returned once 42 was put 50 ms later"):eq(42)
end)

basic("queue_put waits while the queue is full", function()
  local out = buf.i64(4, { name = "out" })
  local rc = harness_wait_put(2, out)
  harness_rc(rc)
  if out[0] ~= 0 then
    fail("queue_put(999) on a full queue of capacity 2 returned at once; it must wait until a consumer makes room",
      { hint = 1 })
  end
  if rc == 4 then
    fail("a get from a full queue of capacity 2 (holding 100, 101) was still waiting after 1 s", { hint = 1 })
  end
  expect(out[1], "the first get from the full queue (holding 100, 101) while a put of 999 waits"):eq(100)
  if rc == 3 then
    fail("queue_put(999) waited on a full queue, but was still waiting 1 s after a get made room: the get must "
      .. "wake it (pthread_cond_signal on the condition variable the put waits on)", { hint = 2 })
  end
  if out[2] >= 0 then
    local want = out[2] == 0 and 101 or 999
    fail(("after the waiting put finished, get #%d should return %d, got %s"):format(out[2] + 2, want, fmt(out[3])))
  end
end)

test("queue_free releases what queue_new allocated", function()
  local n = 2000
  local left = harness_leak(n)
  if left < 0 then fail("queue_new(16) returned NULL") end
  if left >= n * 8 then
    fail(("after %s queue_new/queue_free pairs, %s bytes are still allocated: queue_free must free the slots "
      .. "and the queue"):format(fmt(n), fmt(left)))
  end
end)

test("1 producer, 1 consumer, capacity 1: 20,000 items", function()
  stress("1 producer x 20,000 items, 1 consumer, capacity 1", 1, 1, 20000, 1, false)
end)

test("4 producers, 4 consumers, capacity 4, perturbed", function()
  stress("4 producers x 5,000 items, 4 consumers, capacity 4, with injected yields", 4, 4, 5000, 4, true)
end)

test("more consumers than producers: 2 x 8, capacity 2, perturbed", function()
  stress("2 producers x 8,000 items, 8 consumers, capacity 2, with injected yields", 2, 8, 8000, 2, true)
end)

test("more producers than consumers: 8 x 2, capacity 3, perturbed", function()
  stress("8 producers x 2,000 items, 2 consumers, capacity 3, with injected yields", 8, 2, 2000, 3, true)
end)

test("16 producers, 16 consumers, capacity 5, perturbed", function()
  stress("16 producers x 1,000 items, 16 consumers, capacity 5, with injected yields", 16, 16, 1000, 5, true)
end)
