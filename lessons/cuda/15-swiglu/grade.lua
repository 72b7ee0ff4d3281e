local cuda = require "cuda"
local decl = "void swiglu(float *out, const float *gu, int rows, int hidden)"
local swiglu = cuda.kernel(decl)
local BLOCK, PER_BLOCK = 256, 2048

local function cfg(rows, hidden) return { grid = { (hidden + PER_BLOCK - 1) // PER_BLOCK, rows }, block = BLOCK } end

-- silu(a) * b in double.
local function want_of(gu, rows, hidden)
  local want = buf.f32(rows * hidden + 64)
  want:fill(-7.5)
  for r = 0, rows - 1 do
    for j = 0, hidden - 1 do
      local a, b = gu[r * 2 * hidden + j], gu[r * 2 * hidden + hidden + j]
      want[r * hidden + j] = a / (1 + math.exp(-a)) * b
    end
  end
  return want
end

-- out has 64 guard values past its end (-7.5) that must stay as they are. Outputs within a
-- relative 1e-5 of the double result; below 1e-30 in magnitude, 0 is as good.
local function run(gu, rows, hidden, what, hint)
  local out = buf.f32(rows * hidden + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  swiglu:launch(cfg(rows, hidden), out, gu, rows, hidden)
  cuda.expect(out, want_of(gu, rows, hidden), { what = "out", rtol = 1e-5, atol = 1e-30, hint = hint or 3,
    context = ("%s, %d row%s, hidden = %d (gu is %d x %d; from out[%d] on is past the end)"):format(
      what, rows, rows == 1 and "" or "s", hidden, rows, 2 * hidden, rows * hidden) })
end

local function random(rows, hidden, lo, hi)
  return gen.f32(rows * 2 * hidden, { lo = lo, hi = hi, name = "gu", align = 4 })
end

test("known values: silu(1) = 0.7310586, silu(-1) = -0.2689414, silu(0) = 0", function()
  local gates = { 1, -1, 0, 2, -2, 5, -5 }
  local ups = { 1, 1, 1, 1, 1, 1, 0.5 }
  local gu = buf.f32(14, { name = "gu", align = 4 })
  for i = 1, 7 do gu[i - 1], gu[6 + i] = gates[i], ups[i] end
  run(gu, 1, 7, "gates {1, -1, 0, 2, -2, 5, -5}, ups {1, 1, 1, 1, 1, 1, 0.5}", 2)
end)
test("1 row of 1", function() run(random(1, 1, -3, 3), 1, 1, "values in [-3, 3)", 1) end)
test("3 rows of 5: gate and up halves of each row", function() run(random(3, 5, -3, 3), 3, 5, "values in [-3, 3)", 1) end)
test("2 rows of 2048: one whole block per row", function() run(random(2, 2048, -4, 4), 2, 2048, "values in [-4, 4)") end)
test("2 rows of 2049: one column in a second block", function() run(random(2, 2049, -4, 4), 2, 2049, "values in [-4, 4)") end)
test("3 rows of 5000: three blocks per row, the last part-filled", function()
  run(random(3, 5000, -6, 6), 3, 5000, "values in [-6, 6)")
end)
test("large gates: exp overflows past 88.7", function()
  local gates = { 100, -100, 1000, -1000, 89, -89, 88, -88, 30, -30 }
  local gu = buf.f32(20, { name = "gu", align = 4 })
  for i = 1, 10 do gu[i - 1], gu[9 + i] = gates[i], 1.5 end
  run(gu, 1, 10, "gates {100, -100, 1000, -1000, 89, -89, 88, -88, 30, -30}, ups 1.5", 2)
end)
test("2 rows of 11008 (Llama 7B's MLP width)", function()
  run(random(2, 11008, -8, 8), 2, 11008, "values in [-8, 8)")
end)

-- Timed: 2048 rows of hidden = 11008 (180 MB read, 90 MB written), fresh inputs every
-- repetition, every output compared with the reference kernel's.
local ROWS, HIDDEN = 2048, 11008
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference(decl)
  local gu = buf.f32(ROWS * 2 * HIDDEN, { name = "gu" })
  local out, want = buf.f32(ROWS * HIDDEN, { name = "out" }), buf.f32(ROWS * HIDDEN, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      gu:random(seed + rep, -8, 8)
      return rep
    end,
    learner = function() return swiglu, cfg(ROWS, HIDDEN), out, gu, ROWS, HIDDEN end,
    against = "copy",
    bytes = 3 * 4 * ROWS * HIDDEN,
    check = function()
      ref:launch(cfg(ROWS, HIDDEN), want, gu, ROWS, HIDDEN)
      expect.buffer(out, want, { what = "out (2048 rows of 11008)", rtol = 1e-5, atol = 1e-30 })
    end,
  })
end)
