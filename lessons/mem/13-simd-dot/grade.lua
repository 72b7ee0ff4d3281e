local dot = learner.fn "float dot(const float *a, const float *b, long n)"
local scalar = learner.fn "float harness_dot_scalar(const float *a, const float *b, long n)"
local exact = learner.fn "double harness_dot_exact(const float *a, const float *b, long n)"
local absdot = learner.fn "double harness_dot_abs(const float *a, const float *b, long n)"

-- Small integers: every product and partial sum is exact in float, in any order, so the
-- answer must be exact too.
local function ints(n, name) return gen.f32(n, { lo = -8, hi = 8, name = name }) end
local function round_all(x, n) for i = 0, n - 1 do x[i] = math.floor(x[i] + 0.5) end return x end

local function check_exact(a, pa, b, pb, n, what, opts)
  expect(dot(pa, pb, n), ("dot of %s (n = %d)"):format(what, n)):eq(exact(pa, pb, n), opts)
end

test("n = 0", function()
  expect(dot(buf.f32(0, { name = "a" }), buf.f32(0, { name = "b" }), 0), "dot of two empty arrays"):eq(0)
end)

test("every n from 1 to 100 (whole vectors and the tail)", function()
  for n = 1, 100 do
    local a, b = round_all(ints(n, "a"), n), round_all(ints(n, "b"), n)
    check_exact(a, a, b, b, n, "small integers", { hint = 2 })
  end
end)

test("arrays that do not start on a 32-byte boundary", function()
  for off = 1, 7 do
    local n = 203
    local a, b = round_all(ints(n + off, "a"), n + off), round_all(ints(n + off, "b"), n + off)
    check_exact(a, a:ptr(off), b, b:ptr(off), n, ("small integers, a and b starting %d floats past their buffers' start"):format(off), { hint = 1 })
    check_exact(a, a:ptr(off), b, b:ptr(0), n, ("small integers, only a offset by %d"):format(off), { hint = 1 })
  end
end)

test("random floats, against a sum in double", function()
  for _ = 1, 20 do
    local n = gen.int(1, 200000)
    local a, b = gen.f32(n, { lo = -1, hi = 1, name = "a" }), gen.f32(n, { lo = -1, hi = 1, name = "b" })
    local want, scale = exact(a, b, n), absdot(a, b, n)
    expect(dot(a, b, n), ("dot of %d random floats in [-1, 1]"):format(n)):near(want, { atol = 1e-5 * scale + 1e-6 })
  end
end)

test("a NaN anywhere makes the result NaN", function()
  for _, n in ipairs { 7, 8, 33, 100 } do
    for _, pos in ipairs { 0, n // 2, n - 1 } do
      local a, b = buf.f32(n, { name = "a" }):fill(1), buf.f32(n, { name = "b" }):fill(2)
      a[pos] = 0 / 0
      local got = dot(a, b, n)
      if got == got then
        fail(("dot with a NaN at a[%d] (n = %d) returned %g: element %d was not included"):format(pos, n, got, pos), { hint = 2 })
      end
    end
  end
end)

test("in cache: 4096 floats (shown, not graded)", function()
  local n = 4096
  local a, b = gen.f32(n, { lo = -1, hi = 1, name = "a" }), gen.f32(n, { lo = -1, hi = 1, name = "b" })
  local function best(f)
    local t = math.huge
    for _ = 1, 5 do
      local t0 = kd.clock()
      for _ = 1, 2000 do f(a, b, n) end
      t = math.min(t, kd.clock() - t0)
    end
    return t / 2000
  end
  local mine, theirs = best(dot), best(scalar)
  info(("4096 floats from L1: your dot %.2f us, the scalar loop %.2f us: %.1fx faster")
    :format(mine * 1e6, theirs * 1e6, theirs / mine))
end)

-- Timed on 2 x 4 MiB: past L2, inside L3, where the scalar loop is limited by its chain of
-- additions and the vector loop by L3 bandwidth. From DRAM both loops would wait on memory
-- bandwidth, which other programs on the machine share: a ratio measured there says more
-- about the neighbours than about the code.
test("speed: 2 x 1 M floats (8 MiB, in L3), 4 dots per repetition", function()
  local n, calls = 1024 * 1024, 4
  local a = buf.f32(n, { name = "a" }):random(seed, -1, 1)
  local b = buf.f32(n, { name = "b" }):random(seed + 1, -1, 1)
  local want, scale = exact(a, b, n), absdot(a, b, n)
  local got
  local ratio, ml, ma = bench.compare("dot", {
    reps = 15,
    inputs = function()
      for _ = 1, 16 do -- change a few elements so that no two repetitions see the same data
        local p = math.random(0, n - 1)
        local v = math.random(-1000, 1000) / 1000
        want = want + (v - a[p]) * b[p]
        a[p] = v
      end
    end,
    learner = function() for _ = 1, calls do got = dot(a, b, n) end end,
    against = function() for _ = 1, calls do scalar(a, b, n) end end,
    check = function()
      expect(got, "dot of 1 M random floats"):near(want, { atol = 1e-6 * scale })
    end,
  })
  info(("1 M floats from L3: your dot %.1f us (%.1f GB/s), the scalar loop %.1f us (%.1f GB/s)")
    :format(ml / calls * 1e6, 8 * n * calls / ml / 1e9, ma / calls * 1e6, 8 * n * calls / ma / 1e9))
end)
