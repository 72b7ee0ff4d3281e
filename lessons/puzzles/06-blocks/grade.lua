local cuda = require "cuda"
local blocks = cuda.kernel "void blocks(float *out, const float *a, int size)"

local function check(n, tpb)
  local nblocks = (n + tpb - 1) // tpb
  local a = buf.f32(n, { name = "a", align = 4 })
  for i = 0, n - 1 do a[i] = i end
  local out = buf.f32(n, { name = "out", align = 4 })
  blocks:launch({ grid = nblocks, block = tpb }, out, a, n)
  local want = buf.f32(n)
  for i = 0, n - 1 do want[i] = i + 10 end
  cuda.expect(out, want, { what = "out", context = ("%d elements, %d blocks of %d threads"):format(n, nblocks, tpb), hint = 2 })
end

test("9 elements, 3 blocks of 4 threads", function() check(9, 4) end)
test("8 elements, 2 blocks of 4 threads", function() check(8, 4) end)
test("1 element, 1 block of 4 threads", function() check(1, 4) end)
test("97 elements (a prime), 4 blocks of 32 threads", function() check(97, 32) end)
test("1000 elements, 8 blocks of 128 threads", function() check(1000, 128) end)
test("a million elements, blocks of 256 threads", function() check(1 << 20, 256) end)
