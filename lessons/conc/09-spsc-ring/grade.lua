local ring_new = learner.fn "struct ring *ring_new(int capacity)"
local ring_push = learner.fn "int ring_push(struct ring *r, long long v)"
local ring_pop = learner.fn "int ring_pop(struct ring *r, long long *out)"
local ring_free = learner.fn "void ring_free(struct ring *r)"
local transfer = learner.fn "int harness_transfer(int capacity, long long n, int work, long long *out)"
local leak = learner.fn "long long harness_leak(int n)"

-- Perturbed transfers make kdojo's atomics yield now and then, at a rhythm set by the seed:
-- a push that publishes tail before writing the slot is caught between the two.
local CHAOS_RATE = 0.01

local fmt = thousands

local function fresh(cap)
  local r = ring_new(cap)
  if r == nil then fail(("ring_new(%d) returned NULL"):format(cap)) end
  return r
end

local out = buf.i64(1, { name = "out" })

-- The two-thread tests wait up to a second on a ring that loses items: they run only once
-- the single-thread tests pass.
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

local function push(r, v, want, what)
  expect(ring_push(r, v), ("ring_push(%s) %s"):format(fmt(v), what)):eq(want, { hint = want == 0 and 2 or nil })
end

local function pop(r, want, what)
  out[0] = -777
  local ok = ring_pop(r, out)
  if want == nil then
    expect(ok, "ring_pop " .. what):eq(0, { hint = 2 })
  else
    expect(ok, "ring_pop " .. what):eq(1)
    expect(out[0], "the item ring_pop stored in *out " .. what):eq(want)
  end
end

basic("one thread: empty, full, first in first out", function()
  local r = fresh(4)
  pop(r, nil, "on a new ring (empty: should return 0)")
  local items = { 7, -3, 1 << 40, 0 }
  for _, v in ipairs(items) do push(r, v, 1, "into a ring of 4 that is not full") end
  push(r, 99, 0, "into a ring of capacity 4 holding 4 items (full: should return 0)")
  for i, v in ipairs(items) do pop(r, v, ("#%d after pushing 7, -3, 2^40, 0"):format(i)) end
  pop(r, nil, "after every item was popped (empty: should return 0)")
  ring_free(r)
end)

basic("capacity 2", function()
  local r = fresh(2)
  push(r, 1, 1, "into an empty ring of 2")
  push(r, 2, 1, "into a ring of 2 holding 1 item")
  push(r, 3, 0, "into a full ring of 2")
  pop(r, 1, "#1")
  push(r, 4, 1, "after one pop made room")
  pop(r, 2, "#2")
  pop(r, 4, "#3")
  pop(r, nil, "when empty again")
  ring_free(r)
end)

basic("the indices wrap around many times", function()
  local r = fresh(8)
  local k, g = 0, 0
  for round = 1, 300 do
    local n = round % 8 + 1
    for _ = 1, n do k = k + 1; push(r, -k, 1, ("(round %d, %d of %d pushes into a ring of 8)"):format(round, _, n)) end
    for _ = 1, n do g = g + 1; pop(r, -g, ("(round %d: items must come out in the order they went in)"):format(round)) end
  end
  pop(r, nil, "after 300 rounds, everything popped")
  ring_free(r)
end)

test("ring_free releases what ring_new allocated", function()
  local n = 2000
  local left = leak(n)
  if left < 0 then fail("ring_new(64) returned NULL") end
  if left >= n * 8 then
    fail(("after %s ring_new/ring_free pairs, %s bytes are still allocated"):format(fmt(n), fmt(left)))
  end
end)

local function two_threads(what, cap, n, perturb, work)
  if basics_failed then
    fail(("not run: first make the single-thread tests pass ('%s' failed)"):format(basics_failed))
  end
  local o = buf.i64(4, { name = "out" })
  if perturb then kd.chaos(gen.seed(), CHAOS_RATE) end
  local rc = transfer(cap, n, work or 0, o)
  kd.chaos(0, 0)
  if rc == 1 then fail(("ring_new(%d) returned NULL"):format(cap)) end
  if rc == 2 then fail("the harness could not start the producer thread") end
  if rc == 3 then
    fail(("%s: stuck after %s items: for 1 s, the producer's pushes kept failing and the consumer's pops kept "
      .. "finding nothing. Does pop see what push published, and push see the room pop made?")
      :format(what, fmt(o[0])), { hint = 1 })
  end
  if o[0] ~= n then
    fail(("%s: item #%s popped was %s, expected %s: the consumer read a slot before the producer had written it, "
      .. "or after it was overwritten (publish tail only after writing the slot; free it with head only after "
      .. "reading it)"):format(what, fmt(o[0]), fmt(o[1]), fmt(o[2])), { hint = 2 })
  end
end

test("two threads, ring of 2: 200,000 items", function()
  two_threads("a producer thread pushing 200,000 items through a ring of 2", 2, 200000, false)
end)

test("two threads, ring of 16: 500,000 items, perturbed", function()
  two_threads("500,000 items through a ring of 16, with atomics yielding at random", 16, 500000, true)
end)

test("two threads, ring of 1024: 1,000,000 items, perturbed", function()
  two_threads("1,000,000 items through a ring of 1024, with atomics yielding at random", 1024, 1000000, true)
end)

test("two threads, ring of 64, a slow consumer: 100,000 items, perturbed", function()
  two_threads("100,000 items through a ring of 64 to a consumer that works on each, with atomics yielding at random",
    64, 100000, true, 300)
end)
