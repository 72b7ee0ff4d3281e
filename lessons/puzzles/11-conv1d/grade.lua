local cuda = require "cuda"
local conv1d = cuda.kernel "void conv1d(float *out, const float *a, const float *b, int a_size, int b_size)"
local TPB, MAX_CONV = 8, 4

local function check(na, nb, a, b)
  local out = buf.f32(na, { name = "out", align = 4 })
  conv1d:launch({ grid = (na + TPB - 1) // TPB, block = TPB }, out, a, b, na, nb)
  local want = buf.f32(na)
  for i = 0, na - 1 do
    local s = 0
    for j = 0, nb - 1 do
      if i + j < na then s = s + a[i + j] * b[j] end
    end
    want[i] = s
  end
  cuda.expect(out, want, { what = "out", context = ("a_size %d, b_size %d"):format(na, nb), hint = 1 })
end

local function counting(n, name)
  local x = buf.f32(n, { name = name, align = 4 })
  for i = 0, n - 1 do x[i] = i end
  return x
end

local function ints(n, name)
  local x = buf.f32(n, { name = name, align = 4 })
  for i = 0, n - 1 do x[i] = gen.int(-9, 9) end
  return x
end

test("the rule: shared memory for one tile, its halo and b", function()
  local bytes, limit = conv1d:static_shared(), (TPB + 2 * MAX_CONV - 1) * 4
  if bytes == 0 then fail("the kernel declares no __shared__ array", { hint = 1 }) end
  if bytes > limit then fail(("the kernel's __shared__ arrays take %d bytes; at most %d (TPB + MAX_CONV - 1 + MAX_CONV floats) are allowed"):format(bytes, limit)) end
end)
test("the rule: each block reads each element of a and b once", function()
  local na, nb = 15, 4
  local a, b = counting(na, "a"), counting(nb, "b")
  conv1d:launch({ grid = (na + TPB - 1) // TPB, block = TPB, count_reads = true }, buf.f32(na, { name = "out", align = 4 }), a, b, na, nb)
  cuda.expect_one_read(a, "a", { hint = 1 })
  cuda.expect_one_read(b, "b", { hint = 1 })
end)
test("a = 0..5, b = 0..2: one block", function() check(6, 3, counting(6, "a"), counting(3, "b")) end)
test("a = 0..14, b = 0..3: two blocks, the halo crosses into the second", function()
  check(15, 4, counting(15, "a"), counting(4, "b"))
end)
test("b of one element", function() check(8, 1, counting(8, "a"), buf.f32({ 3 }, { name = "b" })) end)
test("16 elements, exactly two blocks", function() check(16, 4, ints(16, "a"), ints(4, "b")) end)
test("random integers, 45 elements", function() check(45, 3, ints(45, "a"), ints(3, "b")) end)
