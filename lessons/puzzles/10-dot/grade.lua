local cuda = require "cuda"
local dot = cuda.kernel "void dot(float *out, const float *a, const float *b, int size)"
local TPB = 8

local function ints(n, name, lo, hi)
  local x = buf.f32(n, { name = name, align = 4 })
  for i = 0, n - 1 do x[i] = gen.int(lo, hi) end
  return x
end

local function check(n, a, b)
  local out = buf.f32(1, { name = "out", align = 4 })
  dot:launch({ grid = 1, block = TPB }, out, a, b, n)
  local want = 0
  for i = 0, n - 1 do want = want + a[i] * b[i] end
  expect(out[0], ("dot of %d elements"):format(n)):eq(want, { hint = 2 })
end

test("the rule: a shared array of at most TPB (8) floats", function()
  local bytes = dot:static_shared()
  if bytes == 0 then fail("the kernel declares no __shared__ array: the products meet in shared memory", { hint = 1 }) end
  if bytes > TPB * 4 then fail(("the kernel's __shared__ arrays take %d bytes; at most %d are allowed"):format(bytes, TPB * 4)) end
end)
test("the rule: each element of a and b is read once", function()
  local a, b = ints(8, "a", -9, 9), ints(8, "b", -9, 9)
  dot:launch({ grid = 1, block = TPB, count_reads = true }, buf.f32(1, { name = "out" }), a, b, 8)
  cuda.expect_one_read(a, "a", { hint = 1 })
  cuda.expect_one_read(b, "b", { hint = 1 })
end)
test("a = 0..7, b = 0..7", function()
  local a, b = buf.f32(8, { name = "a", align = 4 }), buf.f32(8, { name = "b", align = 4 })
  for i = 0, 7 do a[i], b[i] = i, i end
  check(8, a, b)
end)
test("5 elements: idle threads must add nothing", function() check(5, ints(5, "a", -9, 9), ints(5, "b", -9, 9)) end)
test("1 element", function() check(1, ints(1, "a", 1, 9), ints(1, "b", 1, 9)) end)
test("random integers", function()
  for _ = 1, 5 do check(8, ints(8, "a", -50, 50), ints(8, "b", -50, 50)) end
end)
