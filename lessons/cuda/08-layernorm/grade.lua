local cuda = require "cuda"
local decl = "void layernorm(float *out, const float *in, const float *gamma, const float *beta, int rows, int cols, float eps)"
local ln = cuda.kernel(decl)
local BLOCK, EPS = 256, 1e-5

-- LayerNorm of each row in double.
local function want_of(x, gamma, beta, rows, cols, eps)
  local want = buf.f32(rows * cols + 64)
  want:fill(-7.5)
  for r = 0, rows - 1 do
    local s = 0.0
    for j = 0, cols - 1 do s = s + x[r * cols + j] end
    local mean, q = s / cols, 0.0
    for j = 0, cols - 1 do q = q + (x[r * cols + j] - mean) ^ 2 end
    local rstd = 1 / math.sqrt(q / cols + eps)
    for j = 0, cols - 1 do want[r * cols + j] = (x[r * cols + j] - mean) * rstd * gamma[j] + beta[j] end
  end
  return want
end

local function run(rows, cols, lo, hi, what, opts)
  opts = opts or {}
  local x = gen.f32(rows * cols, { lo = lo, hi = hi, name = "in", align = 4 })
  if opts.constant then x:fill(opts.constant) end
  local gamma = gen.f32(cols, { lo = 0.5, hi = 1.5, name = "gamma", align = 4 })
  local beta = gen.f32(cols, { lo = -1, hi = 1, name = "beta", align = 4 })
  local out = buf.f32(rows * cols + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  ln:launch({ grid = rows, block = BLOCK }, out, x, gamma, beta, rows, cols, EPS)
  cuda.expect(out, want_of(x, gamma, beta, rows, cols, EPS), { what = "out", rtol = 1e-4, atol = 2e-4,
    hint = opts.hint or 2,
    context = ("%s, %d rows of %d, eps = 1e-5 (from element %d on is past the end)"):format(what, rows, cols, rows * cols) })
end

test("1 row of 1: the output is beta", function() run(1, 1, -3, 3, "values in [-3, 3)") end)
test("1 row of 7: most threads have no element", function() run(1, 7, -3, 3, "values in [-3, 3)") end)
test("4 rows of 256", function() run(4, 256, -2, 2, "values in [-2, 2)") end)
test("3 rows of 1000", function() run(3, 1000, -2, 2, "values in [-2, 2)") end)
test("2 rows of 4099: several elements per thread, not a multiple of 256", function()
  run(2, 4099, -5, 5, "values in [-5, 5)")
end)
test("a constant row: variance 0, the output is beta", function()
  run(2, 500, 0, 1, "every value 3", { constant = 3 })
end)
test("rows around 100 with a spread of 1: E[x^2] - mean^2 loses its digits in float", function()
  run(3, 2048, 99, 101, "values in [99, 101)", { hint = 3 })
end)

-- Timed: 8192 rows of 4096 floats (128 MB read, 128 MB written), fresh inputs every
-- repetition, every output compared with the reference kernel's.
local ROWS, COLS = 8192, 4096
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference(decl)
  local n = ROWS * COLS
  local x = buf.f32(n, { name = "in" })
  local gamma, beta = buf.f32(COLS, { name = "gamma" }), buf.f32(COLS, { name = "beta" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -4, 4)
      gamma:random(seed + 100 + rep, 0.5, 1.5)
      beta:random(seed + 200 + rep, -1, 1)
      return rep
    end,
    learner = function() return ln, { grid = ROWS, block = BLOCK }, out, x, gamma, beta, ROWS, COLS, EPS end,
    against = "copy",
    bytes = 2 * 4 * n + 2 * 4 * COLS,
    check = function()
      ref:launch({ grid = ROWS, block = BLOCK }, want, x, gamma, beta, ROWS, COLS, EPS)
      expect.buffer(out, want, { what = "out (8192 rows of 4096)", rtol = 1e-4, atol = 1e-4 })
    end,
  })
end)
