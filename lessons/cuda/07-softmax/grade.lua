local cuda = require "cuda"
local decl = "void softmax_rows(float *out, const float *in, int rows, int cols)"
local softmax = cuda.kernel(decl)
local BLOCK = 256

-- The softmax of each row in double.
local function want_of(x, rows, cols)
  local want = buf.f32(rows * cols + 64)
  want:fill(-7.5)
  for r = 0, rows - 1 do
    local m = -math.huge
    for j = 0, cols - 1 do m = math.max(m, x[r * cols + j]) end
    local d = 0.0
    for j = 0, cols - 1 do d = d + math.exp(x[r * cols + j] - m) end
    for j = 0, cols - 1 do want[r * cols + j] = math.exp(x[r * cols + j] - m) / d end
  end
  return want
end

local function run(x, rows, cols, what)
  local out = buf.f32(rows * cols + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  softmax:launch({ grid = rows, block = BLOCK }, out, x, rows, cols)
  cuda.expect(out, want_of(x, rows, cols), { what = "out", rtol = 2e-5, atol = 1e-7, hint = 2,
    context = ("%s, %d rows of %d (from element %d on is past the end)"):format(what, rows, cols, rows * cols) })
end

local function uniform(rows, cols, lo, hi)
  return gen.f32(rows * cols, { lo = lo, hi = hi, name = "in", align = 4 })
end

test("1 row of 1: the softmax of one value is 1", function() run(uniform(1, 1, -3, 3), 1, 1, "values in [-3, 3)") end)
test("1 row of 5: most threads have no element", function() run(uniform(1, 5, -3, 3), 1, 5, "values in [-3, 3)") end)
test("4 rows of 256", function() run(uniform(4, 256, -5, 5), 4, 256, "values in [-5, 5)") end)
test("3 rows of 1000", function() run(uniform(3, 1000, -5, 5), 3, 1000, "values in [-5, 5)") end)
test("2 rows of 4099: several elements per thread, not a multiple of 256", function()
  run(uniform(2, 4099, -8, 8), 2, 4099, "values in [-8, 8)")
end)
test("large values: exp(1000) overflows unless the maximum is subtracted", function()
  run(uniform(3, 700, 900, 1100), 3, 700, "values in [900, 1100)")
end)
test("large negative values: exp(-1000) underflows unless the maximum is subtracted", function()
  run(uniform(2, 300, -1100, -900), 2, 300, "values in [-1100, -900)")
end)
test("a constant row: every output is 1 / cols", function()
  local x = buf.f32(2 * 600, { name = "in", align = 4 })
  x:fill(42)
  run(x, 2, 600, "every value 42")
end)
test("one value far above the rest, at the end of the row", function()
  local x = uniform(1, 777, -1, 1)
  x[776] = 60
  run(x, 1, 777, "values in [-1, 1), the last one 60")
end)

-- Timed: 8192 rows of 4096 floats (128 MB read, 128 MB written), fresh inputs every
-- repetition, every output compared with the reference kernel's.
local ROWS, COLS = 8192, 4096
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference(decl)
  local n = ROWS * COLS
  local x = buf.f32(n, { name = "in" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -10, 10)
      return rep
    end,
    learner = function() return softmax, { grid = ROWS, block = BLOCK }, out, x, ROWS, COLS end,
    against = "copy",
    bytes = 2 * 4 * n,
    check = function()
      ref:launch({ grid = ROWS, block = BLOCK }, want, x, ROWS, COLS)
      expect.buffer(out, want, { what = "out (8192 rows of 4096)", rtol = 1e-4, atol = 1e-8 })
    end,
  })
end)
