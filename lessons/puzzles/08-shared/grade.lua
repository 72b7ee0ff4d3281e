local cuda = require "cuda"
local shared_add = cuda.kernel "void shared_add(float *out, const float *a, int size)"
local TPB = 4

local function check(n)
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  local out = buf.f32(n, { name = "out", align = 4 })
  shared_add:launch({ grid = (n + TPB - 1) // TPB, block = TPB }, out, a, n)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = i + 10 end
  cuda.expect(out, want, { what = "out", hint = 1 })
end

test("the rule: a shared array of at most TPB (4) floats", function()
  local bytes = shared_add:static_shared()
  if bytes == 0 then fail("the kernel declares no __shared__ array; the puzzle is to go through one", { hint = 1 }) end
  if bytes > TPB * 4 then
    fail(("the kernel's __shared__ arrays take %d bytes; the rule allows one slot per thread, %d floats = %d bytes"):format(bytes, TPB, TPB * 4))
  end
end)
test("the rule: each block reads each element of a once", function()
  local n = 10
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  local out = buf.f32(n, { name = "out", align = 4 })
  shared_add:launch({ grid = (n + TPB - 1) // TPB, block = TPB, count_reads = true }, out, a, n)
  cuda.expect_one_read(a, "a", { hint = 1 })
end)
test("8 elements, 2 blocks of 4", function() check(8) end)
test("10 elements, 3 blocks of 4 (the last one partly idle)", function() check(10) end)
test("1 element", function() check(1) end)
test("999 elements", function() check(999) end)
