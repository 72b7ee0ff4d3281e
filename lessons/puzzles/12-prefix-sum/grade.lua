local cuda = require "cuda"
local prefix_sum = cuda.kernel "void prefix_sum(float *out, const float *a, int size)"
local TPB = 8

local function check(n, a)
  local out = buf.f32(n, { name = "out", align = 4 })
  prefix_sum:launch({ grid = (n + TPB - 1) // TPB, block = TPB }, out, a, n)
  local want, run = buf.f32(n), 0
  for i = 0, n - 1 do
    if i % TPB == 0 then run = 0 end
    run = run + a[i]
    want[i] = run
  end
  cuda.expect(out, want, { what = "out", context = ("%d elements, blocks of %d"):format(n, TPB), hint = 1 })
end

local function ones(n)
  local a = buf.f32(n, { name = "a", align = 4 })
  return a:fill(1)
end

local function ints(n)
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = gen.int(-20, 20) end
  return a
end

test("the rule: a shared array of at most TPB (8) floats", function()
  local bytes = prefix_sum:static_shared()
  if bytes == 0 then fail("the kernel declares no __shared__ array", { hint = 1 }) end
  if bytes > TPB * 4 then fail(("the kernel's __shared__ arrays take %d bytes; at most %d are allowed"):format(bytes, TPB * 4)) end
end)
test("8 ones: 1, 2, ..., 8", function() check(8, ones(8)) end)
test("a = 0..7", function()
  local a = buf.f32(8, { name = "a", align = 4 })
  for i = 0, 7 do a[i] = i end
  check(8, a)
end)
test("15 elements: the second block restarts at 0", function() check(15, ones(15)) end)
test("1 element", function() check(1, ints(1)) end)
test("random integers, 100 elements", function() check(100, ints(100)) end)
