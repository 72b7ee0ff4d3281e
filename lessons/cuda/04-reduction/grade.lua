local cuda = require "cuda"
local sum = cuda.kernel "void reduce_sum(float *out, const float *in, int n)"
local BLOCK = 256

-- The sum in double, and the sum of magnitudes, which bounds float rounding.
local function exact(x, n)
  local s, m = 0.0, 0.0
  for i = 0, n - 1 do
    s, m = s + x[i], m + math.abs(x[i])
  end
  return s, m
end

local function check(n, grid, lo, hi)
  local x = gen.f32(n, { lo = lo, hi = hi, name = "in", align = 4 })
  local out = buf.f32(1, { name = "out", align = 4 })
  out[0] = 0
  sum:launch({ grid = grid, block = BLOCK }, out, x, n)
  local want, mag = exact(x, n)
  expect(out[0], ("sum of %d elements with %d blocks of %d threads"):format(n, grid, BLOCK))
    :near(want, { atol = 1e-5 * mag + 1e-6, hint = 1 })
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  cuda.expect_resources(sum, { max_shared = 48 * 1024, no_spills = true }, { block = BLOCK })
end)
test("n = 1", function() check(1, 1, 1, 9) end)
test("n = 256, one block", function() check(256, 1, -10, 10) end)
test("n = 1000, 2 blocks: each thread adds several elements", function() check(1000, 2, -10, 10) end)
test("n = 100003, 16 blocks", function() check(100003, 16, -1, 1) end)
test("n = 70000, 300 blocks: more threads than elements", function() check(70000, 300, 0, 1) end)

-- Timed: 32M floats, fresh inputs every repetition, every result checked.
local N, GRID = 1 << 25, 1024
test("speed: at least 67% of this GPU's copy bandwidth", function()
  local x = buf.f32(N, { name = "in" })
  local out = buf.f32(1, { name = "out" })
  local want, mag
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -4, 4)
      want, mag = x:sum(), N * 2.0
      out[0] = 0
      return rep
    end,
    learner = function() return sum, { grid = GRID, block = BLOCK }, out, x, N end,
    against = "copy",
    bytes = 4 * N,
    check = function()
      expect(out[0], "sum of 32M floats"):near(want, { atol = 1e-5 * mag })
      out[0] = 0
    end,
  })
end)
