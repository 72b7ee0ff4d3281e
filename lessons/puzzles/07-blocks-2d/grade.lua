local cuda = require "cuda"
local blocks2d = cuda.kernel "void blocks2d(float *out, const float *a, int size)"

local function check(size, bx, by)
  local n = size * size
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  local out = buf.f32(n, { name = "out", align = 4 })
  local grid = { (size + bx - 1) // bx, (size + by - 1) // by }
  blocks2d:launch({ grid = grid, block = { bx, by } }, out, a, size)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = i + 10 end
  cuda.expect_grid(out, want, size, ("out (%dx%d, %dx%d blocks of %dx%d)"):format(size, size, grid[1], grid[2], bx, by), { hint = 2 })
end

test("5x5 matrix, 2x2 blocks of 3x3 threads", function() check(5, 3, 3) end)
test("4x4 matrix, 2x2 blocks of 2x2 threads", function() check(4, 2, 2) end)
test("6x6 matrix, blocks of 4 columns by 2 rows", function() check(6, 4, 2) end)
test("100x100 matrix, blocks of 16x16", function() check(100, 16, 16) end)
