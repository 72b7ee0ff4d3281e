local cuda = require "cuda"
local guards = cuda.kernel "void guards(float *out, const float *a, int size)"

-- n elements, `threads` threads in one block.
local function check(n, threads)
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  local out = buf.f32(n, { name = "out", align = 4 })
  guards:launch({ grid = 1, block = threads }, out, a, n)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = i + 10 end
  cuda.expect(out, want, { what = "out", context = ("%d elements, %d threads"):format(n, threads), hint = 1 })
end

test("no elements at all, 32 threads", function() check(0, 32) end)
test("4 elements, 8 threads", function() check(4, 8) end)
test("as many threads as elements", function() check(8, 8) end)
test("1 element, 32 threads", function() check(1, 32) end)
test("100 elements, 128 threads", function() check(100, 128) end)
test("1000 elements, 1024 threads", function() check(1000, 1024) end)
