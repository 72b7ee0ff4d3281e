local cuda = require "cuda"
local map2d = cuda.kernel "void map2d(float *out, const float *a, int size)"

local function check(size, bx, by)
  local n = size * size
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  local out = buf.f32(n, { name = "out", align = 4 })
  map2d:launch({ grid = 1, block = { bx, by } }, out, a, size)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = i + 10 end
  cuda.expect_grid(out, want, size, ("out (%dx%d, block %dx%d)"):format(size, size, bx, by), { hint = 2 })
end

test("2x2 matrix, 3x3 threads", function() check(2, 3, 3) end)
test("3x3 matrix, exactly 3x3 threads", function() check(3, 3, 3) end)
test("5x5 matrix, 8x8 threads", function() check(5, 8, 8) end)
test("5x5 matrix, 8 columns by 6 rows of threads", function() check(5, 8, 6) end)
test("30x30 matrix, 32x32 threads", function() check(30, 32, 32) end)
