local cuda = require "cuda"
local add = cuda.kernel "void vector_add(float *out, const float *a, const float *b, int n)"
local ref = cuda.reference "void vector_add(float *out, const float *a, const float *b, int n)"
local BLOCK = 256

local function cfg(n) return { grid = (n + BLOCK - 1) // BLOCK, block = BLOCK } end

-- out has 64 guard elements past n set to a sentinel: threads past the end must write nothing.
local function check(n, lo, hi)
  local a = gen.f32(n, { lo = lo or -100, hi = hi or 100, name = "a", align = 4 })
  local b = gen.f32(n, { lo = lo or -100, hi = hi or 100, name = "b", align = 4 })
  local out = buf.f32(n + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  add:launch(cfg(n), out, a, b, n)
  local want = buf.f32(n + 64)
  want:fill(-7.5)
  for i = 0, n - 1 do want[i] = a[i] + b[i] end
  expect.buffer(out, want, { what = ("out (n = %d; elements from %d are past the end)"):format(n, n), hint = 2 })
end

test("n = 1: one thread of a 256-thread block does the work", function() check(1) end)
test("n = 1000: the last block is partly past the end", function() check(1000) end)
test("n = 4096: whole blocks", function() check(4096) end)
test("n = 100003, large and small values", function() check(100003, -1e30, 1e30) end)

-- Timed: 32M floats, fresh inputs every repetition, every output checked against the
-- reference kernel, L2 written over before each launch.
local N = 1 << 25
test("speed: at least 74% of this GPU's copy bandwidth", function()
  local a, b = buf.f32(N, { name = "a" }), buf.f32(N, { name = "b" })
  local out, want = buf.f32(N, { name = "out" }), buf.f32(N, { name = "reference out" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      a:random(seed + 2 * rep, -1000, 1000)
      b:random(seed + 2 * rep + 1, -1000, 1000)
      return rep
    end,
    learner = function() return add, cfg(N), out, a, b, N end,
    against = "copy",
    bytes = 3 * 4 * N,
    check = function()
      ref:launch(cfg(N), want, a, b, N)
      expect.buffer(out, want, { what = "out (32M elements)" })
    end,
  })
end)
