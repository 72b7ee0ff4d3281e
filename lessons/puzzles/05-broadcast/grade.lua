local cuda = require "cuda"
local broadcast = cuda.kernel "void broadcast(float *out, const float *a, const float *b, int size)"

local function check(size, bx, by, a, b)
  local out = buf.f32(size * size, { name = "out", align = 4 })
  broadcast:launch({ grid = 1, block = { bx, by } }, out, a, b, size)
  local want = buf.f32(size * size)
  for r = 0, size - 1 do
    for c = 0, size - 1 do want[r * size + c] = a[r] + b[c] end
  end
  cuda.expect_grid(out, want, size, ("out (%dx%d, block %dx%d)"):format(size, size, bx, by), { hint = 1 })
end

local function steps(n, name, step)
  local x = buf.f32(n, { name = name, align = 4 })
  for i = 0, n - 1 do x[i] = i * step end
  return x
end

test("2x2: a = {0, 1} down, b = {0, 10} across", function()
  check(2, 3, 3, steps(2, "a", 1), steps(2, "b", 10))
end)
test("4x4 with 4x4 threads: a = rows 0,100,200,300; b = columns 0..3", function()
  check(4, 4, 4, steps(4, "a", 100), steps(4, "b", 1))
end)
test("7x7 with 8x8 threads, random values", function()
  check(7, 8, 8, gen.f32(7, { lo = -9, hi = 9, name = "a", align = 4 }), gen.f32(7, { lo = -9, hi = 9, name = "b", align = 4 }))
end)
test("20x20 with 32x24 threads", function()
  check(20, 32, 24, steps(20, "a", 1000), steps(20, "b", 1))
end)
