local cuda = require "cuda"
local decl = "void matmul(float *c, const float *a, const float *b, int m, int n, int k)"
local mm = cuda.kernel(decl)

-- The launch from the file's exported tile shape (side = "learner" or "reference").
local function shape(side)
  local bm, bn = cuda.constant("bm", side), cuda.constant("bn", side)
  local tm, tn = cuda.constant("tm", side), cuda.constant("tn", side)
  if bm < 1 or bn < 1 or tm < 1 or tn < 1 or bm % tm ~= 0 or bn % tn ~= 0 then
    fail(("bm = %d, bn = %d, tm = %d, tn = %d: each must be 1 or more, bm divisible by tm and bn by tn"):format(bm, bn, tm, tn))
  end
  local tx, ty = bn // tn, bm // tm
  if tx * ty > 1024 then fail(("a block of %d x %d threads is more than 1024"):format(tx, ty)) end
  return { bm = bm, bn = bn, block = { tx, ty } }
end

local function cfg(s, m, n) return { grid = { (n + s.bn - 1) // s.bn, (m + s.bm - 1) // s.bm }, block = s.block } end

local function ints(count, name)
  local x = buf.f32(count, { name = name, align = 4 })
  for i = 0, count - 1 do x[i] = gen.int(-4, 4) end
  return x
end

-- Small integers: every sum is exact in float, whatever the order.
local function check(m, n, k)
  local s = shape("learner")
  local a, b = ints(m * k, "a"), ints(k * n, "b")
  local c = buf.f32(m * n + 64, { name = "c", align = 4 })
  c:fill(-7.5)
  mm:launch(cfg(s, m, n), c, a, b, m, n, k)
  local want = buf.f32(m * n + 64)
  want:fill(-7.5)
  for i = 0, m - 1 do
    for j = 0, n - 1 do
      local acc = 0
      for kk = 0, k - 1 do acc = acc + a[i * k + kk] * b[kk * n + j] end
      want[i * n + j] = acc
    end
  end
  cuda.expect(c, want, { what = "c", hint = 3,
    context = ("m = %d, n = %d, k = %d, tiles of %d x %d (c[i * %d + j]; from %d on is past the end)"):format(
      m, n, k, s.bm, s.bn, n, m * n) })
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  local s = shape("learner")
  cuda.expect_resources(mm, { max_shared = 48 * 1024, no_spills = true }, { block = s.block })
end)
test("1 x 1 x 1", function() check(1, 1, 1) end)
test("m = 7, n = 5, k = 3", function() check(7, 5, 3) end)
test("128 x 128 x 128: whole tiles, every row a multiple of 4 floats", function() check(128, 128, 128) end)
test("m = 130, n = 132, k = 20: rows of a multiple of 4 floats, tiles sticking out", function() check(130, 132, 20) end)
test("m = 65, n = 33, k = 17: odd sizes, no row 16-byte aligned", function() check(65, 33, 17) end)
test("m = 3, n = 260, k = 70: a wide, short product", function() check(3, 260, 70) end)
test("m = 260, n = 2, k = 129: a tall, thin product", function() check(260, 2, 129) end)

-- Timed: 4096 x 4096 x 4096 (137 GFLOP, a few ms per launch), fresh inputs every repetition,
-- against the reference kernel on the same inputs; every output compared with the reference's.
local N = 4096
test("speed: within 1.5x of the reference kernel", function()
  local ref = cuda.reference(decl)
  local s, rs = shape("learner"), shape("reference")
  local a, b = buf.f32(N * N, { name = "a" }), buf.f32(N * N, { name = "b" })
  local c, want = buf.f32(N * N, { name = "c" }), buf.f32(N * N, { name = "reference c" })
  cuda.bench("matmul", {
    reps = 5, warmup = 1, flush_l2 = false,
    inputs = function(rep)
      a:random(seed + 2 * rep, -1, 1)
      b:random(seed + 2 * rep + 1, -1, 1)
      return rep
    end,
    learner = function() return mm, cfg(s, N, N), c, a, b, N, N, N end,
    against = function() return ref, cfg(rs, N, N), want, a, b, N, N, N end,
    check = function()
      expect.buffer(c, want, { what = "c (4096 x 4096 x 4096)", rtol = 1e-3, atol = 1e-3 })
    end,
  })
  cuda.against_cublas_sgemm{ learner = function() return mm, cfg(s, N, N), c, a, b, N, N, N end,
                             a = a, b = b, c = c, m = N, n = N, k = N }
end)
