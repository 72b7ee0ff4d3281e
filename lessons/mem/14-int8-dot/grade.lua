local dot = learner.fn "int32_t dot_i8(const int8_t *a, const int8_t *b, long n)"
local exact = learner.fn "long long harness_exact(const int8_t *a, const int8_t *b, long n)"
local chunks = learner.fn "long long harness_dot_chunks(const int8_t *a, const int8_t *b, long n)"
local reference_chunks = reference.fn "long long harness_dot_chunks(const int8_t *a, const int8_t *b, long n)"

local function check(a, pa, b, pb, n, what, opts)
  expect(dot(pa, pb, n), ("dot_i8 of %s (n = %d)"):format(what, n)):eq(exact(pa, pb, n), opts)
end

local function bytes(n, name) return gen.i8(n, { lo = -128, hi = 127, name = name }) end

test("n = 0", function()
  expect(dot(buf.i8(0, { name = "a" }), buf.i8(0, { name = "b" }), 0), "dot_i8 of two empty arrays"):eq(0)
end)

test("every n from 1 to 100", function()
  for n = 1, 100 do
    local a, b = bytes(n, "a"), bytes(n, "b")
    check(a, a, b, b, n, "random bytes", { hint = 2 })
  end
end)

test("negative values: every byte taken as signed", function()
  local a = buf.i8({ -1, -2, -3, -128, 127, -128, 5, -7, -100 }, { name = "a" })
  local b = buf.i8({ 1, -2, 3, 1, -1, -1, -5, -7, 100 }, { name = "b" })
  check(a, a, b, b, 9, "{-1, -2, -3, -128, 127, -128, 5, -7, -100} . {1, -2, 3, 1, -1, -1, -5, -7, 100}", { hint = 1 })
end)

test("extremes: -128 * -128 and the largest sums", function()
  for _, case in ipairs { { -128, -128 }, { -128, 127 }, { 127, 127 }, { 127, -128 } } do
    for _, n in ipairs { 32, 33, 4096, 65536 } do
      local a = buf.i8(n, { name = "a" }):fill(case[1])
      local b = buf.i8(n, { name = "b" }):fill(case[2])
      check(a, a, b, b, n, ("all a = %d, all b = %d"):format(case[1], case[2]), { hint = 3 })
    end
  end
end)

test("arrays that do not start on a 32-byte boundary", function()
  for off = 1, 31, 3 do
    local n = 1000
    local a, b = bytes(n + off, "a"), bytes(n + off, "b")
    check(a, a:ptr(off), b, b:ptr(off), n, ("random bytes, a and b starting %d bytes in"):format(off))
    check(a, a:ptr(off), b, b:ptr(0), n, ("random bytes, only a starting %d bytes in"):format(off))
  end
end)

test("random lengths up to 65536", function()
  for _ = 1, 20 do
    local n = gen.int(1, 65536)
    local a, b = bytes(n, "a"), bytes(n, "b")
    check(a, a, b, b, n, "random bytes", { hint = 2 })
  end
end)

test("speed: 2 x 256 MiB of int8, in 64 K chunks", function()
  local n = 256 * 1024 * 1024
  local a = buf.i8(n, { name = "a" }):random(seed, -128, 127)
  local b = buf.i8(n, { name = "b" }):random(seed + 1, -128, 127)
  local want = exact(a, b, n)
  local got
  local _, ml, ma = bench.compare("dot", {
    reps = 7,
    inputs = function()
      for _ = 1, 64 do -- change a few bytes so that no two repetitions see the same data
        local p, v = math.random(0, n - 1), math.random(-128, 127)
        want = want + (v - a[p]) * b[p]
        a[p] = v
      end
    end,
    learner = function() got = chunks(a, b, n) end,
    against = function() reference_chunks(a, b, n) end,
    check = function() expect(got, "sum of dot_i8 over 4096 chunks of 64 K random bytes"):eq(want) end,
  })
  info(("256 M byte pairs from DRAM: yours %.1f ms (%.1f GB/s), the reference %.1f ms (%.1f GB/s)")
    :format(ml * 1e3, 2 * n / ml / 1e9, ma * 1e3, 2 * n / ma / 1e9))
end)
