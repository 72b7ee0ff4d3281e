local cuda = require "cuda"
local decl = "void add_bias(float *out, const float *x, const float *bias, int rows, int cols)"
local add = cuda.kernel(decl)
local ref = cuda.reference(decl)
local BLOCK = 256

local function cfg(n) return { grid = (n + BLOCK - 1) // BLOCK, block = BLOCK } end

-- out has 64 guard elements past the matrix, set to a sentinel: they must stay untouched.
local function check(rows, cols)
  local n = rows * cols
  local x = gen.f32(n, { lo = -100, hi = 100, name = "x", align = 4 })
  local bias = gen.f32(cols, { lo = -10, hi = 10, name = "bias", align = 4 })
  local out = buf.f32(n + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  add:launch(cfg(n), out, x, bias, rows, cols)
  local want = buf.f32(n + 64)
  want:fill(-7.5)
  for i = 0, n - 1 do want[i] = x[i] + bias[i % cols] end
  cuda.expect(out, want, { what = "out", hint = 1,
    context = ("%d x %d (element (r, c) at r * %d + c; from %d on is past the end)"):format(rows, cols, cols, n) })
end

test("1 x 1", function() check(1, 1) end)
test("3 x 5: a column's bias goes to every row", function() check(3, 5) end)
test("5 x 3: more rows than columns", function() check(5, 3) end)
test("1 x 1000: one row, the last block partly past the end", function() check(1, 1000) end)
test("1000 x 1: one column", function() check(1000, 1) end)
test("127 x 331", function() check(127, 331) end)

-- Timed: an 8192 x 4096 matrix (128 MB read, 128 MB written), fresh inputs every
-- repetition, every output checked against the reference kernel.
local ROWS, COLS = 8192, 4096
test("speed: at least 61% of this GPU's copy bandwidth", function()
  local n = ROWS * COLS
  local x, bias = buf.f32(n, { name = "x" }), buf.f32(COLS, { name = "bias" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + 2 * rep, -1000, 1000)
      bias:random(seed + 2 * rep + 1, -10, 10)
      return rep
    end,
    learner = function() return add, cfg(n), out, x, bias, ROWS, COLS end,
    against = "copy",
    bytes = 2 * 4 * n + 4 * COLS,
    check = function()
      ref:launch(cfg(n), want, x, bias, ROWS, COLS)
      expect.buffer(out, want, { what = "out (8192 x 4096)" })
    end,
  })
end)
