local cuda = require "cuda"
local axis_sum = cuda.kernel "void axis_sum(float *out, const float *a, int rows, int cols)"
local TPB = 8

local function check(rows, cols, a)
  local out = buf.f32(rows, { name = "out", align = 4 })
  axis_sum:launch({ grid = { 1, rows }, block = TPB }, out, a, rows, cols)
  local want = buf.f32(rows)
  for r = 0, rows - 1 do
    local s = 0
    for c = 0, cols - 1 do s = s + a[r * cols + c] end
    want[r] = s
  end
  cuda.expect(out, want, { what = "out", context = ("%d rows of %d"):format(rows, cols), hint = 1 })
end

local function counting(rows, cols)
  local a = buf.f32(rows * cols, { name = "a", align = 4 })
  for i = 0, rows * cols - 1 do a[i] = i end
  return a
end

local function ints(rows, cols)
  local a = buf.f32(rows * cols, { name = "a", align = 4 })
  for i = 0, rows * cols - 1 do a[i] = gen.int(-30, 30) end
  return a
end

test("the rule: a shared array of at most TPB (8) floats", function()
  local bytes = axis_sum:static_shared()
  if bytes == 0 then fail("the kernel declares no __shared__ array", { hint = 1 }) end
  if bytes > TPB * 4 then fail(("the kernel's __shared__ arrays take %d bytes; at most %d are allowed"):format(bytes, TPB * 4)) end
end)
test("4 rows of 6: a = 0..23", function() check(4, 6, counting(4, 6)) end)
test("1 row of 8", function() check(1, 8, counting(1, 8)) end)
test("5 rows of 1", function() check(5, 1, counting(5, 1)) end)
test("random integers, 30 rows of 7", function() check(30, 7, ints(30, 7)) end)
