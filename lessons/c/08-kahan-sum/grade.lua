local kahan = learner.fn "double kahan_sum(const double *x, size_t n)"
local neumaier = learner.fn "double neumaier_sum(const double *x, size_t n)"
local exact_sum = learner.fn "double harness_exact_sum(const double *x, size_t n)"
local abs_sum = learner.fn "double harness_abs_sum(const double *x, size_t n, double *scratch)"

local U = 2.0 ^ -53 -- the unit roundoff of double: half the gap between 1.0 and the next double

-- Units in the last place between two doubles, counted on their bit patterns as integers
-- (kd.ulp converts the patterns to double first, which rounds small distances away).
local function key(x)
  local k = string.unpack("<i8", string.pack("<d", x))
  if k < 0 then k = math.mininteger - k end
  return k
end
local function ulps(a, b)
  local ka, kb = key(a), key(b)
  if (ka < 0) ~= (kb < 0) then return math.abs(ka + 0.0 - kb) end -- no integer overflow
  return math.abs(ka - kb)
end

local function fmt(v)
  if v ~= v then return "nan" end
  return ("%.17g"):format(v)
end

-- Calls fn on x[0..n-1] and compares with the exact sum, rounded once.
-- Kahan's error is at most about 2u * sum|x[i]|; Neumaier's at most u * |sum| plus a term
-- of order n u^2 sum|x[i]| (half an ulp of the answer, in practice).
local function check(name, fn, x, n, what, hint)
  local want = exact_sum(x, n)
  local scale = abs_sum(x, n, buf.f64(math.max(n, 1), { name = "scratch" }))
  local tol
  if name == "kahan_sum" then tol = (2 * U + 2 * n * U * U) * scale
  else tol = U * math.abs(want) + 4 * n * U * U * scale end
  local got = fn(x, n)
  local err = math.abs(got - want)
  if not (err <= tol) then
    fail(("%s of %s: expected %s (the exact sum, rounded once), got %s: off by %.3g (%g ulp); at most %.3g is allowed"):format(
      name, what, fmt(want), fmt(got), err, ulps(got, want), tol), { hint = hint })
  end
end

local function exactly(name, fn, values, want, what, hint)
  local x = buf.f64(values, { name = "x" })
  local got = fn(x, #values)
  if got ~= want then
    fail(("%s(%s, %d): expected %s, got %s"):format(name, what, #values, fmt(want), fmt(got)), { hint = hint })
  end
end

local variants = {
  { "kahan_sum", kahan, 1 },
  { "neumaier_sum", neumaier, 3 },
}

for _, v in ipairs(variants) do
  local name, fn, hint = v[1], v[2], v[3]

  test(name .. ": an empty array sums to 0", function()
    -- x is at the very end of its memory: reading x[0] crashes and is reported.
    local x = buf.f64(0, { name = "x" })
    local got = fn(x, 0)
    if got ~= 0 then fail(("%s(x, 0): expected 0, got %s"):format(name, fmt(got))) end
  end)

  test(name .. ": one element", function()
    exactly(name, fn, { 3.25 }, 3.25, "{3.25}")
    exactly(name, fn, { -1e300 }, -1e300, "{-1e300}")
  end)

  test(name .. ": a few values with an exact sum", function()
    exactly(name, fn, { 1, 2, 3 }, 6, "{1, 2, 3}")
    exactly(name, fn, { 0.5, 0.25, -0.75 }, 0, "{0.5, 0.25, -0.75}")
    exactly(name, fn, { -2, -8, 5, -1 }, -6, "{-2, -8, 5, -1}")
  end)

  test(name .. ": 0.1 added a million times", function()
    local n = 1000000
    local x = buf.f64(n, { name = "x" }):fill(0.1)
    check(name, fn, x, n, "0.1 repeated 1,000,000 times (a plain loop gives 100000.00000133288)", hint)
  end)

  test(name .. ": a million random values in [0, 1)", function()
    local n = 1000000
    check(name, fn, gen.f64(n, { lo = 0, hi = 1, name = "x" }), n, "1,000,000 random values in [0, 1)", hint)
  end)

  test(name .. ": a million random values in [-1, 1)", function()
    local n = 1000000
    check(name, fn, gen.f64(n, { lo = -1, hi = 1, name = "x" }), n, "1,000,000 random values in [-1, 1)", hint)
  end)

  test(name .. ": one huge value, then a million ones", function()
    -- 2^70 + 1 rounds back to 2^70 in double (and even in x87 long double), so a plain
    -- loop returns 2^70; the exact sum, 2^70 + 2^20, is a double.
    local n = (1 << 20) + 1
    local x = buf.f64(n, { name = "x" }):fill(1)
    x[0] = 2.0 ^ 70
    check(name, fn, x, n, "{2^70, then 2^20 ones}", hint)
  end)

  test(name .. ": a prime length, values of many magnitudes", function()
    local n = 1009
    local x = buf.f64(n, { name = "x" })
    for i = 0, n - 1 do x[i] = gen.float(-1, 1) * 10.0 ^ gen.int(-8, 8) end
    check(name, fn, x, n, "1009 random values between -1e8 and 1e8, of magnitudes 1e-8 .. 1e8", hint)
  end)
end

test("neumaier_sum: a term larger than the running sum", function()
  -- Kahan's correction is lost when a term is bigger than the sum so far: it returns 0 here.
  exactly("neumaier_sum", neumaier, { 1, 2.0 ^ 100, 1, -(2.0 ^ 100) }, 2, "{1, 2^100, 1, -2^100}", 3)
  exactly("neumaier_sum", neumaier, { 2.0 ^ 100, 3, -(2.0 ^ 100) }, 3, "{2^100, 3, -2^100}", 3)
end)

test("neumaier_sum: giants that cancel among small values", function()
  local n = 20000
  local x = gen.f64(n, { lo = -1, hi = 1, name = "x" })
  -- 40 pairs of equal and opposite values of 2^40 .. 2^80, the second of each pair later.
  local used = {}
  local function free_index(lo)
    local i
    repeat i = gen.int(lo, n - 1) until not used[i]
    used[i] = true
    return i
  end
  for _ = 1, 40 do
    local big = gen.float(1, 2) * 2.0 ^ gen.int(40, 80)
    local i = free_index(0)
    local j = free_index(i + 1)
    x[i], x[j] = big, -big
  end
  check("neumaier_sum", neumaier, x, n, "20,000 values in [-1, 1) among 40 cancelling pairs of +-2^40 .. 2^80", 3)
end)
