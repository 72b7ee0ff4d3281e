local cuda = require "cuda"
local decl = "void transpose(float *out, const float *in, int rows, int cols)"
local tr = cuda.kernel(decl)
local ref = cuda.reference(decl)
local TILE = 32

local function cfg(rows, cols)
  return { grid = { (cols + TILE - 1) // TILE, (rows + TILE - 1) // TILE }, block = { TILE, 8 } }
end

-- out has 64 guard elements past the matrix, set to a sentinel: they must stay untouched.
local function check(rows, cols)
  local n = rows * cols
  local x = gen.f32(n, { lo = -100, hi = 100, name = "in", align = 4 })
  local out = buf.f32(n + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  tr:launch(cfg(rows, cols), out, x, rows, cols)
  local want = buf.f32(n + 64)
  want:fill(-7.5)
  for r = 0, rows - 1 do
    for c = 0, cols - 1 do want[c * rows + r] = x[r * cols + c] end
  end
  cuda.expect(out, want, { what = "out", hint = 2,
    context = ("in is %d x %d, out is %d x %d (out[c * %d + r] = in[r * %d + c])"):format(rows, cols, cols, rows, rows, cols) })
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  cuda.expect_resources(tr, { max_shared = 48 * 1024, no_spills = true }, { block = { TILE, 8 } })
end)
test("1 x 1", function() check(1, 1) end)
test("1 x 40: a row becomes a column", function() check(1, 40) end)
test("40 x 1: a column becomes a row", function() check(40, 1) end)
test("32 x 32: one whole tile", function() check(32, 32) end)
test("64 x 96: whole tiles, not square", function() check(64, 96) end)
test("33 x 65: tiles sticking out on both sides", function() check(33, 65) end)
test("100 x 37", function() check(100, 37) end)

-- Timed: 4096 x 8192 floats (128 MB read, 128 MB written), fresh inputs every repetition,
-- every output checked against the reference kernel.
local ROWS, COLS = 4096, 8192
test("speed: at least 74% of this GPU's copy bandwidth", function()
  local n = ROWS * COLS
  local x = buf.f32(n, { name = "in" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -1000, 1000)
      return rep
    end,
    learner = function() return tr, cfg(ROWS, COLS), out, x, ROWS, COLS end,
    against = "copy",
    bytes = 2 * 4 * n,
    check = function()
      ref:launch(cfg(ROWS, COLS), want, x, ROWS, COLS)
      expect.buffer(out, want, { what = "out (the transpose of 4096 x 8192)" })
    end,
  })
end)
