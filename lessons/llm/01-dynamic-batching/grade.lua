local DECL = "int harness_simulate(const long long *arrival, int n, int max_batch, long long max_wait_us, long long base_us, long long per_item_us, long long *finish, int *batches, int *nbatches, int *ids, char *err, int errlen)"
local simulate = learner.fn(DECL)
local leak = learner.fn "long long harness_leak(int n)"
local ref_simulate = reference.fn(DECL)

-- The server: a batch of k requests takes 8 ms + 1 ms * k (stated in the README).
local BASE, PER_ITEM = 8000, 1000

local function run(sim, arrivals, max_batch, max_wait)
  local n = #arrivals
  local arr = buf.i64(arrivals, { name = "arrival" })
  local finish = buf.i64(n, { name = "finish" }):fill(-1)
  local batches = buf.i32(math.max(n, 1), { name = "batches" })
  local nb = buf.i32(1, { name = "nbatches" })
  local ids = buf.i32(max_batch, { name = "ids" }):fill(-1)
  local err = buf.char(512, { name = "err" })
  local rc = sim(arr, n, max_batch, max_wait, BASE, PER_ITEM, finish, batches, nb, ids, err, 512)
  return rc, err:string(), finish, batches, nb[0]
end

-- Latency percentiles (nearest rank), throughput and mean batch size of a finished run.
local function metrics(arrivals, finish, nb)
  local n = #arrivals
  local lat = {}
  local last = 0
  for i = 1, n do
    lat[i] = finish[i - 1] - arrivals[i]
    last = math.max(last, finish[i - 1])
  end
  table.sort(lat)
  local function pct(p) return lat[math.max(1, math.ceil(p / 100 * n))] / 1000 end
  return { p50 = pct(50), p99 = pct(99), tput = n / ((last - arrivals[1]) / 1e6), batch = n / nb }
end

local function fmt_metrics(m)
  return ("p50 %.1f ms, p99 %.1f ms, %.0f req/s, mean batch %.2f"):format(m.p50, m.p99, m.tput, m.batch)
end

-- Runs the learner on a trace: every decision is checked by the harness as it happens.
local function check(arrivals, max_batch, max_wait, what, hint)
  local rc, err, finish, _, nb = run(simulate, arrivals, max_batch, max_wait)
  if rc ~= 0 then fail(("%s (max_batch %d, max_wait %d us): %s"):format(what, max_batch, max_wait, err), { hint = hint }) end
  return metrics(arrivals, finish, nb), finish
end

-- Seeded Poisson arrivals at `rate` requests per second, in whole microseconds.
local function poisson(n, rate)
  local t, out = 0, {}
  for i = 1, n do
    t = t + math.floor(-math.log(1 - math.random()) * 1e6 / rate)
    out[i] = t
  end
  return out
end

test("one request waits max_wait, then runs alone", function()
  local _, finish = check({ 1000 }, 8, 2000, "one request at t = 1000 us", 1)
  expect(finish[0], "one request at 1000 us, max_wait 2000 us: its finish time (dispatch at 3000 + 9000 us for a batch of 1)"):eq(12000, { hint = 1 })
end)

test("a full batch goes at once", function()
  check({ 0, 0, 0, 0 }, 4, 5000, "four requests at t = 0, max_batch 4", 1)
end)

test("more than a full batch: the oldest max_batch first", function()
  check({ 0, 0, 0, 0, 0, 10, 20 }, 4, 5000, "five at t = 0, then two more", 2)
end)

test("requests that arrive while the server is busy", function()
  check({ 0, 100, 2500, 3000, 9000, 9500, 30000 }, 8, 2000, "a trickle of seven requests", 2)
end)

test("max_wait 0: dispatch whenever idle", function()
  check({ 0, 1, 2, 50000, 50001 }, 8, 0, "five requests", 1)
end)

test("max_batch 1", function()
  check({ 0, 0, 5, 7, 100000 }, 1, 3000, "five requests", 1)
end)

-- A trace, run by the learner and by the reference: the learner's decisions are checked
-- one by one, and its metrics must be at least as good as the reference's.
local function against_reference(arrivals, max_batch, max_wait, what)
  local mine = check(arrivals, max_batch, max_wait, what, 2)
  local rc, err, finish, _, nb = run(ref_simulate, arrivals, max_batch, max_wait)
  if rc ~= 0 then error("reference failed: " .. err) end
  local ref = metrics(arrivals, finish, nb)
  info(("%s: yours %s; reference %s"):format(what, fmt_metrics(mine), fmt_metrics(ref)))
  if mine.p99 > ref.p99 + 1e-9 or mine.tput < ref.tput - 1e-9 then
    fail(("%s: p99 %.1f ms and %.0f req/s; the reference policy gets p99 %.1f ms and %.0f req/s"):format(
      what, mine.p99, mine.tput, ref.p99, ref.tput), { hint = 2 })
  end
end

test("light load: 2000 requests at 50 req/s", function() against_reference(poisson(2000, 50), 8, 2000, "light load, 50 req/s") end)
test("heavy load: 4000 requests at 300 req/s", function() against_reference(poisson(4000, 300), 8, 2000, "heavy load, 300 req/s") end)
test("bursts of 20 every 100 ms", function()
  local arrivals = {}
  for b = 0, 49 do
    for k = 1, 20 do arrivals[#arrivals + 1] = b * 100000 + k end
  end
  against_reference(arrivals, 8, 2000, "bursts of 20")
end)
test("overload: 100,000 requests at 600 req/s (the queue grows)", function()
  -- The server can do at most 500 req/s (batches of 8 in 16 ms): the queue grows to
  -- about 17,000 waiting requests by the end.
  against_reference(poisson(100000, 600), 8, 2000, "overload, 600 req/s")
end)

test("batcher_free releases everything", function()
  local bytes = leak(5000)
  if bytes > 4096 then -- allocator bookkeeping can move a few hundred bytes; a leak is far more
    fail(("a batcher that queued 5000 requests, dispatched 4 and was freed left %d bytes allocated"):format(bytes), { hint = 1 })
  end
end)

test("why batch: the same heavy load with max_batch 1", function()
  -- Shown for comparison (the reference batcher): without batching, 300 req/s exceeds the
  -- 111 req/s a server doing one request per 9 ms can sustain.
  local arrivals = poisson(4000, 300)
  local _, _, finish, _, nb = run(ref_simulate, arrivals, 1, 2000)
  info("heavy load, 300 req/s, max_batch 1 (reference, for comparison): " .. fmt_metrics(metrics(arrivals, finish, nb)))
  check(arrivals, 8, 2000, "heavy load, 300 req/s", 2)
end)
