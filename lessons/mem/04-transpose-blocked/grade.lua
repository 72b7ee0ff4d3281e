local transpose = learner.fn "void transpose(const int *a, int *b, int rows, int cols)"
local reference_transpose = reference.fn "void transpose(const int *a, int *b, int rows, int cols)"
local first_wrong = learner.fn "long long harness_first_wrong(const int *a, const int *b, int rows, int cols)"
local perturb = learner.fn "void harness_perturb(int *a, long long n, long long seed, int count)"

-- Checks b against a, naming the first wrong element as b[j][i] and where it should come from.
local function verify(a, b, rows, cols, what, opts)
  local k = first_wrong(a, b, rows, cols)
  if k >= 0 then
    local j, i = k // rows, k % rows
    fail(("%s (%d x %d): b[%d * %d + %d] (row %d, column %d of b) should be a[%d * %d + %d] = %d, got %d")
      :format(what, rows, cols, j, rows, i, j, i, i, cols, j, a[i * cols + j], b[k]), opts)
  end
end

local function check(rows, cols, what, opts)
  local a = gen.i32(rows * cols, { lo = -100000, hi = 100000, name = "a" })
  local b = buf.i32(rows * cols, { name = "b" }):fill(-777)
  transpose(a, b, rows, cols)
  verify(a, b, rows, cols, what, opts)
end

test("1 x 1", function() check(1, 1, "one element") end)
test("one row becomes one column", function() check(1, 19, "a single row") end)
test("one column becomes one row", function() check(23, 1, "a single column") end)
test("square, a multiple of 16", function() check(32, 32, "square 32") end)
test("rectangular, wide", function() check(5, 67, "wide", { hint = 3 }) end)
test("rectangular, tall", function() check(71, 9, "tall", { hint = 3 }) end)
test("sizes that are not a multiple of any tile", function()
  check(37, 53, "37 x 53", { hint = 3 })
  check(129, 97, "129 x 97", { hint = 3 })
end)
test("large and rectangular", function() check(1000, 333, "1000 x 333", { hint = 3 }) end)

test("speed: 8192 x 8192", function()
  local n = 8192
  local a = gen.i32(n * n, { lo = -1000000, hi = 1000000, name = "a" })
  local mine, theirs = buf.i32(n * n, { name = "b" }), buf.i32(n * n, { name = "reference b" })
  bench.compare("transpose", {
    reps = 5,
    inputs = function(rep) perturb(a, n * n, seed + rep, 1000) end,
    learner = function() transpose(a, mine, n, n) end,
    against = function() reference_transpose(a, theirs, n, n) end,
    check = function() verify(a, mine, n, n, "8192 x 8192") end,
  })
end)
