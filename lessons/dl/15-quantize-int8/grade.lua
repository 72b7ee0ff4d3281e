local gradcheck = require "gradcheck"
local quantize = learner.fn "void quantize_int8_rows(const float *x, int8_t *q, float *scales, int rows, int cols)"
local dequantize = learner.fn "void dequantize_int8_rows(const int8_t *q, const float *scales, float *x, int rows, int cols)"

local function f32(v) return string.unpack("f", string.pack("f", v)) end

-- Round to nearest, ties to even.
local function rint(v)
  local f = math.floor(v)
  local d = v - f
  if d > 0.5 or (d == 0.5 and f % 2 == 1) then f = f + 1 end
  return math.tointeger(f) or f
end

-- The exact codes and scales, computed as the README defines them with float arithmetic
-- (float division is correctly rounded; so is a double division rounded to float).
local function expected(x, rows, cols)
  local q, scales = {}, {}
  for r = 0, rows - 1 do
    local amax = 0.0
    for j = 0, cols - 1 do amax = math.max(amax, math.abs(x[r * cols + j])) end
    local s = f32(amax / 127)
    scales[r] = s
    for j = 0, cols - 1 do
      local v = 0
      if s ~= 0 then v = math.max(-127, math.min(127, rint(f32(x[r * cols + j] / s)))) end
      q[r * cols + j] = v
    end
  end
  return q, scales
end

local function run(x, rows, cols)
  local q = buf.i8(rows * cols, { name = "q" }):fill(-128)
  local scales = buf.f32(rows, { name = "scales" }):fill(0 / 0)
  quantize(x, q, scales, rows, cols)
  return q, scales
end

local function show_row(list)
  local t = {}
  for i, v in ipairs(list) do t[i] = gradcheck.fmt(v) end
  return "[" .. table.concat(t, " ") .. "]"
end

local function exact(list, hint)
  local x = buf.f32(list, { name = "x" })
  local q, scales = run(x, 1, #list)
  local wq, ws = expected(gradcheck.totable(x), 1, #list)
  local ctx = "x = " .. show_row(list)
  expect(scales[0], ctx .. ": scales[0]"):eq(ws[0], { hint = 1 })
  for j = 0, #list - 1 do
    expect(q[j], ("%s: q[%d] (x[%d] / scale = %s)"):format(ctx, j, j, gradcheck.fmt(list[j + 1] / ws[0]))):eq(wq[j], { hint = hint })
  end
end

test("known codes: scale 1", function() exact({ 127, 3, -3, 100.4, -100.6 }, 2) end)
test("known codes: ties go to even", function() exact({ 127, 0.5, 1.5, 2.5, -0.5, -1.5, 63.5, -126.5 }, 2) end)
test("known codes: the scale comes from the largest magnitude", function() exact({ 10, -63.5, 31.75, -12.7 }, 1) end)
test("known codes: the extreme value maps to +-127", function() exact({ 0.001, -0.002, 0.0015 }, 2) end)

test("a row of zeros: scale 0, codes 0", function()
  local x = buf.f32({ 0, 0, 0, 5, -5, 1 }, { name = "x" })
  local q, scales = run(x, 2, 3)
  expect(scales[0], "rows [0 0 0], [5 -5 1]: scales[0]"):eq(0, { hint = 1 })
  for j = 0, 2 do expect(q[j], ("row [0 0 0]: q[%d]"):format(j)):eq(0, { hint = 1 }) end
  expect(q[3], "row [5 -5 1]: q[1][0]"):eq(127)
  expect(q[4], "row [5 -5 1]: q[1][1]"):eq(-127, { hint = 2 })
end)

test("every row has its own scale", function()
  local list = { 1, -0.5, 0.25, 1000, 500, -250, 0.001, 0.002, -0.001 }
  local x = buf.f32(list, { name = "x" })
  local q, scales = run(x, 3, 3)
  local wq, ws = expected(gradcheck.totable(x), 3, 3)
  expect.buffer(scales, gradcheck.f64(ws), { what = "scales (rows with maxima 1, 1000, 0.002)", hint = 1 })
  expect.buffer(q, gradcheck.f64(wq), { what = "q (rows with maxima 1, 1000, 0.002)", hint = 2 })
end)

-- Random rows: scales within a relative 1e-6 of max|x| / 127, and every element within
-- half a step of its value after dequantisation (plus 1e-4 of a step of rounding slack).
local function check_random(rows, cols, lo, hi)
  local x = gen.f32(rows * cols, { lo = lo, hi = hi, name = "x" })
  local q, scales = run(x, rows, cols)
  local _, ws = expected(gradcheck.totable(x), rows, cols)
  local ctx = ("%d x %d, x in [%g, %g)"):format(rows, cols, lo, hi)
  gradcheck.forward(scales, ws, { rtol = 1e-6, atol = 0, context = ctx, hint = 1 })
  for r = 0, rows - 1 do
    local s = scales[r]
    for j = 0, cols - 1 do
      local k = r * cols + j
      local err = math.abs(x[k] - q[k] * s)
      if err > s * (0.5 + 1e-4) then
        fail(("%s: q[%d][%d] = %d for x = %s with scale %s: error %s is more than half a step (%s)"):format(
          ctx, r, j, q[k], gradcheck.fmt(x[k]), gradcheck.fmt(s), gradcheck.fmt(err), gradcheck.fmt(s / 2)), { hint = 2 })
      end
      if q[k] < -127 then fail(("%s: q[%d][%d] = %d; codes must stay within [-127, 127]"):format(ctx, r, j, q[k]), { hint = 2 }) end
    end
  end
end

test("random rows: the error bound", function()
  check_random(8, 64, -1, 1)
  check_random(5, 33, -300, 20)
  check_random(1, 4096, -0.01, 0.01)
end)
test("random shapes", function()
  for _ = 1, 10 do check_random(gen.int(1, 9), gen.int(1, 200), -gen.float(0.1, 100), gen.float(0.1, 100)) end
end)

test("dequantize: q * scale", function()
  local q = buf.i8({ 127, -127, 0, 5, -64, 1 }, { name = "q" })
  local scales = buf.f32({ 0.5, 0.0078125 }, { name = "scales" })
  local x = buf.f32(6, { name = "x" }):fill(0 / 0)
  dequantize(q, scales, x, 2, 3)
  expect.buffer(x, buf.f32({ 63.5, -63.5, 0, 5 * 0.0078125, -64 * 0.0078125, 0.0078125 }), { what = "x (q = [127 -127 0], [5 -64 1], scales 0.5, 0.0078125)", hint = 3 })
end)

test("round trip: dequantize(quantize(x))", function()
  local rows, cols = 16, 256
  local x = gen.f32(rows * cols, { lo = -4, hi = 4, name = "x" })
  local q, scales = run(x, rows, cols)
  local back = buf.f32(rows * cols, { name = "x'" }):fill(0 / 0)
  dequantize(q, scales, back, rows, cols)
  local want, bound = {}, {}
  for r = 0, rows - 1 do
    for j = 0, cols - 1 do
      want[r * cols + j], bound[r * cols + j] = x[r * cols + j], scales[r] * (0.5 + 1e-4)
    end
  end
  gradcheck.forward(back, want, { rtol = 1, atol = 0, scale = bound, shape = { rows, cols },
    context = "16 x 256, x in [-4, 4): |x' - x| must be at most half a step (scale / 2)", hint = 2 })
end)
