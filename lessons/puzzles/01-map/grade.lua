local cuda = require "cuda"
local map = cuda.kernel "void map(float *out, const float *a, int size)"

-- One block of n threads over n elements; a[i] = i unless given.
local function check(n, a)
  if not a then
    a = buf.f32(n, { name = "a", align = 4 })
    for i = 0, n - 1 do a[i] = i end
  end
  local out = buf.f32(n, { name = "out", align = 4 })
  map:launch({ grid = 1, block = n }, out, a, n)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = a[i] + 10 end
  cuda.expect(out, want, { what = "out", context = ("%d threads"):format(n), hint = 1 })
end

test("4 threads, a = {0, 1, 2, 3}", function() check(4) end)
test("a single thread", function() check(1) end)
test("32 threads, one full warp", function() check(32) end)
test("random values, 100 threads", function()
  check(100, gen.f32(100, { lo = -50, hi = 50, name = "a", align = 4 }))
end)
test("the largest block: 1024 threads", function()
  check(1024, gen.f32(1024, { lo = -1e6, hi = 1e6, name = "a", align = 4 }))
end)
