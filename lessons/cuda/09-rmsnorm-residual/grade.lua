local cuda = require "cuda"
local decl = "void rmsnorm_residual(float *out, float *res, const float *x, const float *weight, int rows, int cols, float eps)"
local rms = cuda.kernel(decl)
local BLOCK, EPS = 256, 1e-6

local function f32(v) return (string.unpack("f", string.pack("f", v))) end

local function run(rows, cols, lo, hi, what)
  local n = rows * cols
  local x = gen.f32(n, { lo = lo, hi = hi, name = "x", align = 4 })
  local res = gen.f32(n + 64, { lo = lo, hi = hi, name = "res", align = 4 })
  for i = n, n + 63 do res[i] = -7.5 end
  local weight = gen.f32(cols, { lo = 0.5, hi = 1.5, name = "weight", align = 4 })
  local want_res, want = buf.f32(n + 64), buf.f32(n + 64)
  want:fill(-7.5)
  for i = 0, n + 63 do want_res[i] = i < n and f32(res[i] + x[i]) or -7.5 end
  for r = 0, rows - 1 do
    local ss = 0.0
    for j = 0, cols - 1 do ss = ss + want_res[r * cols + j] ^ 2 end
    local rstd = 1 / math.sqrt(ss / cols + EPS)
    for j = 0, cols - 1 do want[r * cols + j] = want_res[r * cols + j] * rstd * weight[j] end
  end
  local out = buf.f32(n + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  rms:launch({ grid = rows, block = BLOCK }, out, res, x, weight, rows, cols, EPS)
  local context = ("%s, %d rows of %d, eps = 1e-6 (from element %d on is past the end)"):format(what, rows, cols, n)
  cuda.expect(res, want_res, { what = "res (res + x, in place)", hint = 1, context = context })
  cuda.expect(out, want, { what = "out", rtol = 1e-4, atol = 1e-5, hint = 2, context = context })
end

test("1 row of 1", function() run(1, 1, -3, 3, "values in [-3, 3)") end)
test("1 row of 7: most threads have no element", function() run(1, 7, -3, 3, "values in [-3, 3)") end)
test("4 rows of 256", function() run(4, 256, -2, 2, "values in [-2, 2)") end)
test("3 rows of 1000", function() run(3, 1000, -2, 2, "values in [-2, 2)") end)
test("2 rows of 4099: several elements per thread, not a multiple of 256", function()
  run(2, 4099, -5, 5, "values in [-5, 5)")
end)
test("large values (1e15): their squares need float's range, not more", function()
  run(2, 1500, 1e15, 2e15, "values in [1e15, 2e15)")
end)

-- Timed: 8192 rows of 4096 floats (x and res read, res and out written: 537 MB), fresh
-- inputs every repetition, every output compared with the reference kernel's.
local ROWS, COLS = 8192, 4096
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference(decl)
  local n = ROWS * COLS
  local x, weight = buf.f32(n, { name = "x" }), buf.f32(COLS, { name = "weight" })
  local res, res2 = buf.f32(n, { name = "res" }), buf.f32(n, { name = "reference res" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -4, 4)
      res:random(seed + 100 + rep, -4, 4)
      res2:random(seed + 100 + rep, -4, 4)
      weight:random(seed + 200 + rep, 0.5, 1.5)
      return rep
    end,
    learner = function() return rms, { grid = ROWS, block = BLOCK }, out, res, x, weight, ROWS, COLS, EPS end,
    against = "copy",
    bytes = 4 * 4 * n + 4 * COLS,
    check = function()
      ref:launch({ grid = ROWS, block = BLOCK }, want, res2, x, weight, ROWS, COLS, EPS)
      expect.buffer(res, res2, { what = "res (8192 rows of 4096)" })
      expect.buffer(out, want, { what = "out (8192 rows of 4096)", rtol = 1e-4, atol = 1e-5 })
    end,
  })
end)
