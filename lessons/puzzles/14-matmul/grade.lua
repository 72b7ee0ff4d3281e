local cuda = require "cuda"
local matmul = cuda.kernel "void matmul(float *out, const float *a, const float *b, int size)"

local function tile()
  local t = cuda.constant "tile"
  if t < 1 or t > 32 then fail(("tile is %d; it must be 1 to 32 (a block has at most 1024 threads)"):format(t)) end
  return t
end

local function ints(n, name)
  local x = buf.f32(n * n, { name = name, align = 4 })
  for i = 0, n * n - 1 do x[i] = gen.int(-5, 5) end
  return x
end

local function check(n, a, b)
  local t = tile()
  local blocks = (n + t - 1) // t
  local out = buf.f32(n * n, { name = "out", align = 4 })
  matmul:launch({ grid = { blocks, blocks }, block = { t, t } }, out, a, b, n)
  local want = buf.f32(n * n)
  for r = 0, n - 1 do
    for c = 0, n - 1 do
      local s = 0
      for k = 0, n - 1 do s = s + a[r * n + k] * b[k * n + c] end
      want[r * n + c] = s
    end
  end
  if n <= 8 then
    cuda.expect_grid(out, want, n, ("out (%dx%d, tile %d)"):format(n, n, t), { hint = 2 })
  else
    cuda.expect(out, want, { what = "out", context = ("%dx%d, tile %d"):format(n, n, t), hint = 2 })
  end
end

test("the rule: shared memory for one tile of a and one of b", function()
  local t, bytes = tile(), matmul:static_shared()
  if bytes == 0 then fail("the kernel declares no __shared__ array: stage tiles in shared memory", { hint = 1 }) end
  if bytes > 2 * t * t * 4 then
    fail(("the kernel's __shared__ arrays take %d bytes; two %dx%d tiles are %d bytes"):format(bytes, t, t, 2 * t * t * 4))
  end
end)
test("2x2: a = {{0,1},{2,3}} times itself", function()
  local a = buf.f32({ 0, 1, 2, 3 }, { name = "a" })
  check(2, a, a:copy():name("b"))
end)
test("identity times a 4x4 matrix", function()
  local id = buf.f32(16, { name = "a", align = 4 })
  for i = 0, 3 do id[i * 4 + i] = 1 end
  check(4, id, ints(4, "b"))
end)
test("8x8: two tiles in each direction", function() check(8, ints(8, "a"), ints(8, "b")) end)
test("7x7: tiles that stick out of the matrix", function() check(7, ints(7, "a"), ints(7, "b")) end)
test("33x33 random integers", function() check(33, ints(33, "a"), ints(33, "b")) end)
