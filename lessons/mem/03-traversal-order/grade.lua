local column_sums = learner.fn "void column_sums(const int *m, int rows, int cols, long long *out)"
local reference_sums = reference.fn "void column_sums(const int *m, int rows, int cols, long long *out)"

-- Column sums computed here, independently of both C versions.
local function expected(m, rows, cols)
  local want = buf.i64(cols, { name = "expected" })
  for i = 0, rows - 1 do
    for j = 0, cols - 1 do
      want[j] = want[j] + m[i * cols + j]
    end
  end
  return want
end

local function check(rows, cols, what, opts)
  local m = gen.i32(rows * cols, { lo = -1000, hi = 1000, name = "m" })
  local out = buf.i64(cols, { name = "out" }):fill(-1)
  column_sums(m, rows, cols, out)
  expect.buffer(out, expected(m, rows, cols), { what = ("out (%s, %d x %d)"):format(what, rows, cols), hint = opts and opts.hint })
end

test("1 x 1", function() check(1, 1, "one element") end)
test("one row", function() check(1, 17, "a single row") end)
test("one column", function() check(23, 1, "a single column") end)
test("square", function() check(8, 8, "square") end)
test("wide", function() check(3, 101, "more columns than rows", { hint = 3 }) end)
test("tall", function() check(97, 5, "more rows than columns", { hint = 3 }) end)
test("every total is written (out starts as garbage)", function() check(5, 7, "out filled with -1 first", { hint = 3 }) end)

test("speed: 4096 x 4096", function()
  local n = 4096
  local m = buf.i32(n * n, { name = "m" })
  local mine, theirs = buf.i64(n, { name = "out" }), buf.i64(n, { name = "reference out" })
  bench.compare("colsums", {
    reps = 7,
    inputs = function(rep) m:random(seed + rep, -1000, 1000) end,
    learner = function() column_sums(m, n, n, mine) end,
    against = function() reference_sums(m, n, n, theirs) end,
    check = function() expect.buffer(mine, theirs, { what = "out" }) end,
  })
end)
