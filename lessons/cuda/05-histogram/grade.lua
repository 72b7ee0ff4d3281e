local cuda = require "cuda"
local hist = cuda.kernel "void histogram(unsigned int *bins, const float *x, int n, float lo, float scale)"
local BLOCK, NBINS = 256, 1024

local function f32(v) return (string.unpack("f", string.pack("f", v))) end

-- bin_of as the kernel computes it, in float.
local function bin_of(x, lo, scale)
  local t = f32(f32(x - lo) * scale)
  if t < 0 then return 0 end
  if t >= NBINS then return NBINS - 1 end
  return math.floor(t)
end

local function want_of(x, n, lo, scale)
  local want = buf.u32(NBINS, { name = "expected bins" })
  for i = 0, n - 1 do
    local b = bin_of(x[i], lo, scale)
    want[b] = want[b] + 1
  end
  return want
end

local function check(x, n, grid, lo, scale, what)
  local bins = buf.u32(NBINS, { name = "bins", align = 4 })
  hist:launch({ grid = grid, block = BLOCK }, bins, x, n, f32(lo), f32(scale))
  local want = want_of(x, n, lo, scale)
  cuda.expect(bins, want, { what = "bins", hint = 2,
    context = ("%s: n = %d, %d blocks of %d threads, lo = %g, scale = %g"):format(what, n, grid, BLOCK, lo, scale) })
end

local function uniform(n, lo, hi)
  return gen.f32(n, { lo = lo, hi = hi, name = "x", align = 4 })
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  cuda.expect_resources(hist, { max_shared = 48 * 1024, no_spills = true }, { block = BLOCK })
end)
test("n = 1", function() check(uniform(1, -4, 4), 1, 1, -4, 128, "one value") end)
test("n = 0: nothing to count", function() check(buf.f32(1, { name = "x", align = 4 }), 0, 2, -4, 128, "no values") end)
test("n = 1000, one block", function() check(uniform(1000, -4, 4), 1000, 1, -4, 128, "uniform in [-4, 4)") end)
test("n = 100003, 16 blocks", function() check(uniform(100003, -4, 4), 100003, 16, -4, 128, "uniform in [-4, 4)") end)
test("values outside the range land in the first and last bins", function()
  check(uniform(50000, -100, 100), 50000, 8, -4, 128, "uniform in [-100, 100)")
end)
test("every value in one bin (the worst contention)", function()
  local n = 30000
  local x = buf.f32(n, { name = "x", align = 4 })
  x:fill(0.5)
  check(x, n, 8, -4, 128, "30000 copies of 0.5")
end)
test("n = 70000, 300 blocks: more threads than elements", function()
  check(uniform(70000, 0, 1), 70000, 300, 0, 1024, "uniform in [0, 1)")
end)

-- Timed: 64M floats, fresh inputs every repetition, every histogram checked against the one
-- the reference kernel makes on the GPU.
local N, GRID = 1 << 26, 1024
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference "void histogram(unsigned int *bins, const float *x, int n, float lo, float scale)"
  local x = buf.f32(N, { name = "x" })
  local bins, want = buf.u32(NBINS, { name = "bins" }), buf.u32(NBINS, { name = "reference bins" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -4.5, 4.5)
      bins:fill(0)
      return rep
    end,
    learner = function() return hist, { grid = GRID, block = BLOCK }, bins, x, N, -4.0, 128.0 end,
    against = "copy",
    bytes = 4 * N,
    check = function()
      want:fill(0)
      ref:launch({ grid = GRID, block = BLOCK }, want, x, N, -4.0, 128.0)
      expect.buffer(bins, want, { what = "bins (64M floats)" })
      bins:fill(0)
    end,
  })
end)
