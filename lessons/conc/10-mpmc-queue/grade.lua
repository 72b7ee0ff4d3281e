local mpmc_new = learner.fn "struct mpmc *mpmc_new(int capacity)"
local mpmc_push = learner.fn "int mpmc_push(struct mpmc *q, long long v)"
local mpmc_pop = learner.fn "int mpmc_pop(struct mpmc *q, long long *out)"
local mpmc_free = learner.fn "void mpmc_free(struct mpmc *q)"
local stress_run = learner.fn "int harness_stress(int nprod, int ncons, long long per, int capacity, long long *out)"
local leak = learner.fn "long long harness_leak(int n)"

-- Perturbed runs make kdojo's atomics yield now and then (at a rhythm set by the seed), so a
-- thread is caught between claiming a position and publishing it.
local CHAOS_RATE = 0.01

local fmt = thousands

local function fresh(cap)
  local q = mpmc_new(cap)
  if q == nil then fail(("mpmc_new(%d) returned NULL"):format(cap)) end
  return q
end

local out = buf.i64(1, { name = "out" })

local function push(q, v, want, what)
  expect(mpmc_push(q, v), ("mpmc_push(%s) %s"):format(fmt(v), what)):eq(want, { hint = want == 0 and 2 or nil })
end

local function pop(q, want, what)
  out[0] = -777
  local ok = mpmc_pop(q, out)
  if want == nil then
    expect(ok, "mpmc_pop " .. what):eq(0, { hint = 2 })
  else
    expect(ok, "mpmc_pop " .. what):eq(1)
    expect(out[0], "the item mpmc_pop stored in *out " .. what):eq(want)
  end
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

basic("one thread: empty, full, first in first out", function()
  local q = fresh(4)
  pop(q, nil, "on a new queue (empty: should return 0)")
  local items = { 7, -3, 1 << 40, 0 }
  for _, v in ipairs(items) do push(q, v, 1, "into a queue of 4 that is not full") end
  push(q, 99, 0, "into a queue of capacity 4 holding 4 items (full: should return 0)")
  for i, v in ipairs(items) do pop(q, v, ("#%d after pushing 7, -3, 2^40, 0"):format(i)) end
  pop(q, nil, "after every item was popped (empty: should return 0)")
  mpmc_free(q)
end)

basic("the slots are reused lap after lap", function()
  local q = fresh(2)
  for round = 1, 200 do
    local what = ("(lap %d of a queue of 2)"):format(round)
    push(q, -2 * round, 1, what)
    push(q, -2 * round - 1, 1, what)
    push(q, 0, 0, what .. ", full: should return 0")
    pop(q, -2 * round, what)
    pop(q, -2 * round - 1, what)
    pop(q, nil, what .. ", empty again: should return 0")
  end
  mpmc_free(q)
end)

test("mpmc_free releases what mpmc_new allocated", function()
  local n = 2000
  local left = leak(n)
  if left < 0 then fail("mpmc_new(64) returned NULL") end
  if left >= n * 8 then
    fail(("after %s mpmc_new/mpmc_free pairs, %s bytes are still allocated"):format(fmt(n), fmt(left)))
  end
end)

local function stress(what, nprod, ncons, per, cap)
  if basics_failed then
    fail(("not run: first make the single-thread tests pass ('%s' failed)"):format(basics_failed))
  end
  local o = buf.i64(5, { name = "out" })
  kd.chaos(gen.seed(), CHAOS_RATE)
  local rc = stress_run(nprod, ncons, per, cap, o)
  kd.chaos(0, 0)
  if rc == 1 then fail(("mpmc_new(%d) returned NULL"):format(cap)) end
  if rc == 2 then fail("the harness could not start its threads") end
  if rc == 3 then
    fail(("%s: stuck after %s of %s pushes and pops: for 1 s every push found the queue full and every pop "
      .. "found it empty. A slot whose seq is never advanced blocks its position forever"):format(what,
      fmt(o[1]), fmt(2 * nprod * per)), { hint = 2 })
  end
  local code = o[0]
  if code == 1 then
    fail(("%s: consumer %d popped %s, which nobody pushed: a pop read a slot before its producer had written it"
      .. " (publish with seq only after writing the item)"):format(what, o[2], fmt(o[1])), { hint = 2 })
  elseif code == 2 then
    fail(("%s: producer %d's item #%s was popped twice: either two consumers took the same position (claim it with "
      .. "a compare-and-swap on head), or a pop read a slot whose new item was not written yet and found the old one "
      .. "still there (wait for seq == pos + 1)"):format(what, o[1], fmt(o[2])), { hint = 2 })
  elseif code == 3 then
    fail(("%s: %s of the %s items were never popped (the first: producer %d's item #%s): two producers wrote "
      .. "the same slot, or a producer overwrote an item not yet read"):format(what, fmt(o[1]), fmt(nprod * per),
      o[2], fmt(o[3])), { hint = 1 })
  elseif code == 4 then
    fail(("%s: consumer %d popped producer %d's item #%s before its item #%s, which was pushed first")
      :format(what, o[4], o[1], fmt(o[2]), fmt(o[3])))
  end
end

test("1 producer, 1 consumer, capacity 2, perturbed", function()
  stress("1 producer x 100,000 items, 1 consumer, capacity 2, with atomics yielding at random", 1, 1, 100000, 2)
end)

test("4 producers, 4 consumers, capacity 8, perturbed", function()
  stress("4 producers x 25,000 items, 4 consumers, capacity 8, with atomics yielding at random", 4, 4, 25000, 8)
end)

test("8 producers, 2 consumers, capacity 64, perturbed", function()
  stress("8 producers x 10,000 items, 2 consumers, capacity 64, with atomics yielding at random", 8, 2, 10000, 64)
end)

test("2 producers, 8 consumers, capacity 4, perturbed", function()
  stress("2 producers x 20,000 items, 8 consumers, capacity 4, with atomics yielding at random", 2, 8, 20000, 4)
end)
