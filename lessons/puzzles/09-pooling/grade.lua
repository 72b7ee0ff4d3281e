local cuda = require "cuda"
local pooling = cuda.kernel "void pooling(float *out, const float *a, int size)"
local TPB = 8

local function check(n, a)
  local out = buf.f32(n, { name = "out", align = 4 })
  pooling:launch({ grid = 1, block = TPB }, out, a, n)
  local want = buf.f32(n)
  for i = 0, n - 1 do
    local s = a[i]
    if i >= 1 then s = s + a[i - 1] end
    if i >= 2 then s = s + a[i - 2] end
    want[i] = s
  end
  cuda.expect(out, want, { what = "out", hint = 2 })
end

local function counting(n)
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  return a
end

test("the rule: a shared array of at most TPB (8) floats", function()
  local bytes = pooling:static_shared()
  if bytes == 0 then fail("the kernel declares no __shared__ array: neighbours must come from shared memory", { hint = 1 }) end
  if bytes > TPB * 4 then fail(("the kernel's __shared__ arrays take %d bytes; at most %d are allowed"):format(bytes, TPB * 4)) end
end)
test("the rule: each element of a is read from global memory once", function()
  local a = counting(8)
  pooling:launch({ grid = 1, block = TPB, count_reads = true }, buf.f32(8, { name = "out", align = 4 }), a, 8)
  cuda.expect_one_read(a, "a", { hint = 1 })
end)
test("a = 0..7", function() check(8, counting(8)) end)
test("3 elements (5 idle threads)", function() check(3, counting(3)) end)
test("1 element", function() check(1, counting(1)) end)
test("random integers", function()
  local a = buf.f32(8, { name = "a", align = 4 })
  for i = 0, 7 do a[i] = gen.int(-100, 100) end
  check(8, a)
end)
