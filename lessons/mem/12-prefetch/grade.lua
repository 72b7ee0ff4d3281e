local gather = learner.fn "long long gather_sum(const int *table, const unsigned *idx, long n)"
local reference_gather = reference.fn "long long gather_sum(const int *table, const unsigned *idx, long n)"
local plain = learner.fn "long long harness_gather(const int *table, const unsigned *idx, long n)"

local function check(tn, n, what, opts)
  local table_ = gen.i32(tn, { lo = -1000000, hi = 1000000, name = "table" })
  local idx = gen.u32(n, { lo = 0, hi = tn - 1, name = "idx" })
  expect(gather(table_, idx, n), ("sum of %d lookups into a table of %d (%s)"):format(n, tn, what))
    :eq(plain(table_, idx, n), opts)
end

test("no lookups", function()
  expect(gather(buf.i32(4, { name = "table" }), buf.u32(0, { name = "idx" }), 0), "sum of 0 lookups"):eq(0)
end)
test("one lookup", function() check(10, 1, "one index") end)
test("fewer lookups than any prefetch distance", function()
  for _, n in ipairs { 2, 7, 31, 63, 64, 65 } do check(1000, n, "short list", { hint = 3 }) end
end)
test("repeated and negative values", function()
  local t = buf.i32({ -5, 7, -2147483648, 2147483647 }, { name = "table" })
  local idx = buf.u32({ 2, 2, 3, 0, 1, 3, 2 }, { name = "idx" })
  expect(gather(t, idx, 7), "sum over {2, 2, 3, 0, 1, 3, 2} of {-5, 7, INT_MIN, INT_MAX}"):eq(plain(t, idx, 7))
end)
test("random lists of random lengths", function()
  for _ = 1, 8 do check(100000, gen.int(1, 20000), "random") end
end)

test("speed: 2 M lookups into 1 GiB", function()
  local tn, n = 1 << 28, 2 << 20
  local table_ = gen.i32(tn, { lo = -1000, hi = 1000, name = "table" })
  local idx = buf.u32(n, { name = "idx" })
  bench.compare("gather", {
    reps = 21,
    inputs = function(rep) idx:random(seed + rep, 0, tn - 1) end,
    learner = function() return gather(table_, idx, n) end,
    against = function() return reference_gather(table_, idx, n) end,
    check = function(got, want) expect(got, "sum of 2 M random lookups"):eq(want) end,
  })
end)
