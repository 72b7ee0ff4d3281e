local cuda = require "cuda"
local zip = cuda.kernel "void zip(float *out, const float *a, const float *b, int size)"

local function check(n, a, b)
  local out = buf.f32(n, { name = "out", align = 4 })
  zip:launch({ grid = 1, block = n }, out, a, b, n)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = a[i] + b[i] end
  cuda.expect(out, want, { what = "out", hint = 1 })
end

local function counting(n, name, scale)
  local x = buf.f32(n, { name = name, align = 4 })
  for i = 0, n - 1 do x[i] = i * scale end
  return x
end

test("4 threads: a = {0,1,2,3}, b = {0,10,20,30}", function()
  check(4, counting(4, "a", 1), counting(4, "b", 10))
end)
test("a and b differ: b is not a", function()
  check(8, counting(8, "a", 1), counting(8, "b", -3))
end)
test("one thread", function() check(1, buf.f32({ 2 }, { name = "a" }), buf.f32({ 5 }, { name = "b" })) end)
test("random values, 300 threads", function()
  check(300, gen.f32(300, { lo = -100, hi = 100, name = "a", align = 4 }),
             gen.f32(300, { lo = -100, hi = 100, name = "b", align = 4 }))
end)
