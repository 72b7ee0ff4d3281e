local gradcheck = require "gradcheck"
local init = learner.fn "void osm_init(struct osm *s)"
local update = learner.fn "void osm_update(struct osm *s, const float *x, int n)"
local merge = learner.fn "void osm_merge(struct osm *a, const struct osm *b)"
local prob = learner.fn "float osm_prob(const struct osm *s, float x)"

local SUM_RTOL = 1e-4 -- stated in the README, for the sum and the probabilities

-- A state is struct osm { float max; float sum; }: two floats. NaN-filled before osm_init.
local function new_state(name)
  local s = buf.f32(2, { name = name or "state" }):fill(0 / 0)
  init(s)
  return s
end

-- Feeds a list of chunks (Lua lists), each copied into its own buffer so that a read past
-- a chunk's end is caught and named.
local function feed(s, chunks)
  for c, chunk in ipairs(chunks) do
    local b = buf.f32(#chunk, { name = ("chunk %d"):format(c) })
    if #chunk > 0 then b:set(chunk) end
    update(s, b, #chunk)
  end
  return s
end

-- The exact statistics, in double, of the values in a list of chunks.
local function stats(chunks)
  local m, values = -math.huge, {}
  for _, chunk in ipairs(chunks) do
    for _, v in ipairs(chunk) do
      local f = string.unpack("f", string.pack("f", v)) -- the float the learner sees
      values[#values + 1] = f
      if f > m then m = f end
    end
  end
  local s = 0.0
  if m > -math.huge then
    for _, v in ipairs(values) do s = s + math.exp(v - m) end
  end
  return m, s, values
end

local function describe(chunks)
  local parts = {}
  for c, chunk in ipairs(chunks) do
    if c > 6 then parts[#parts + 1] = ("... (%d chunks)"):format(#chunks) break end
    local vals = {}
    for i, v in ipairs(chunk) do
      if i > 5 then vals[#vals + 1] = ("... %d values"):format(#chunk) break end
      vals[#vals + 1] = gradcheck.fmt(v)
    end
    parts[#parts + 1] = "[" .. table.concat(vals, " ") .. "]"
  end
  return "chunks " .. table.concat(parts, ", ")
end

local function expect_state(s, m, sum, context, hint)
  expect(s[0], context .. ": max"):eq(m, { hint = hint })
  expect(s[1], context .. ": sum"):near(sum, { rtol = SUM_RTOL, atol = 0, hint = hint })
end

local function check_chunks(chunks, hint)
  local s = feed(new_state(), chunks)
  local m, sum = stats(chunks)
  expect_state(s, m, sum, describe(chunks), hint)
  return s
end

test("osm_init: the empty state is {-inf, 0}", function()
  local s = new_state()
  expect(s[0], "after osm_init: max"):eq(-math.huge)
  expect(s[1], "after osm_init: sum"):eq(0)
end)

test("one chunk: [1, 2, 3]", function() check_chunks({ { 1, 2, 3 } }, 1) end)

test("the maximum grows from chunk to chunk", function()
  check_chunks({ { 1 }, { 2 }, { 1000 }, { 999 } }, 1)
  check_chunks({ { -5, -2 }, { 40, 60 }, { 100 } }, 1)
end)

test("a rising row, one value per chunk: 0, 1, ..., 99", function()
  local chunks = {}
  for k = 0, 99 do chunks[#chunks + 1] = { k } end
  check_chunks(chunks, 1)
end)

test("empty chunks, before and after data", function()
  check_chunks({ {} }, 2)
  check_chunks({ {}, { 3, 1 }, {}, { 2 } }, 2)
end)

test("masked values (-inf), including a first chunk of only -inf", function()
  local ninf = -math.huge
  check_chunks({ { ninf, ninf } }, 2)
  check_chunks({ { ninf }, { 0.5, ninf, 2 }, { ninf } }, 2)
end)

test("logits of 1000 and -1000", function()
  check_chunks({ { -1000, -1001 }, { -1000.5 } }, 1)
  check_chunks({ { 1000, 998 }, { 999, -1000 } }, 1)
end)

local function random_chunks(n, lo, hi, max_chunk)
  local chunks, i = {}, 0
  local x = gen.f32(n, { lo = lo, hi = hi, name = "row" })
  while i < n do
    local k = math.min(gen.int(1, max_chunk), n - i)
    chunks[#chunks + 1] = x:totable(i, k)
    i = i + k
  end
  return chunks, x
end

test("osm_merge: a row split into parts, merged in order", function()
  for _ = 1, 8 do
    local chunks = random_chunks(gen.int(2, 300), -50, 50, 40)
    local total = new_state("a")
    local m, sum = stats(chunks)
    for _, chunk in ipairs(chunks) do
      local part = feed(new_state("b"), { chunk })
      merge(total, part)
    end
    expect_state(total, m, sum, ("%d parts merged into one state"):format(#chunks), 2)
  end
end)

test("osm_merge: with empty states on either side", function()
  local empty_a, empty_b = new_state("a"), new_state("b")
  merge(empty_a, empty_b)
  expect_state(empty_a, -math.huge, 0, "empty merged with empty", 2)
  local a, b = new_state("a"), feed(new_state("b"), { { 3, 4 } })
  merge(a, b)
  local m, sum = stats({ { 3, 4 } })
  expect_state(a, m, sum, "empty merged with [3 4]", 2)
  local c = feed(new_state("a"), { { 3, 4 } })
  merge(c, new_state("b"))
  expect_state(c, m, sum, "[3 4] merged with empty", 2)
  local d = feed(new_state("a"), { { -math.huge } })
  merge(d, feed(new_state("b"), { { 7, -math.huge } }))
  local m2, sum2 = stats({ { 7 } })
  expect_state(d, m2, sum2, "[-inf] merged with [7 -inf]", 2)
end)

test("osm_merge: a tree of merges (as parallel workers would)", function()
  local chunks = random_chunks(1000, -300, 300, 64)
  local states = {}
  for _, chunk in ipairs(chunks) do states[#states + 1] = feed(new_state("part"), { chunk }) end
  while #states > 1 do
    local next_level = {}
    for i = 1, #states, 2 do
      if states[i + 1] then merge(states[i], states[i + 1]) end
      next_level[#next_level + 1] = states[i]
    end
    states = next_level
  end
  local m, sum = stats(chunks)
  expect_state(states[1], m, sum, ("%d parts merged pairwise"):format(#chunks), 2)
end)

test("probabilities of a 50257-value row, streamed in chunks", function()
  local n = 50257
  for _, range in ipairs { { -3, 3 }, { -500, 500 } } do
    local chunks, x = random_chunks(n, range[1], range[2], 256)
    local s = feed(new_state(), chunks)
    local m, sum, values = stats(chunks)
    local got, want = buf.f32(n, { name = "p" }), {}
    for i = 0, n - 1 do
      got[i] = prob(s, x[i])
      want[i] = math.exp(values[i + 1] - m) / sum
    end
    gradcheck.forward(got, want, {
      rtol = SUM_RTOL, atol = 1e-12, hint = 1,
      context = ("osm_prob for each value of a row of %d logits in [%g, %g), %d chunks"):format(n, range[1], range[2], #chunks),
    })
  end
end)
