local gradcheck = require "gradcheck"
local softmax = learner.fn "void softmax(const float *x, float *y, int rows, int cols)"

-- Softmax in double, computed here. x is read as the floats the learner sees.
local function reference(x, rows, cols)
  local X, y = gradcheck.totable(x), {}
  for r = 0, rows - 1 do
    local m = -math.huge
    for j = 0, cols - 1 do m = math.max(m, X[r * cols + j]) end
    local s = 0.0
    for j = 0, cols - 1 do s = s + math.exp(X[r * cols + j] - m) end
    for j = 0, cols - 1 do y[r * cols + j] = math.exp(X[r * cols + j] - m) / s end
  end
  return y
end

-- Stated in the README: every probability within 1e-10 + 1e-5 * its exact value.
local TOL = { rtol = 1e-5, atol = 1e-10 }

local function run(x, rows, cols, context, hint, in_place)
  local want = reference(x, rows, cols)
  local y
  if in_place then
    y = x
  else
    y = buf.f32(rows * cols, { name = "y" }):fill(0 / 0)
  end
  softmax(x, y, rows, cols)
  gradcheck.forward(y, want, { rtol = TOL.rtol, atol = TOL.atol, shape = { rows, cols }, context = context, hint = hint })
  return y
end

local function rows_of(list, name)
  local flat = {}
  for _, row in ipairs(list) do
    for _, v in ipairs(row) do flat[#flat + 1] = v end
  end
  return buf.f32(flat, { name = name or "x" }), #list, #list[1]
end

test("known values: [1, 2, 3]", function()
  local x = buf.f32({ 1, 2, 3 }, { name = "x" })
  run(x, 1, 3, "x = [1, 2, 3]")
end)

test("one column: every probability is 1", function()
  local x = buf.f32({ 5, -3, 0, 1000 }, { name = "x" })
  local y = run(x, 4, 1, "a 4 x 1 matrix")
  for r = 0, 3 do expect(y[r], ("x[%d][0] = %g, y[%d][0]"):format(r, x[r], r)):eq(1) end
end)

test("large logits: [1000, 999, 998]", function()
  local x = buf.f32({ 1000, 999, 998 }, { name = "x" })
  run(x, 1, 3, "x = [1000, 999, 998] (expf(1000) overflows a float)", 1)
end)

test("very negative logits: [-1000, -1001, -1000.5]", function()
  local x = buf.f32({ -1000, -1001, -1000.5 }, { name = "x" })
  run(x, 1, 3, "x = [-1000, -1001, -1000.5] (every expf underflows to 0)", 1)
end)

test("each row has its own maximum", function()
  local x, rows, cols = rows_of { { 1000, 0, -5 }, { 0, 1, 2 }, { -800, -801, -799 } }
  run(x, rows, cols, "rows [1000 0 -5], [0 1 2], [-800 -801 -799]: one maximum per row", 2)
end)

test("masked entries (-inf) get probability 0", function()
  local ninf = -math.huge
  local x, rows, cols = rows_of { { 0.5, ninf, 2, ninf }, { ninf, ninf, ninf, 3 } }
  local y = run(x, rows, cols, "rows [0.5 -inf 2 -inf], [-inf -inf -inf 3]", 2)
  expect(y[1 * 4 + 3], "row [-inf -inf -inf 3]: y[1][3]"):eq(1)
end)

test("y arrives as NaN; rows of 1 to 9 columns", function()
  for cols = 1, 9 do
    run(gen.f32(3 * cols, { lo = -4, hi = 4, name = "x" }), 3, cols, ("3 x %d, logits in [-4, 4)"):format(cols))
  end
end)

test("in place (y == x)", function()
  run(gen.f32(5 * 13, { lo = -10, hi = 10, name = "x" }), 5, 13, "5 x 13, y is x", 3, true)
end)

test("every row sums to 1", function()
  local rows, cols = 16, 257
  local y = run(gen.f32(rows * cols, { lo = -30, hi = 30, name = "x" }), rows, cols, "16 x 257, logits in [-30, 30)")
  for r = 0, rows - 1 do
    local s = 0.0
    for j = 0, cols - 1 do s = s + y[r * cols + j] end
    expect(s, ("row %d of 16 x 257: sum of y"):format(r)):near(1, { rtol = 0, atol = 1e-5 })
  end
end)

test("a vocabulary-sized row: 2 x 50257, logits up to 500", function()
  run(gen.f32(2 * 50257, { lo = -500, hi = 500, name = "x" }), 2, 50257, "2 x 50257, logits in [-500, 500)", 1)
end)
