local filter = learner.fn "long filter_below(const int *in, long n, int limit, int *out)"
local reference_filter = reference.fn "long filter_below(const int *in, long n, int limit, int *out)"
local harness_check = learner.fn "long long harness_check(const int *in, long long n, int limit, const int *out, long long got)"
local harness_fill = learner.fn "void harness_fill(int *a, long long n, long long seed)"

local function expected(input, n, limit)
  local want = {}
  for i = 0, n - 1 do
    if input[i] < limit then want[#want + 1] = input[i] end
  end
  return want
end

local function check_small(values, limit, what, opts)
  local n = #values
  local input = buf.i32(values, { name = "in" })
  local out = buf.i32(n, { name = "out" }):fill(-12345)
  local got = filter(input, n, limit, out)
  local want = expected(input, n, limit)
  expect(got, ("%s: the count returned (limit %d)"):format(what, limit)):eq(#want, opts)
  for k = 1, #want do
    expect(out[k - 1], ("%s: out[%d] (limit %d)"):format(what, k - 1, limit)):eq(want[k], opts)
  end
end

test("empty input", function()
  expect(filter(buf.i32(0, { name = "in" }), 0, 5, buf.i32(0, { name = "out" })), "count for n = 0"):eq(0)
end)
test("nothing kept", function() check_small({ 7, 8, 9, 10 }, 7, "{7, 8, 9, 10}") end)
test("everything kept", function() check_small({ 1, 2, 3 }, 100, "{1, 2, 3}", { hint = 3 }) end)
test("order is preserved", function() check_small({ 5, -1, 9, 3, 3, 12, 0 }, 5, "{5, -1, 9, 3, 3, 12, 0}") end)
test("equal to the limit is not kept", function() check_small({ 4, 5, 6, 5 }, 5, "{4, 5, 6, 5}", { hint = 1 }) end)
test("negative limit and extreme values", function()
  check_small({ -2147483648, 2147483647, -5, -6, 0 }, -5, "extremes")
end)
test("only the last element kept", function() check_small({ 9, 9, 9, 9, 1 }, 5, "{9, 9, 9, 9, 1}", { hint = 3 }) end)
test("random arrays", function()
  for _ = 1, 10 do
    local n = gen.int(1, 3000)
    local input = gen.i32(n, { lo = -1000, hi = 1000, name = "in" })
    local out = buf.i32(n, { name = "out" })
    local limit = gen.int(-1100, 1100)
    local got = filter(input, n, limit, out)
    local bad = harness_check(input, n, limit, out, got)
    if bad ~= -1 then
      fail(("random array of %d ints, limit %d: %s"):format(n, limit,
        bad <= -2 and ("returned count %d, expected %d"):format(got, -2 - bad) or ("out[%d] is wrong"):format(bad)))
    end
  end
end)

test("speed: 16 M random ints, half kept", function()
  local n = 16 * 1024 * 1024
  local input = buf.i32(n, { name = "in" })
  local mine, theirs = buf.i32(n, { name = "out" }), buf.i32(n, { name = "reference out" })
  local got
  bench.compare("filter", {
    reps = 7,
    inputs = function(rep) harness_fill(input, n, seed + rep) end,
    learner = function() got = filter(input, n, 500, mine) end,
    against = function() reference_filter(input, n, 500, theirs) end,
    check = function()
      local bad = harness_check(input, n, 500, mine, got)
      if bad ~= -1 then fail("16 M ints, limit 500: the result is wrong (count or contents)") end
    end,
  })
end)
