local matmul = learner.fn "void matmul(const double *a, const double *b, double *c, int n)"
local reference_matmul = reference.fn "void matmul(const double *a, const double *b, double *c, int n)"

-- The product computed here in Lua, independently of both C versions.
local function product(a, b, n)
  local c = buf.f64(n * n, { name = "expected c" })
  for i = 0, n - 1 do
    for j = 0, n - 1 do
      local s = 0.0
      for k = 0, n - 1 do s = s + a[i * n + k] * b[k * n + j] end
      c[i * n + j] = s
    end
  end
  return c
end

local function check(n, what, opts)
  local a = gen.f64(n * n, { lo = -2, hi = 2, name = "a" })
  local b = gen.f64(n * n, { lo = -2, hi = 2, name = "b" })
  local c = buf.f64(n * n, { name = "c" }):fill(1e300)
  matmul(a, b, c, n)
  expect.buffer(c, product(a, b, n), { rtol = 1e-10, atol = 1e-12, what = ("c (%s, n = %d)"):format(what, n), hint = opts and opts.hint })
end

test("1 x 1", function() check(1, "one element") end)
test("2 x 2", function() check(2, "two by two") end)
test("identity times b is b", function()
  local n = 5
  local a = buf.f64(n * n, { name = "a" })
  for i = 0, n - 1 do a[i * n + i] = 1 end
  local b = gen.f64(n * n, { lo = -9, hi = 9, name = "b" })
  local c = buf.f64(n * n, { name = "c" }):fill(-1)
  matmul(a, b, c, n)
  expect.buffer(c, b, { what = "c = I * b (n = 5)" })
end)
test("c arrives holding garbage", function() check(7, "c filled with 1e300 first", { hint = 3 }) end)
test("odd and prime sizes", function()
  check(13, "prime")
  check(31, "prime")
end)
test("64 x 64", function() check(64, "a multiple of the tile") end)
test("sizes that are not a multiple of 4", function()
  for _, n in ipairs { 3, 5, 6, 17, 34, 67 } do check(n, "edge tiles cut short", { hint = 3 }) end
end)

test("speed: 1024 x 1024", function()
  local n = 1024
  local a, b = buf.f64(n * n, { name = "a" }), buf.f64(n * n, { name = "b" })
  local mine, theirs = buf.f64(n * n, { name = "c" }), buf.f64(n * n, { name = "reference c" })
  bench.compare("matmul", {
    reps = 5,
    inputs = function(rep)
      a:random(seed + 2 * rep, -1, 1)
      b:random(seed + 2 * rep + 1, -1, 1)
    end,
    learner = function() matmul(a, b, mine, n) end,
    against = function() reference_matmul(a, b, theirs, n) end,
    check = function() expect.buffer(mine, theirs, { rtol = 1e-9, atol = 1e-9, what = "c (n = 1024)" }) end,
  })
end)
